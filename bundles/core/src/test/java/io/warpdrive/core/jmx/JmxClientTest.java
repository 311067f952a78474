package io.warpdrive.core.jmx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.core.engine.TestPlatform;
import io.warpdrive.lib.CalcType;
import io.warpdrive.testing.kit.FakeDriver;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanParameterInfo;
import javax.management.MBeanServer;
import javax.management.MBeanServerConnection;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import javax.management.RuntimeMBeanException;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXConnectorServer;
import javax.management.remote.JMXConnectorServerFactory;
import javax.management.remote.JMXServiceURL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.service.log.Logger;

/**
 * The platform's MBeans as a generic JMX client sees them, through a real connector on
 * loopback (RMI, serialized as over the network): descriptions and parameter names, the
 * attributes of drivers and queues, and failures as JDK exception types with the message,
 * nothing of io.warpdrive on the wire (issue 15, item 10).
 */
class JmxClientTest {
    private final MBeanServer server = MBeanServerFactory.newMBeanServer();
    private TestPlatform platform;
    private JmxExporter exporter;
    private JMXConnectorServer connectorServer;
    private JMXConnector connector;
    private MBeanServerConnection client;

    @BeforeEach
    void start() throws Exception {
        platform = TestPlatform.withCopyingDriver();
        exporter = new JmxExporter(server);
        exporter.use(platform.usage(), platform.platform(), quietLogger());
        exporter.publish();
        connectorServer = JMXConnectorServerFactory.newJMXConnectorServer(
                new JMXServiceURL("service:jmx:rmi://127.0.0.1"), null, server);
        connectorServer.start();
        connector = JMXConnectorFactory.connect(connectorServer.getAddress());
        client = connector.getMBeanServerConnection();
        TestPlatform.await("the copying driver's queues", () -> platform.platform().queues().size() > 0);
        exporter.refresh();
    }

    @AfterEach
    void stop() throws Exception {
        connector.close();
        connectorServer.stop();
        exporter.deactivate();
        platform.close();
    }

    private static ObjectName name(String properties) throws Exception {
        return new ObjectName("io.warpdrive:" + properties);
    }

    @Test
    void operationsHaveParameterNamesAndEverythingADescription() throws Exception {
        MBeanInfo info = client.getMBeanInfo(name("type=Platform"));
        assertTrue(info.getDescription().startsWith("The WarpDrive platform"), info.getDescription());
        for (MBeanAttributeInfo a : info.getAttributes()) {
            assertFalse(a.getDescription().isBlank() || a.getDescription().startsWith("Attribute exposed"),
                    a.getName() + ": " + a.getDescription());
        }
        for (MBeanOperationInfo op : info.getOperations()) {
            assertFalse(op.getDescription().startsWith("Operation exposed"), op.getName() + ": " + op.getDescription());
            for (MBeanParameterInfo p : op.getSignature()) {
                assertFalse(p.getName().matches("p[0-9]+"), op.getName() + " has a parameter " + p.getName());
                assertFalse(p.getDescription().isBlank(), op.getName() + "." + p.getName());
            }
        }
        MBeanOperationInfo set = Arrays.stream(info.getOperations()).filter(o -> o.getName().equals("setQueueCount"))
                .findFirst().orElseThrow();
        assertEquals("[driver, device, mode, count]", Arrays.toString(Arrays.stream(set.getSignature())
                .map(MBeanParameterInfo::getName).toArray()));
    }

    @Test
    void errorsArriveAsJdkExceptionsWithTheMessage() throws Exception {
        RuntimeMBeanException e = assertThrows(RuntimeMBeanException.class, () -> client.invoke(name("type=Platform"),
                "usePolicy", new Object[] {"nosuch"}, new String[] {String.class.getName()}));
        assertJdkOnly(e);
        assertEquals(IllegalArgumentException.class, e.getCause().getClass());
        assertTrue(e.getCause().getMessage().contains("no scheduling policy named 'nosuch'"), e.getCause().getMessage());

        RuntimeMBeanException unknownDriver = assertThrows(RuntimeMBeanException.class,
                () -> client.invoke(name("type=Platform"), "setQueueCount", new Object[] {"nosuch", "", "shared", 1},
                        new String[] {String.class.getName(), String.class.getName(), String.class.getName(), "int"}));
        assertJdkOnly(unknownDriver);
        assertTrue(unknownDriver.getCause().getMessage().contains("unknown driver 'nosuch'"),
                unknownDriver.getCause().getMessage());
    }

    @Test
    void usePolicySaysWhatServesNow() throws Exception {
        Object answer = client.invoke(name("type=Platform"), "usePolicy", new Object[] {""},
                new String[] {String.class.getName()});
        assertEquals("active scheduling policy: (built-in pick) (the highest ranking)", answer);
        assertEquals("", client.getAttribute(name("type=Platform"), "ChosenPolicy"));
    }

