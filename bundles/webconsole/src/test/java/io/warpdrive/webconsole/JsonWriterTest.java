package io.warpdrive.webconsole;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonWriterTest {

    @Test
    void writesNestedContainersWithCommasInTheRightPlaces() {
        String json = new JsonWriter().beginObject().member("a", 1).name("b").beginArray().value("x").value(true)
                .nullValue().beginObject().endObject().beginArray().endArray().endArray().member("c", false)
                .endObject().toString();
        assertEquals("{\"a\":1,\"b\":[\"x\",true,null,{},[]],\"c\":false}", json);
        MiniJson.parse(json);
    }

    @Test
    void escapesWhatJsonAndAPageRequire() {
        String nasty = "quote\" back\\ nl\n tab\t cr\r nul\u0000 bell\u0007 </script> \u2028 é 漢";
        String json = new JsonWriter().beginObject().member("s", nasty).endObject().toString();
        assertEquals(nasty, MiniJson.object(json).get("s"), "the string survives a round trip");
        assertEquals(-1, json.indexOf('<'), "no raw '<' (no </script> in a page)");
        assertEquals(-1, json.indexOf('\u2028'));
    }

    @Test
    void numbers() {
        String json = new JsonWriter().beginArray().value(3.0).value(2.5).value(-0.125).value(1e20).value(Long.MAX_VALUE)
                .value(Double.NaN).value(Double.POSITIVE_INFINITY).endArray().toString();
        assertEquals("[3,2.5,-0.125,1.0E20," + Long.MAX_VALUE + ",null,null]", json);
        List<?> parsed = (List<?>) MiniJson.parse(json);
        assertEquals(1e20, parsed.get(3));
    }

    @Test
    void nullStringIsNull() {
        assertEquals("{\"s\":null}", new JsonWriter().beginObject().member("s", (String) null).endObject().toString());
    }

    @Test
    void stringMapKeepsOrder() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("z", "1");
        m.put("a", "2");
        assertEquals("{\"z\":\"1\",\"a\":\"2\"}", new JsonWriter().stringMap(m).toString());
    }

    @Test
    void misuseIsCaught() {
        assertThrows(IllegalStateException.class, () -> new JsonWriter().beginObject().value(1));
        assertThrows(IllegalStateException.class, () -> new JsonWriter().beginArray().name("x"));
        assertThrows(IllegalStateException.class, () -> new JsonWriter().beginObject().endArray());
        assertThrows(IllegalStateException.class, () -> new JsonWriter().beginObject().name("a").endObject());
        assertThrows(IllegalStateException.class, () -> new JsonWriter().beginObject().toString());
        assertThrows(IllegalStateException.class, () -> new JsonWriter().value(1).value(2));
    }
}
