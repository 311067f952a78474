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

/** A CPU driver's workers knob writes the driver's configuration and puts back what was there. */
class DriverWorkersKnobTest {
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
                            assertEquals(DriverWorkersKnob.SOFT_PID, args[0]);
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
        DriverWorkersKnob knob = new DriverWorkersKnob(DriverWorkersKnob.SOFT_PID, () -> cm, CoordinatorLog.NONE);
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
        DriverWorkersKnob knob = new DriverWorkersKnob(DriverWorkersKnob.SOFT_PID, () -> cm, CoordinatorLog.NONE);
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
        DriverWorkersKnob knob = new DriverWorkersKnob(DriverWorkersKnob.SOFT_PID, () -> null, CoordinatorLog.NONE);
        assertFalse(knob.set(1));
        assertTrue(knob.restore(), "nothing was changed, so nothing to put back");
    }

    @Test
    void knobsTogetherWriteEachAndTakeTheFirstOnesOriginal() {
        long[] written = { -1, -1 };
        boolean[] restored = new boolean[2];
        Knob a = recording(7, written, restored, 0, true);
        Knob b = recording(9, written, restored, 1, false);
        Knob both = Knob.together(a, b);
        assertEquals(7, both.original());
        assertFalse(both.set(2), "one knob could not be written");
        assertEquals(2, written[0]);
        assertEquals(2, written[1], "a failing first does not keep the second from being written");
        both.restore();
        assertTrue(restored[0] && restored[1]);
    }

    private static Knob recording(long original, long[] written, boolean[] restored, int i, boolean ok) {
        return new Knob() {
            @Override
            public long original() {
                return original;
            }

            @Override
            public boolean set(long value) {
                written[i] = value;
                return ok;
            }

            @Override
            public boolean restore() {
                restored[i] = true;
                return true;
            }
        };
    }
}
