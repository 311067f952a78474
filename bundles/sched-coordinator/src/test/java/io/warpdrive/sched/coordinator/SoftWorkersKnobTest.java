package io.warpdrive.sched.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.Dictionary;
import java.util.Hashtable;
import org.junit.jupiter.api.Test;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/** The CPU workers knob writes the soft driver's configuration and puts back what was there. */
class SoftWorkersKnobTest {
    /** The soft driver's configuration properties, or null when it has none. */
    private Dictionary<String, Object> stored;
    private int updates;

    private ConfigurationAdmin configAdmin() {
        Configuration config = (Configuration) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] { Configuration.class }, (p, m, args) -> {
                    switch (m.getName()) {
                        case "getProperties":
                            return stored == null ? null : copy(stored);
                        case "update":
                            stored = copy(cast(args[0]));
                            updates++;
                            return null;
                        default:
                            throw new UnsupportedOperationException(m.getName());
                    }
                });
        return (ConfigurationAdmin) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] { ConfigurationAdmin.class }, (p, m, args) -> {
                    switch (m.getName()) {
                        case "getConfiguration":
                            assertEquals(SoftWorkersKnob.PID, args[0]);
                            return config;
                        case "listConfigurations":
                            return stored == null ? null : new Configuration[] { config };
                        default:
                            throw new UnsupportedOperationException(m.getName());
                    }
                });
    }

    @SuppressWarnings("unchecked")
    private static Dictionary<String, Object> cast(Object o) {
        return (Dictionary<String, Object>) o;
    }

    private static Dictionary<String, Object> copy(Dictionary<String, Object> d) {
        Hashtable<String, Object> h = new Hashtable<>();
        for (var e = d.keys(); e.hasMoreElements();) {
            String k = e.nextElement();
            h.put(k, d.get(k));
        }
        return h;
    }

    @Test
    void aSettingThatWasNotThereIsRemovedAgain() {
        ConfigurationAdmin cm = configAdmin();
        SoftWorkersKnob knob = new SoftWorkersKnob(() -> cm, CoordinatorLog.NONE);
        assertEquals(0, knob.original(), "no configuration: one worker per processor");
        assertTrue(knob.set(1));
        assertEquals(1, stored.get("workers"));
        assertTrue(knob.set(3));
        assertEquals(0, knob.original(), "the original is what was there before the first change");
        assertTrue(knob.restore());
        assertNull(stored.get("workers"));
        assertEquals(3, updates);
    }

    @Test
    void aConfiguredSettingIsPutBackAsItWas() {
        stored = new Hashtable<>();
        stored.put("workers", "4"); // as a .cfg file gives it
        stored.put("depth", 32);
        ConfigurationAdmin cm = configAdmin();
        SoftWorkersKnob knob = new SoftWorkersKnob(() -> cm, CoordinatorLog.NONE);
        assertEquals(4, knob.original());
        knob.set(1);
        assertEquals(1, stored.get("workers"));
        assertEquals(32, stored.get("depth"), "other keys untouched");
        knob.restore();
        assertEquals("4", stored.get("workers"));
        assertTrue(knob.restore(), "restoring twice changes nothing");
        assertEquals(2, updates);
    }

    @Test
    void withoutConfigurationAdminNothingIsWrittenAndItIsTriedAgainLater() {
        SoftWorkersKnob knob = new SoftWorkersKnob(() -> null, CoordinatorLog.NONE);
        assertFalse(knob.set(1));
        assertTrue(knob.restore(), "nothing was changed, so nothing to put back");
    }
}
