package io.warpdrive.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.warpdrive.admin.Platform;
import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Compressor;
import io.warpdrive.comp.Session;
import io.warpdrive.comp.SessionSpec;
import io.warpdrive.lib.QueueMode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;
import javax.inject.Inject;
import org.junit.After;
import org.junit.Before;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.MethodSorters;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogReaderService;

/**
 * Bad configuration values (issue 15, item 6) in a real Felix with FileInstall: the platform
 * boots from a home whose engine file says {@code queues.default = three}, and text and
 * nonsense edited into the engine's and the soft driver's files while it runs are refused
 * with one line each naming the file, key and value, never a stack trace; the platform keeps
 * serving, the {@code wd:} commands keep working, and a good value edited in later applies.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
@FixMethodOrder(MethodSorters.NAME_ASCENDING) // the second test edits the file the first one boots from
public class BadConfigurationIT {
    private static final String ENGINE = "io.warpdrive.engine";
    private static final String SOFT = "io.warpdrive.driver.soft";

    @Inject
    private BundleContext context;

    @Inject
    private Platform platform;

    @Inject
    private Compressor compressor;

    @Inject
    private LogReaderService logReader;

    @Inject
    private org.osgi.service.cm.ConfigurationAdmin configAdmin;

    private final List<LogEntry> log = new CopyOnWriteArrayList<>();
    private final LogListener listener = log::add;

    @Configuration
    public Option[] config() throws IOException {
        Path home = WarpDriveOptions.newHome();
        Files.writeString(home.resolve("conf").resolve(ENGINE + ".cfg"),
                "# a first run with a typo\nqueues.default = three\nqueues = soft:sync=1\n", StandardCharsets.ISO_8859_1);
        return WarpDriveOptions.platformIn(home);
    }

    @Before
    public void listen() {
        logReader.addLogListener(listener);
    }

    @After
    public void stopListening() {
        logReader.removeLogListener(listener);
    }

    @Test
    public void aPlatformBootedWithATextQueueCountServesOnTheDefault() throws Exception {
        InFramework.awaitGzipBothWays(platform);
        Await.until(() -> "the engine's file applied (soft:sync queues " + syncQueues() + "; configuration "
                + engineConfiguration() + ")", () -> syncQueues() == 1, InFramework.TIMEOUT_S);
        assertEquals("queues.default keeps its default", 2, platform.queueCount("soft", null, QueueMode.SHARED));
        assertServesAndCommandsWork();
    }

    @Test
    public void badValuesEditedIntoTheRunningPlatformAreRefusedInOneLineEach() throws Exception {
        InFramework.awaitGzipBothWays(platform);
        Path conf = InFramework.home(context).resolve("conf");
        place(conf.resolve(ENGINE + ".cfg"), "queues.default = three\nspin.threshold.us = x\nqueues = soft:sync=1\n"
                + "queue.default = 3\n");
        place(conf.resolve(SOFT + ".cfg"), "depth = abc\nworkers = -2\ninstances = 0\n");

        String engineFile = conf.resolve(ENGINE + ".cfg").toString();
        String softFile = conf.resolve(SOFT + ".cfg").toString();
        List<String> expected = List.of(
                "configuration " + ENGINE + " (" + engineFile + "): queues.default='three' refused (not a whole number); "
                        + "keeping queues.default='2'",
                "configuration " + ENGINE + " (" + engineFile + "): spin.threshold.us='x' refused (not a whole number); "
                        + "keeping spin.threshold.us='200'",
                "configuration " + SOFT + " (" + softFile + "): depth='abc' refused (not a whole number); "
                        + "keeping depth='64'",
                "configuration " + SOFT + " (" + softFile + "): workers='-2' refused (less than 0); keeping workers='0'",
                "configuration " + SOFT + " (" + softFile + "): instances='0' refused (less than 1); "
                        + "keeping instances='64'");
        Await.until(() -> "the refusals logged; so far:\n" + warnings(), () -> warnings().containsAll(expected),
                InFramework.TIMEOUT_S);
        Await.until(() -> "the unknown key warned about; so far:\n" + warnings(), () -> warnings().stream()
                .anyMatch(w -> w.startsWith("configuration " + ENGINE + " (" + engineFile + "): unknown key "
                        + "queue.default ignored")), InFramework.TIMEOUT_S);
        for (LogEntry e : log) {
            assertTrue("no stack trace: " + e.getMessage() + " " + e.getException(), e.getException() == null);
        }
        assertEquals(2, platform.queueCount("soft", null, QueueMode.SHARED));
        assertServesAndCommandsWork();

        place(conf.resolve(ENGINE + ".cfg"), "queues.default = 1\n");
        Await.until(() -> "a good value edited in later applies (shared queues "
                + platform.queueCount("soft", null, QueueMode.SHARED) + ")",
                () -> platform.queueCount("soft", null, QueueMode.SHARED) == 1, InFramework.TIMEOUT_S);
        assertServesAndCommandsWork();
    }

    private String engineConfiguration() {
        try {
            org.osgi.service.cm.Configuration[] c = configAdmin.listConfigurations("(service.pid=" + ENGINE + ")");
            return c == null ? "none" : String.valueOf(c[0].getProperties());
        } catch (Exception e) {
            return e.toString();
        }
    }

    private int syncQueues() {
        return platform.queueCount("soft", null, QueueMode.SYNC);
    }

    private List<String> warnings() {
        return log.stream().filter(e -> e.getMessage() != null && e.getMessage().startsWith("configuration "))
                .map(LogEntry::getMessage).collect(Collectors.toList());
    }

    @SuppressWarnings("unchecked")
    private void assertServesAndCommandsWork() throws Exception {
        byte[] data = "the platform still serves after a bad configuration value\n".repeat(100)
                .getBytes(StandardCharsets.UTF_8);
        try (Session s = compressor.openSession(SessionSpec.of(Algorithm.GZIP))) {
            assertTrue(Arrays.equals(data, s.decompress(s.compress(data))));
        }
        ServiceReference<?> ref = InFramework.awaitService(context, ToIntFunction.class.getName());
        ToIntFunction<Object> wd = (ToIntFunction<Object>) context.getService(ref);
        try {
            for (String[] command : new String[][] {{"summary"}, {"queues"}, {"drivers"}, {"sched"}}) {
                assertEquals("wd:" + String.join(" ", command), 0, wd.applyAsInt(command));
            }
        } finally {
            context.ungetService(ref);
        }
    }

    /** Replaces a watched file atomically, so FileInstall never reads half of it. */
    private static void place(Path target, String content) {
        try {
            Path tmp = Files.createTempFile(target.getParent().getParent(), "incoming-", ".tmp");
            Files.writeString(tmp, content, StandardCharsets.ISO_8859_1);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
