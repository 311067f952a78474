package io.warpdrive.webconsole;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoadSamplerTest {
    private static final long S = 1_000_000_000L;

    private final LoadHistory history = new LoadHistory(10, 1000);
    private final LoadSampler sampler = new LoadSampler(history, 2);

    private static LoadSampler.Reading r(String driver, long bytes, int inFlight) {
        return new LoadSampler.Reading(driver, bytes, inFlight);
    }

    @SuppressWarnings("unchecked")
    private List<Object> values(String driver, String key) {
        JsonWriter w = new JsonWriter();
        history.writeJson(w);
        for (Object o : (List<Object>) MiniJson.object(w.toString()).get("drivers")) {
            Map<String, Object> d = (Map<String, Object>) o;
            if (d.get("name").equals(driver)) {
                return (List<Object>) d.get(key);
            }
        }
        throw new AssertionError("no " + driver);
    }

    @Test
    void aPointEveryNProbesWithMeanInFlightAndRateFromTheBytes() {
        assertFalse(sampler.probe(0, 1000, List.of(r("soft", 0, 1))));
        assertTrue(sampler.probe(S / 2, 1000, List.of(r("soft", 500, 3))));
        assertEquals(1, history.size());
        assertNull(values("soft", "throughput").get(0), "no rate before a second reading");
        assertEquals(2.0, values("soft", "inFlight").get(0));

        sampler.probe(S, 2000, List.of(r("soft", 1_000, 0)));
        sampler.probe(3 * S / 2, 2000, List.of(r("soft", 2_500, 0))); // 2000 bytes in the second since the last point
        assertEquals(2000.0, values("soft", "throughput").get(1));
        assertEquals(0.0, values("soft", "inFlight").get(1));
    }

    @Test
    void aResetCountsTheBytesSinceTheReset() {
        sampler.probe(0, 0, List.of(r("soft", 10_000, 0)));
        sampler.probe(0, 0, List.of(r("soft", 10_000, 0)));
        sampler.probe(S, 1, List.of(r("soft", 100, 0)));
        sampler.probe(2 * S, 1, List.of(r("soft", 300, 0)));
        assertEquals(150.0, values("soft", "throughput").get(1), "300 bytes over 2 s, not a negative rate");
    }

    @Test
    void driversAreSampledIndependently() {
        sampler.probe(0, 0, List.of(r("soft", 0, 0)));
        sampler.probe(0, 0, List.of(r("soft", 0, 0)));
        sampler.probe(S, 1, List.of(r("soft", 100, 0), r("hw", 50, 4)));
        sampler.probe(S, 1, List.of(r("soft", 100, 0), r("hw", 50, 6)));
        assertEquals(100.0, values("soft", "throughput").get(1));
        assertNull(values("hw", "throughput").get(1), "hw's first reading: no rate yet");
        assertEquals(5.0, values("hw", "inFlight").get(1));
    }
}
