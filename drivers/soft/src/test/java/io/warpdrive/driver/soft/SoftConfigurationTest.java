package io.warpdrive.driver.soft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.lib.Device;
import io.warpdrive.testing.conformance.StartedDriver;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Bad configuration values (issue 15, item 6): refused in one warning naming the PID, key and
 * value; the driver starts on its defaults or keeps its last good values and serves.
 */
class SoftConfigurationTest {

    @Test
    void textAndNonsenseAtStartAreRefusedAndTheDefaultsServe() {
        try (var d = SoftDriverUnderTest.start(Map.of("depth", "abc", "workers", "-2", "instances",
                "0", "devices", "-1", "driver.name", "soft"))) {
            List<String> warnings = d.log().messages("warn");
            assertEquals(4, warnings.size(), String.valueOf(warnings));
            assertTrue(warnings.contains("configuration io.warpdrive.driver.soft: depth='abc' refused "
                    + "(not a whole number); keeping depth='64'"), String.valueOf(warnings));
            assertTrue(warnings.stream().anyMatch(w -> w.contains("workers='-2' refused (less than 0)")));
            assertTrue(warnings.stream().anyMatch(w -> w.contains("instances='0' refused (less than 1)")));
            assertTrue(warnings.stream().anyMatch(w -> w.contains("devices='-1' refused (less than 1)")));
            List<? extends Device> devices = d.driver().devices();
            assertEquals(1, devices.size());
            assertEquals(64, devices.get(0).instances());
            assertEquals("64", devices.get(0).attributes().get("depth"));
        }
    }

    @Test
    void aBadWorkerCountEditedInKeepsTheLastGoodOne() {
        try (StartedDriver<SoftDriver> d = SoftDriverUnderTest.start(Map.of("workers", "3"))) {
            d.driver().reconfigure(Map.of("workers", "many"));
            assertEquals("3", d.driver().devices().get(0).attributes().get("workers"));
            assertTrue(d.log().messages("warn").contains("configuration io.warpdrive.driver.soft: workers='many' "
                    + "refused (not a whole number); keeping workers='3'"), String.valueOf(d.log().messages("warn")));
            d.driver().reconfigure(Map.of("workers", "2"));
            assertEquals("2", d.driver().devices().get(0).attributes().get("workers"));
        }
    }

    @Test
    void anUnknownKeyIsWarnedAbout() {
        try (StartedDriver<SoftDriver> d = SoftDriverUnderTest.start(Map.of("worker", "3"))) {
            List<String> warnings = d.log().messages("warn");
            assertEquals(1, warnings.size(), String.valueOf(warnings));
            assertTrue(warnings.get(0).startsWith("configuration io.warpdrive.driver.soft: unknown key worker ignored"),
                    warnings.get(0));
        }
    }
}
