package io.warpdrive.webconsole;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoadHistoryTest {

    private static LoadHistory.Point p(String driver, double throughput, double inFlight) {
        return new LoadHistory.Point(driver, throughput, inFlight);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(LoadHistory h) {
        JsonWriter w = new JsonWriter();
        h.writeJson(w);
        return MiniJson.object(w.toString());
    }

    @SuppressWarnings("unchecked")
    private static List<Object> series(Map<String, Object> json, String driver, String key) {
        for (Object o : (List<Object>) json.get("drivers")) {
            Map<String, Object> d = (Map<String, Object>) o;
            if (d.get("name").equals(driver)) {
                return (List<Object>) d.get(key);
            }
        }
        throw new AssertionError("no series " + driver + " in " + json);
    }

    @Test
    void keepsTheNewestPointsOldestFirst() {
        LoadHistory h = new LoadHistory(3, 1000);
        for (int k = 1; k <= 5; k++) {
            h.add(k * 1000L, List.of(p("soft", k * 10.0, k)));
        }
        Map<String, Object> j = json(h);
        assertEquals(3, h.size());
        assertEquals(1000.0, j.get("interval"));
        assertEquals(3.0, j.get("capacity"));
        assertEquals(List.of(3000.0, 4000.0, 5000.0), j.get("t"));
        assertEquals(List.of(30.0, 40.0, 50.0), series(j, "soft", "throughput"));
        assertEquals(List.of(3.0, 4.0, 5.0), series(j, "soft", "inFlight"));
    }

    @Test
    void aDriverThatAppearsLaterHasNullsBeforeAndOneThatLeftIsDroppedOnceOutOfTheWindow() {
        LoadHistory h = new LoadHistory(3, 1000);
        h.add(1, List.of(p("soft", 1, 1)));
        h.add(2, List.of(p("soft", 2, 2), p("hisi_zip", 5, 7)));
        Map<String, Object> j = json(h);
        assertEquals(Arrays.asList(null, 5.0), series(j, "hisi_zip", "throughput"));
        assertEquals(List.of("soft", "hisi_zip"), h.drivers());

        h.add(3, List.of(p("hisi_zip", 6, 7)));
        h.add(4, List.of(p("hisi_zip", 6, 7)));
        assertEquals(List.of("soft", "hisi_zip"), h.drivers(), "soft still has a value at t=2");
        h.add(5, List.of(p("hisi_zip", 6, 7)));
        assertEquals(List.of("hisi_zip"), h.drivers(), "soft has no value left in the window");
    }

    @Test
    void unknownValuesAreNull() {
        LoadHistory h = new LoadHistory(2, 1000);
        h.add(1, List.of(p("soft", Double.NaN, 0)));
        Map<String, Object> j = json(h);
        assertNull(series(j, "soft", "throughput").get(0));
        assertEquals(0.0, series(j, "soft", "inFlight").get(0));
    }

    @Test
    void resizeKeepsTheNewest() {
        LoadHistory h = new LoadHistory(4, 1000);
        for (int k = 1; k <= 6; k++) { // wrapped: holds 3..6
            h.add(k, List.of(p("soft", k, k)));
        }
        h.resize(2);
        assertEquals(List.of(5.0, 6.0), json(h).get("t"));
        h.resize(5);
        h.add(7, List.of(p("soft", 7, 7)));
        Map<String, Object> j = json(h);
        assertEquals(List.of(5.0, 6.0, 7.0), j.get("t"));
        assertEquals(List.of(5.0, 6.0, 7.0), series(j, "soft", "throughput"));
        assertEquals(5.0, j.get("capacity"));
    }

    @Test
    void emptyHistoryIsValidJson() {
        Map<String, Object> j = json(new LoadHistory(5, 1000));
        assertEquals(List.of(), j.get("t"));
        assertEquals(List.of(), j.get("drivers"));
    }

    @Test
    void tooSmallIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new LoadHistory(1, 1000));
    }
}
