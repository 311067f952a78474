package io.warpdrive.sched.hypervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/** Contexts registered from Java with their declared work: stored as the shell stores them, checked first. */
class ContextRegistryTest {

    /** Configuration Admin holding factory configurations in memory (the calls the hypervisor makes). */
    private static final class Store {
        final List<Dictionary<String, Object>> stored = new ArrayList<>();

        ConfigurationAdmin admin() {
            return (ConfigurationAdmin) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] { ConfigurationAdmin.class }, (p, m, args) -> switch (m.getName()) {
                        case "getFactoryConfiguration" -> configuration(new Dictionary[1], args[1] + "");
                        case "listConfigurations" -> stored.isEmpty() ? null : stored.stream()
                                .map(d -> configuration(new Dictionary[] { d }, (String) d.get("name")))
                                .toArray(Configuration[]::new);
                        default -> throw new UnsupportedOperationException(m.getName());
                    });
        }

        @SuppressWarnings("unchecked")
        private Configuration configuration(Dictionary[] props, String name) {
            return (Configuration) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] { Configuration.class }, (p, m, args) -> switch (m.getName()) {
                        case "getProperties" -> props[0] == null ? null : copy(props[0]);
                        case "getPid" -> ContextComponent.FACTORY_PID + "~" + name;
                        case "updateIfDifferent" -> {
                            @SuppressWarnings("unchecked")
                            Dictionary<String, Object> next = (Dictionary<String, Object>) args[0];
                            boolean changed = props[0] == null || !copy(props[0]).equals(copy(next));
                            if (props[0] == null) {
                                stored.add(next);
                            } else if (changed) {
                                stored.set(stored.indexOf(props[0]), next);
                            }
                            props[0] = next;
                            yield changed;
                        }
                        case "delete" -> {
                            stored.remove(props[0]);
                            yield null;
                        }
                        default -> throw new UnsupportedOperationException(m.getName());
                    });
        }

        @SuppressWarnings("unchecked")
        private static Hashtable<String, Object> copy(Dictionary d) {
            Hashtable<String, Object> h = new Hashtable<>();
            for (var keys = d.keys(); keys.hasMoreElements();) {
                String k = (String) keys.nextElement();
                h.put(k, d.get(k));
            }
            return h;
        }
    }

    private static ContextRegistryComponent registry(Store store) {
        ContextRegistryComponent r = new ContextRegistryComponent();
        r.configAdmin = store.admin();
        return r;
    }

    @Test
    void aContextRegisteredWithItsWorkIsStoredAsTheShellStoresIt() throws Exception {
        Store store = new Store();
        ContextRegistryComponent registry = registry(store);
        assertTrue(registry.register("batch", 64L << 20, Map.of("tags", "batch,reports", "resize.policy", "throughput"))
                .startsWith("context batch registered"));
        Dictionary<String, Object> d = store.stored.get(0);
        assertEquals(64L << 20, d.get("work"));
        assertEquals("THROUGHPUT", d.get("resize.policy"));
        assertEquals(List.of("batch", "reports"), List.of((String[]) d.get("tags")));
        ContextSpec spec = ContextSpec.from(ContextCommands.configOf(d), "x");
        assertEquals(64L << 20, spec.work());

        assertTrue(registry.declareWork("batch", 1L << 30).startsWith("context batch changed"));
        assertEquals(1L << 30, store.stored.get(0).get("work"));
        assertEquals(1, store.stored.size(), "changed, not added");
        assertTrue(registry.remove("batch"));
        assertFalse(registry.remove("batch"));
    }

    /** A setting under the former name work.bytes is stored under work, and writing work drops the former key. */
    @Test
    void declaredWorkIsStoredUnderItsOneName() throws Exception {
        Store store = new Store();
        ContextConfigurations configurations = new ContextConfigurations(store.admin());
        configurations.write("batch", List.of("tags=batch", "work.bytes=100"), true);
        Dictionary<String, Object> d = store.stored.get(0);
        assertEquals(100L, d.get("work"));
        assertEquals(null, d.get("work.bytes"));
        registry(store).declareWork("batch", 200);
        assertEquals(200L, store.stored.get(0).get("work"));
        assertEquals(null, store.stored.get(0).get("work.bytes"));
    }

    @Test
    void whatTheContextWouldRefuseIsRefusedAndNothingIsStored() throws Exception {
        Store store = new Store();
        ContextRegistryComponent registry = registry(store);
        assertThrows(IllegalArgumentException.class, () -> registry.register("x", 1, Map.of("min.queues", "5",
                "max.queues", "2", "tags", "x")));
        assertThrows(IllegalArgumentException.class, () -> registry.register("x", -1, Map.of("tags", "x")));
        assertThrows(IllegalArgumentException.class, () -> registry.register("x", 1, Map.of("colour", "red")));
        assertThrows(IllegalArgumentException.class, () -> registry.declareWork("nobody", 1));
        assertTrue(store.stored.isEmpty());
    }
}
