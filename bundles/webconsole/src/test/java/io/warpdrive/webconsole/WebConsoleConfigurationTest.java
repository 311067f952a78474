package io.warpdrive.webconsole;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.log.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Bad values in the console's configuration (issue 15, item 6): one line each, the last good values kept. */
class WebConsoleConfigurationTest {
    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private final List<Object> registeredAt = new CopyOnWriteArrayList<>();
    private final WebConsole console = new WebConsole();

    @AfterEach
    void stop() {
        console.deactivate();
    }

    @Test
    void badValuesAreRefusedAndTheConsoleServesOnTheLastGoodOnes() {
        // Only configuration lines: the load sampler runs too, with no platform here.
        Function<Object[], Object> warn = args -> String.valueOf(args[0]).startsWith("configuration ")
                && warnings.add(String.valueOf(args[0]));
        Function<Object[], Object> quiet = args -> null;
        console.logger = Stubs.of(Logger.class, "warn", warn, "info", quiet, "error", warn, "debug", quiet);
        ServiceRegistration<?> registration = Stubs.of(ServiceRegistration.class, "unregister", quiet);
        BundleContext context = Stubs.of(BundleContext.class, "registerService", (Function<Object[], Object>) args -> {
            registeredAt.add(((java.util.Dictionary<?, ?>) args[2]).get("osgi.http.whiteboard.servlet.pattern"));
            return registration;
        });
        console.activate(context, new HashMap<>(Map.of("refresh.ms", "fast", "history.seconds", "5", "path", "/ops")));
        assertEquals(2, warnings.size(), String.valueOf(warnings));
        assertTrue(warnings.contains("configuration io.warpdrive.webconsole: refresh.ms='fast' refused (not a whole "
                + "number); keeping refresh.ms='1000'"), String.valueOf(warnings));
        assertTrue(warnings.stream().anyMatch(w -> w.contains("history.seconds='5' refused (not between 10 and 3600)")));
        assertEquals(List.of("/ops/*"), registeredAt);

        warnings.clear();
        console.modified(new HashMap<>(Map.of("path", "/ops/*")));
        assertEquals(1, warnings.size(), String.valueOf(warnings));
        assertTrue(warnings.get(0).startsWith("configuration io.warpdrive.webconsole: path='/ops/*' refused ("),
                warnings.get(0));
        assertTrue(warnings.get(0).endsWith("keeping path='/ops'"), warnings.get(0));
        assertEquals(List.of("/ops/*"), registeredAt, "still served where it was");
    }
}