    @Test
    void driversHaveTypeAndPriorityAndQueuesDirectionAndMode() throws Exception {
        exporter.bindDriver(firstDriver());
        ObjectName driver = name("type=Driver,name=" + ObjectName.quote("copy"));
        TestPlatform.await("the driver's MBean", () -> registered(driver));
        assertEquals("SOFT", client.getAttribute(driver, "Type"));
        assertEquals(0, client.getAttribute(driver, "Priority"));
        Set<ObjectName> queues = client.queryNames(name("type=Queue,*"), null);
        assertFalse(queues.isEmpty());
        Set<Object> directions = new java.util.HashSet<>();
        for (ObjectName q : queues) {
            directions.add(client.getAttribute(q, "Direction"));
            assertEquals("SHARED", client.getAttribute(q, "Mode"));
            assertNotNull(client.getAttribute(q, "Depth"));
        }
        assertEquals(Set.of("COMPRESS", "DECOMPRESS"), directions);
        for (MBeanAttributeInfo a : client.getMBeanInfo(queues.iterator().next()).getAttributes()) {
            assertTrue(a.getDescriptor().getFieldValue("openType") instanceof javax.management.openmbean.OpenType,
                    a.getName() + " has an open type");
        }
    }

    @Test
    void modelsShowWhatEachEngineLearnedAsWdModelsNamesIt() throws Exception {
        io.warpdrive.comp.Compressor compressor = platform.compressorFor("jmx.models");
        byte[] data = new byte[4096];
        for (int i = 0; i < 20; i++) {
            compressor.compress(io.warpdrive.comp.Algorithm.GZIP, data);
        }
        ObjectName model = name("type=Model,driver=" + ObjectName.quote("copy") + ",device=*");
        TestPlatform.await("the engine's model MBean", () -> {
            exporter.refresh();
            try {
                return !client.queryNames(model, null).isEmpty();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        ObjectName n = client.queryNames(model, null).iterator().next();
        assertEquals("copy", client.getAttribute(n, "Driver"));
        assertEquals(false, client.getAttribute(n, "Hardware"));
        assertEquals("", client.getAttribute(n, "Refused"));
        javax.management.openmbean.CompositeData[] estimates = (javax.management.openmbean.CompositeData[]) client
                .getAttribute(n, "Estimates");
        javax.management.openmbean.CompositeData fourK = Arrays.stream(estimates)
                .filter(e -> "4 KiB".equals(e.get("size")) && ((String) e.get("kind")).startsWith("gzip compress, "))
                .findFirst().orElseThrow(() -> new AssertionError("no 4 KiB gzip compression among "
                        + Arrays.toString(estimates)));
        assertEquals(4096L, fourK.get("bytes"));
        assertTrue((Long) fourK.get("samples") > 0, fourK.toString());
        assertTrue((Double) fourK.get("predictedMicros") > 0, "20 requests are enough to predict: " + fourK);
        assertEquals(4096 / (Double) fourK.get("predictedMicros"), (Double) fourK.get("megabytesPerSecond"), 1e-6);
        double confidence = (Double) fourK.get("confidence");
        assertTrue(confidence > 0 && confidence <= 1, fourK.toString());
        assertTrue(client.getAttribute(name("type=Platform"), "Crossovers") instanceof String[],
                "the crossovers as a list of lines");
        for (MBeanAttributeInfo a : client.getMBeanInfo(n).getAttributes()) {
            assertFalse(a.getDescription().isBlank() || a.getDescription().startsWith("Attribute exposed"), a.getName());
        }
    }

    @Test
    void devicesShowTheirLoadAndTheWrongOutputsVerificationCaught() throws Exception {
        io.warpdrive.core.engine.config.Settings.Builder b = new io.warpdrive.core.engine.config.Settings.Builder();
        b.pickByFinishTime = false; // the hardware serves first
        b.verifyShares = io.warpdrive.core.engine.health.VerifyShares.all(100);
        MBeanServer own = MBeanServerFactory.newMBeanServer();
        JmxExporter ownExporter = new JmxExporter(own);
        try (TestPlatform p = new TestPlatform(b.build())) {
            FakeDriver hw = new FakeDriver("hw", CalcType.HW, 100);
            hw.gzip = true;
            p.add(hw);
            FakeDriver cpu = new FakeDriver("cpu", CalcType.SOFT, 0);
            cpu.gzip = true;
            p.add(cpu);
            ownExporter.use(p.usage(), p.platform(), quietLogger());
            ownExporter.publish();
            hw.bitFlips.set(1);
            byte[] text = "a device that flips one bit, once. ".repeat(100).getBytes();
            p.compressorFor("jmx.devices").compress(io.warpdrive.comp.Algorithm.GZIP, text);
            ObjectName device = name("type=Device,driver=" + ObjectName.quote("hw") + ",device="
                    + ObjectName.quote("hw-0"));
            TestPlatform.await("the device's MBean", () -> {
                ownExporter.refresh();
                return own.isRegistered(device);
            });
            assertEquals(1L, own.getAttribute(device, "WrongOutputs"));
            assertEquals("hw", own.getAttribute(device, "Driver"));
            assertEquals(1L, own.getAttribute(device, "Failed"), "the wrong output counts as a failed job too");
            ObjectName other = name("type=Device,driver=" + ObjectName.quote("cpu") + ",device="
                    + ObjectName.quote("cpu-0"));
            assertEquals(0L, own.getAttribute(other, "WrongOutputs"));
            assertEquals(1L, own.getAttribute(other, "Requests"), "served again on the CPU");
            for (MBeanAttributeInfo a : own.getMBeanInfo(device).getAttributes()) {
                assertFalse(a.getDescription().isBlank() || a.getDescription().startsWith("Attribute exposed"),
                        a.getName());
            }
        } finally {
            ownExporter.deactivate();
        }
    }

    /**
     * The platform MBean shows streams that moved, the kept input decompression streams hold
     * against its limit, and how often a stream was refused more; resetCounters zeroes the counts.
     */
    @Test
    void thePlatformShowsStreamMovesAndKeptInput() throws Exception {
        int chunk = io.warpdrive.core.engine.stream.KeptInputBudget.CHUNK;
        io.warpdrive.core.engine.config.Settings.Builder b = new io.warpdrive.core.engine.config.Settings.Builder();
        b.streamResumeTotalLimit = chunk; // room for one stream's kept input
        MBeanServer own = MBeanServerFactory.newMBeanServer();
        JmxExporter ownExporter = new JmxExporter(own);
        try (TestPlatform p = new TestPlatform(b.build())) {
            FakeDriver hw = p.add(new FakeDriver("hw", CalcType.HW, 100));
            p.add(new FakeDriver("cpu", CalcType.SOFT, 0));
            ownExporter.use(p.usage(), p.platform(), quietLogger());
            ownExporter.publish();
            io.warpdrive.comp.Compressor c = p.compressorFor("jmx.streams");
            io.warpdrive.comp.StreamSession kept = c.openStream(io.warpdrive.comp.Operation.DECOMPRESS,
                    io.warpdrive.comp.SessionSpec.of(io.warpdrive.comp.Algorithm.GZIP));
            io.warpdrive.comp.StreamSession refused = c.openStream(io.warpdrive.comp.Operation.DECOMPRESS,
                    io.warpdrive.comp.SessionSpec.of(io.warpdrive.comp.Algorithm.GZIP));
            byte[] piece = "a piece of input the copying fake passes through".getBytes();
            kept.process(java.nio.ByteBuffer.wrap(piece), java.nio.ByteBuffer.allocate(piece.length),
                    io.warpdrive.comp.Flush.NONE);
            refused.process(java.nio.ByteBuffer.wrap(piece), java.nio.ByteBuffer.allocate(piece.length),
                    io.warpdrive.comp.Flush.NONE);
            p.unbind(hw);
            kept.process(java.nio.ByteBuffer.wrap(piece), java.nio.ByteBuffer.allocate(piece.length),
                    io.warpdrive.comp.Flush.NONE); // resumes on the CPU
            ObjectName platformName = name("type=Platform");
            assertEquals(1L, own.getAttribute(platformName, "StreamMoves"));
            assertEquals((long) chunk, own.getAttribute(platformName, "KeptInput"));
            assertEquals((long) chunk, own.getAttribute(platformName, "KeptInputLimit"));
            assertEquals(1L, own.getAttribute(platformName, "KeptInputRefusals"));
            kept.close();
            refused.close();
            assertEquals(0L, own.getAttribute(platformName, "KeptInput"), "closed streams keep nothing");
            own.invoke(platformName, "resetCounters", new Object[0], new String[0]);
            assertEquals(0L, own.getAttribute(platformName, "StreamMoves"));
            assertEquals(0L, own.getAttribute(platformName, "KeptInputRefusals"));
            for (MBeanAttributeInfo a : own.getMBeanInfo(platformName).getAttributes()) {
                assertFalse(a.getDescription().isBlank() || a.getDescription().startsWith("Attribute exposed"),
                        a.getName());
            }
        } finally {
            ownExporter.deactivate();
        }
    }

    private static Logger quietLogger() {
        return (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class},
                (p, m, a) -> m.getReturnType() == boolean.class ? false : null);
    }

    private io.warpdrive.lib.Driver firstDriver() {
        return platform.drivers().get(0);
    }

    private boolean registered(ObjectName n) {
        exporter.refresh();
        try {
            return client.isRegistered(n);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** No class of the platform anywhere in what reached the client. */
    private static void assertJdkOnly(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            assertTrue(c.getClass().getName().startsWith("java.") || c.getClass().getName().startsWith("javax."),
                    "a JDK exception: " + c.getClass().getName());
        }
    }
}
