package io.warpdrive.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigurationGuardTest {
    private static final String PID = "io.warpdrive.sample";
    private final List<String> warnings = new ArrayList<>();
    private final ConfigurationGuard<SampleConfig> guard =
            new ConfigurationGuard<>(SampleConfig.class, PID, warnings::add, "driver.name");

    @Test
    void defaultsBeforeAnyConfiguration() {
        SampleConfig c = guard.current();
        assertEquals(64, c.depth());
        assertEquals(50L, c.spin_us());
        assertEquals(0.05, c.tolerance());
        assertTrue(c.spill());
        assertEquals("POLLER", c.mode());
        assertArrayEquals(new String[0], c.entries());
        assertEquals(SampleConfig.Kind.FAST, c.kind());
        assertTrue(warnings.isEmpty());
    }

    @Test
    void textWhereANumberBelongsIsRefusedInOneLineNamingPidFileKeyAndValue() {
        SampleConfig c = guard.update(Map.of("depth", "three", "spin.us", "7",
                "felix.fileinstall.filename", "file:/home/wd/conf/io.warpdrive.sample.cfg"));
        assertEquals(64, c.depth(), "the key keeps its default");
        assertEquals(7L, c.spin_us(), "the other keys apply");
        assertEquals(List.of("configuration io.warpdrive.sample (/home/wd/conf/io.warpdrive.sample.cfg): "
                + "depth='three' refused (not a whole number); keeping depth='64'"), warnings);
    }

    @Test
    void aBadValueKeepsTheLastGoodValueNotTheDefault() {
        guard.update(Map.of("depth", "8"));
        SampleConfig c = guard.update(Map.of("depth", "x8"));
        assertEquals(8, c.depth());
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).endsWith("keeping depth='8'"), warnings.get(0));
    }

    @Test
    void valuesOutsideTheMetatypeBoundsAreRefused() {
        SampleConfig c = guard.update(Map.of("depth", 0, "spin.us", "-2", "tolerance", "1.5"));
        assertEquals(64, c.depth());
        assertEquals(50L, c.spin_us());
        assertEquals(0.05, c.tolerance());
        assertEquals(3, warnings.size(), String.valueOf(warnings));
        assertTrue(warnings.stream().anyMatch(w -> w.contains("depth='0' refused (not between 1 and 1024)")),
                String.valueOf(warnings));
        assertTrue(warnings.stream().anyMatch(w -> w.contains("spin.us='-2' refused (less than 0)")),
                String.valueOf(warnings));
        assertEquals(1024, guard.update(Map.of("depth", "1024")).depth());
    }

    @Test
    void numbersTooLargeForTheTypeAreRefused() {
        assertEquals(64, guard.update(Map.of("depth", "99999999999")).depth());
        assertTrue(warnings.get(0).contains("out of range"), warnings.get(0));
        assertEquals(64, guard.update(Map.of("depth", "")).depth());
        assertEquals(0.05, guard.update(Map.of("tolerance", "NaN")).tolerance());
        assertEquals(3, warnings.size());
    }

    @Test
    void typedValuesAsConfigurationAdminHoldsThemAreAccepted() {
        SampleConfig c = guard.update(Map.of("depth", 12, "spin.us", 9L, "tolerance", 0.5, "spill", Boolean.FALSE,
                "entries", new String[] {"a=1", "b=2"}));
        assertEquals(12, c.depth());
        assertEquals(9L, c.spin_us());
        assertEquals(0.5, c.tolerance());
        assertFalse(c.spill());
        assertArrayEquals(new String[] {"a=1", "b=2"}, c.entries());
        assertTrue(warnings.isEmpty(), String.valueOf(warnings));
    }

    @Test
    void aCfgFileListIsOneStringAsDeclarativeServicesGivesIt() {
        assertArrayEquals(new String[] {"soft=3,isal=1"}, guard.update(Map.of("entries", "soft=3,isal=1")).entries());
        assertArrayEquals(new String[] {"x", "y"}, guard.update(Map.of("entries", List.of("x", "y"))).entries());
    }

    @Test
    void booleansAreTrueOrFalseNothingElse() {
        assertFalse(guard.update(Map.of("spill", " FALSE ")).spill());
        assertFalse(guard.update(Map.of("spill", "yes")).spill(), "keeps the last good value");
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).contains("spill='yes' refused (not true or false)"), warnings.get(0));
    }

    @Test
    void optionsAndEnumsAcceptTheirValuesInAnyCase() {
        SampleConfig c = guard.update(Map.of("mode", "caller", "kind", "small"));
        assertEquals("caller", c.mode());
        assertEquals(SampleConfig.Kind.SMALL, c.kind());
        c = guard.update(Map.of("mode", "sideways", "kind", "huge"));
        assertEquals("caller", c.mode(), "the last good value");
        assertEquals(SampleConfig.Kind.SMALL, c.kind());
        assertEquals(2, warnings.size());
        assertTrue(warnings.get(0).contains("not one of POLLER, CALLER") || warnings.get(1).contains("not one of POLLER, CALLER"),
                String.valueOf(warnings));
    }

    @Test
    void aRemovedKeyGoesBackToItsDefault() {
        guard.update(Map.of("depth", "8"));
        assertEquals(64, guard.update(Map.of()).depth());
    }

    @Test
    void unknownKeysGetOneWarningWhileTheyStay() {
        Map<String, Object> props = new HashMap<>(Map.of("depht", "8", "service.pid", PID, "component.id", 3L,
                "driver.name", "soft", "policy.target", "(x=y)", "felix.fileinstall.filename", "/c/x.cfg"));
        guard.update(props);
        guard.update(props);
        assertEquals(1, warnings.size(), String.valueOf(warnings));
        assertTrue(warnings.get(0).startsWith("configuration io.warpdrive.sample (/c/x.cfg): unknown key depht ignored"),
                warnings.get(0));
        props.remove("depht");
        guard.update(props);
        props.put("depht", "9");
        guard.update(props);
        assertEquals(2, warnings.size(), "warned again after it came back");
    }

    @Test
    void refusingAWholeConfigurationGoesBackToTheOneBefore() {
        guard.update(Map.of("depth", "8"));
        guard.update(Map.of("depth", "16"));
        SampleConfig kept = guard.refuse("device soft-0 has 4 instances");
        assertEquals(8, kept.depth());
        assertEquals(8, guard.current().depth());
        assertEquals("configuration io.warpdrive.sample refused (device soft-0 has 4 instances); keeping the last good "
                + "configuration", warnings.get(0));
    }

    @Test
    void refusingOneKeyKeepsItsValueBeforeAndTheOtherKeys() {
        guard.update(Map.of("mode", "CALLER"));
        guard.update(Map.of("mode", "POLLER", "depth", "8"));
        SampleConfig kept = guard.refuse("mode", "no poller here");
        assertEquals("CALLER", kept.mode());
        assertEquals(8, kept.depth());
        assertEquals("configuration io.warpdrive.sample: mode='POLLER' refused (no poller here); keeping mode='CALLER'",
                warnings.get(0));
    }

    @Test
    void anElementWithoutDefaultIsAKeyAndNullUntilConfigured() {
        assertEquals(null, guard.current().folder());
        assertEquals("/var/log", guard.update(Map.of("folder", "/var/log")).folder());
        assertTrue(warnings.isEmpty(), String.valueOf(warnings));
    }

    @Test
    void arraysHandedOutAreCopies() {
        SampleConfig c = guard.update(Map.of("entries", new String[] {"a"}));
        c.entries()[0] = "changed";
        assertEquals("a", c.entries()[0]);
    }

    @Test
    void propertyNamesFollowDeclarativeServices() {
        assertEquals("spin.us", MetatypeRules.propertyName("spin_us"));
        assertEquals("odd_name-x", MetatypeRules.propertyName("odd__name$_$x"));
        assertEquals("a$b", MetatypeRules.propertyName("a$$b"));
        assertEquals("ab", MetatypeRules.propertyName("a$b"));
        assertTrue(guard.update(Map.of("odd_name-x", "v")).odd__name$_$x().equals("v"));
    }
}
