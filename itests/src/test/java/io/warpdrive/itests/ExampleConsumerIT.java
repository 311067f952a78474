package io.warpdrive.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import io.warpdrive.admin.Platform;
import io.warpdrive.comp.Algorithm;
import io.warpdrive.testing.data.TestFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.inject.Inject;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogLevel;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogReaderService;

/**
 * The example consumer bundle (bundles/example-consumer, installed from its jar, not part of
 * the product) inside Felix: configured through Configuration Admin, its log compressor
 * replaces rotated logs with gzip files that java.util.zip reads back; its example:gzip
 * command does the same for one file. When the core bundle or the CPU drivers stop — also
 * in the middle of a file — the work in progress is undone cleanly (the log kept, no
 * partial file) and done once the platform is back; the bundle logs these expected
 * conditions as single lines, never with a stack trace.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ExampleConsumerIT {
    private static final String EXAMPLE = "io.warpdrive.example.consumer";
    private static final String PID = "io.warpdrive.example.logcompressor";

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configAdmin;

    @Inject
    private LogReaderService logReader;

    /** What the example bundle logged during the test. */
    private final List<LogEntry> exampleLog = new CopyOnWriteArrayList<>();
    private final LogListener listener = entry -> {
        if (entry.getBundle() != null && EXAMPLE.equals(entry.getBundle().getSymbolicName())) {
            exampleLog.add(entry);
        }
    };
    private org.osgi.service.cm.Configuration configuration;

    @Configuration
    public Option[] config() {
        String jar = System.getProperty("warpdrive.itest.example.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("the example consumer's jar (warpdrive.itest.example.jar) is missing: "
                    + jar + " (run the itests through 'mvn verify')");
        }
        return WarpDriveOptions.platform(WarpDriveOptions.extraBundle(Path.of(jar)));
    }

    @Before
    public void start() throws InterruptedException {
        awaitDriver();
        logReader.addLogListener(listener);
    }

    @After
    public void stop() throws IOException {
        if (configuration != null) {
            configuration.delete();
            // The next test configures the same PID: let this instance go first (its deactivation
            // ends its scan thread), so the two configurations never meet in the component runtime.
            Await.until(() -> "the log compressor of this test stopped (its scan thread: " + scanThread() + ")",
                    () -> scanThread().equals("none"), 45);
        }
        logReader.removeLogListener(listener);
        for (LogEntry e : exampleLog) {
            assertTrue("logged with a stack trace: " + e.getMessage() + ": " + e.getException(),
                    e.getException() == null);
        }
    }

    /** The platform of the moment (the core bundle restarts in some tests) serves gzip both ways. */
    private void awaitDriver() throws InterruptedException {
        ServiceReference<?> ref = InFramework.awaitService(context, Platform.class.getName());
        assertNotNull("the platform is up", ref);
        Platform platform = (Platform) context.getService(ref);
        try {
            InFramework.awaitGzipBothWays(platform);
        } finally {
            context.ungetService(ref);
        }
    }

    @Test
    public void rotatedLogsInTheConfiguredFolderAreReplacedByTheirGzip() throws IOException {
        Path logs = folder("rotated");
        byte[] first = Bytes.sample("text", 1 << 20);
        byte[] second = TestFiles.file("xml");
        byte[] current = "the log being written\n".getBytes(StandardCharsets.US_ASCII);
        Files.write(logs.resolve("app.log.1"), first);
        Files.write(logs.resolve("app.log.2"), second);
        Files.write(logs.resolve("app.log"), current);
        Files.write(logs.resolve("notes.txt"), current);

        configure(logs, 1);
        awaitGzipped(logs.resolve("app.log.1"), first);
        awaitGzipped(logs.resolve("app.log.2"), second);

        assertArrayEquals("the current log is left alone", current, Files.readAllBytes(logs.resolve("app.log")));
        assertArrayEquals(current, Files.readAllBytes(logs.resolve("notes.txt")));
        assertEquals(List.of("app.log", "app.log.1.gz", "app.log.2.gz", "notes.txt"), names(logs));
    }

    @Test
    public void theGzipCommandReplacesOneFile() throws Exception {
        ServiceReference<?> ref = InFramework.awaitService(context, EXAMPLE + ".GzipCommand");
        assertNotNull("example:gzip is registered", ref);
        assertEquals("example", ref.getProperty("osgi.command.scope"));
        Object command = context.getService(ref);
        try {
            Path file = folder("command").resolve("report.csv");
            byte[] data = Bytes.sample("rows", 3_000_017);
            Files.write(file, data);
            // Gogo calls the method by reflection, as here: the test needs no Gogo API
            Object said = command.getClass().getMethod("gzip", String.class).invoke(command, file.toString());
            assertTrue(String.valueOf(said), String.valueOf(said).startsWith(file + ".gz: 3000017 -> "));
            assertFalse(Files.exists(file));
            assertArrayEquals(data, Jdk.decompress(Algorithm.GZIP, Files.readAllBytes(gz(file))));
        } finally {
            context.ungetService(ref);
        }
    }

    @Test
    public void whileThePlatformIsAwayCompressionPausesAndItResumesWhenItReturns() throws Exception {
        Path logs = folder("platform-away");
        configure(logs, 6);
        Bundle core = bundle("io.warpdrive.core");
        byte[] data = Bytes.sample("binary", 2_000_003);
        core.stop();
        try {
            awaitLogged(LogLevel.WARN, "WarpDrive went away");
            Files.write(logs.resolve("app.log.1"), data); // rotated while there is no platform
        } finally {
            core.start();
        }
        awaitDriver();
        awaitLogged(LogLevel.INFO, "WarpDrive is back");
        awaitGzipped(logs.resolve("app.log.1"), data);
    }

    @Test
    public void whileNoDriverServesCompressionFailsCleanlyAndIsDoneWhenOneDoes() throws Exception {
        Path logs = folder("driver-away");
        configure(logs, 6);
        List<Bundle> cpu = InFramework.cpuDrivers(context);
        byte[] data = Bytes.sample("text", 2_000_003);
        Path log = logs.resolve("app.log.1");
        InFramework.stop(cpu);
        try {
            Files.write(log, data);
            awaitLogged(LogLevel.WARN, "app.log.1 not compressed, will try again");
            assertTrue("the log is kept", Files.exists(log));
            assertFalse(Files.exists(gz(log)));
        } finally {
            InFramework.start(cpu);
        }
        awaitDriver();
        awaitGzipped(log, data);
    }

    @Test
    public void aFileInProgressWhenTheCoreStopsIsUndoneAndDoneLater() throws Exception {
        stopInTheMiddleOfAFile(List.of(bundle("io.warpdrive.core")), folder("core-mid-file"));
    }

    @Test
    public void aFileInProgressWhenTheDriverStopsIsUndoneAndDoneLater() throws Exception {
        stopInTheMiddleOfAFile(InFramework.cpuDrivers(context), folder("driver-mid-file"));
    }

    /**
     * Stops {@code bundles} once the compression of a large log has started. Whether the stop
     * came before the end of the file or not, the result is all or nothing: either the log
     * was compressed completely, or it is untouched with no partial file. After the restart
     * it is compressed.
     */
    private void stopInTheMiddleOfAFile(List<Bundle> bundles, Path logs) throws Exception {
        byte[] data = TestFiles.file("rows");
        Path log = logs.resolve("big.log.1");
        Path partial = logs.resolve("big.log.1.gz.part");
        Files.write(log, data);
        configure(logs, 6);
        Await.until("the compression of " + log + " has started",
                () -> Files.exists(partial) || Files.exists(gz(log)));
        InFramework.stop(bundles);
        try {
            Await.until("big.log.1 is either compressed or untouched, with no partial file",
                    () -> !Files.exists(partial) && Files.exists(gz(log)) != Files.exists(log));
            if (Files.exists(log)) {
                assertArrayEquals("the log is intact", data, Files.readAllBytes(log));
            }
        } finally {
            InFramework.start(bundles);
        }
        awaitDriver();
        awaitGzipped(log, data);
    }

    // ---- helpers ----------------------------------------------------------------------------

    /** Configures the log compressor for {@code folder}, looking every second, and waits until it runs. */
    private void configure(Path folder, int level) throws IOException {
        Hashtable<String, Object> p = new Hashtable<>();
        p.put("folder", folder.toString());
        p.put("level", level);
        p.put("fallback", "AUTO");
        p.put("interval.seconds", 1L);
        configuration = configAdmin.getConfiguration(PID, "?");
        configuration.update(p);
        // A new configuration replaces the component: the previous instance first waits for its
        // scan to end (up to 30 s by design, a file being compressed), so allow for that.
        String text = "in " + folder + " every 1 s";
        Await.until(() -> "the example bundle logs at INFO '" + text + "…' (it logged: " + messages() + "; its scan "
                + "thread: " + scanThread() + ")", () -> exampleLog.stream().anyMatch(
                        e -> e.getLogLevel() == LogLevel.INFO && e.getMessage().contains(text)), 45);
    }

    /** Where the example's scan thread is, for a failure message. */
    private static String scanThread() {
        for (Map.Entry<Thread, StackTraceElement[]> t : Thread.getAllStackTraces().entrySet()) {
            if (t.getKey().getName().equals("example-log-compressor")) {
                StringBuilder b = new StringBuilder(t.getKey().getState().toString());
                for (int i = 0; i < Math.min(12, t.getValue().length); i++) {
                    b.append(" < ").append(t.getValue()[i]);
                }
                return b.toString();
            }
        }
        return "none";
    }

    private Path folder(String name) throws IOException {
        return Files.createDirectories(InFramework.home(context).resolve("logs").resolve(name));
    }

    private Bundle bundle(String symbolicName) {
        Bundle b = InFramework.bundle(context, symbolicName);
        assertNotNull(symbolicName, b);
        return b;
    }

    private static Path gz(Path file) {
        return file.resolveSibling(file.getFileName() + ".gz");
    }

    /** Waits until FILE.gz is there and FILE is gone (the .gz appears complete), then checks its content. */
    private static void awaitGzipped(Path file, byte[] original) throws IOException {
        Await.until(file + " replaced by " + gz(file), () -> Files.exists(gz(file)) && !Files.exists(file));
        assertArrayEquals(file + ".gz read by java.util.zip", original,
                Jdk.decompress(Algorithm.GZIP, Files.readAllBytes(gz(file))));
    }

    private void awaitLogged(LogLevel level, String text) {
        Await.until(() -> "the example bundle logs at " + level + " '" + text + "…' (it logged: " + messages() + ")",
                () -> exampleLog.stream().anyMatch(e -> e.getLogLevel() == level && e.getMessage().contains(text)));
    }

    private List<String> messages() {
        List<String> all = new ArrayList<>();
        exampleLog.forEach(e -> all.add(e.getLogLevel() + " " + e.getMessage()));
        return all;
    }

    private static List<String> names(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
