package io.warpdrive.core.jmx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.core.engine.TestPlatform;
import java.lang.reflect.Proxy;
import java.util.Map;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.service.log.Logger;

/** The framework property warpdrive.jmx: false (one-shot commands) publishes nothing, anything else publishes. */
class JmxExporterSwitchTest {
    private final MBeanServer server = MBeanServerFactory.newMBeanServer();
    private TestPlatform platform;

    @BeforeEach
    void start() {
        platform = TestPlatform.withCopyingDriver();
    }

    @AfterEach
    void stop() throws Exception {
        platform.close();
    }

    private JmxExporter exporter() {
        JmxExporter exporter = new JmxExporter(server);
        Logger quiet = (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class},
                (p, m, a) -> m.getReturnType() == boolean.class ? false : null);
        exporter.use(platform.usage(), platform.platform(), quiet);
        return exporter;
    }

    private static BundleContext frameworkProperties(Map<String, String> properties) {
        return (BundleContext) Proxy.newProxyInstance(BundleContext.class.getClassLoader(),
                new Class<?>[] {BundleContext.class}, (p, m, a) -> {
                    if (m.getName().equals("getProperty")) {
                        return properties.get((String) a[0]);
                    }
                    throw new UnsupportedOperationException(m.getName());
                });
    }

    private int published() throws Exception {
        return server.queryNames(new ObjectName(JmxExporter.DOMAIN + ":*"), null).size();
    }

    @Test
    void falsePublishesNothingAndDeactivatesQuietly() throws Exception {
        JmxExporter exporter = exporter();
        exporter.activate(frameworkProperties(Map.of(JmxExporter.FRAMEWORK_PROPERTY, "false")));
        assertEquals(0, published());
        exporter.deactivate();
        assertEquals(0, published());
    }

    @Test
    void unsetPublishesThePlatformAndDeactivationTakesItBack() throws Exception {
        JmxExporter exporter = exporter();
        exporter.activate(frameworkProperties(Map.of()));
        assertTrue(server.isRegistered(new ObjectName(JmxExporter.DOMAIN + ":type=Platform")));
        exporter.deactivate();
        assertEquals(0, published());
    }
}
