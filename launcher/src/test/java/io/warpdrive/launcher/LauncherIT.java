package io.warpdrive.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import io.warpdrive.launcher.testcli.FakeCli;

/**
 * Runs the real {@code target/warpdrive.jar} as a subprocess ({@code java -jar}), from a working
 * directory that is not the module's. Every run is bounded by {@link #TIMEOUT_S}; waiting is
 * {@code Process.waitFor}, never a sleep. The runs are independent (own home, own working
 * directory), so they run concurrently (failsafe enables parallel execution for this module).
 */
@Execution(ExecutionMode.CONCURRENT)
class LauncherIT {

    static final long TIMEOUT_S = 60;

    static Path jar;
    /** Bundle symbolic name -> version of every embedded bundle, from target/bundles. */
    static Map<String, String> embedded;

    @TempDir
    Path tmp;

    @BeforeAll
    static void locate() throws IOException {
        jar = Path.of(System.getProperty("warpdrive.jar", "target/warpdrive.jar")).toAbsolutePath();
        assertTrue(Files.isRegularFile(jar), jar + " is missing: run 'mvn verify'");
        embedded = new LinkedHashMap<>();
        Path dir = Path.of(System.getProperty("warpdrive.bundles.dir", "target/bundles"));
        for (Path bundle : BundleIndex.readDirectory(dir)) {
            try (JarFile jf = new JarFile(bundle.toFile())) {
                Attributes a = jf.getManifest().getMainAttributes();
                embedded.put(a.getValue("Bundle-SymbolicName").split(";")[0].trim(), a.getValue("Bundle-Version"));
            }
        }
        assertTrue(embedded.containsKey("org.apache.felix.scr"), embedded.toString());
    }

    record Result(int exit, String out, String err) {
        List<String> errLines() {
            return err.lines().filter(l -> !l.isBlank()).toList();
        }
    }

    private Result run(Map<String, String> env, String stdin, String... args) throws Exception {
        return run(jar, env, stdin, args);
    }

    private Result run(Path jar, Map<String, String> env, String stdin, String... args) throws Exception {
        Path work = Files.createDirectories(tmp.resolve("work"));
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        int i = 0;
        while (i < args.length && args[i].startsWith("-D")) {
            cmd.add(args[i++]); // JVM system properties go before -jar
        }
        cmd.add("-jar");
        cmd.add(jar.toString());
        cmd.addAll(List.of(args).subList(i, args.length));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(work.toFile());
        pb.environment().remove(HomeLayout.ENV_HOME);
        pb.environment().putAll(env);
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        if (!p.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            fail("java -jar warpdrive.jar " + String.join(" ", args) + " did not finish within " + TIMEOUT_S
                    + " s\nstdout:\n" + Files.readString(out) + "\nstderr:\n" + Files.readString(err));
        }
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private Result run(String... args) throws Exception {
        return run(Map.of(), "", args);
    }

    /** The state of each bundle in the output of {@code bundles}. */
    private static Map<String, String> states(String bundlesOutput) {
        Map<String, String> states = new HashMap<>();
        bundlesOutput.lines().skip(1).map(l -> l.trim().split("\\s+")).filter(c -> c.length >= 4)
                .forEach(c -> states.put(c[2], c[1]));
        return states;
    }

    /** The fake CLI (the other side of the protocol) as a bundle in home/deploy. */
    private Path homeWithFakeCli() throws IOException {
        Path home = tmp.resolve("home");
        TestBundles.write(home.resolve("deploy"), "fake-cli.jar", "io.warpdrive.launcher.testcli", FakeCli.class);
        return home;
    }

    // ------------------------------------------------------------------ launcher alone

    @Test
    void bundlesListsEveryEmbeddedBundleActive() throws Exception {
        Path home = tmp.resolve("home");
        Result r = run("--home", home.toString(), "bundles");
        assertEquals(0, r.exit(), r.err());
        Map<String, String> states = states(r.out());
        embedded.keySet().forEach(bsn -> assertEquals("ACTIVE", states.get(bsn), bsn + " in\n" + r.out()));
        assertEquals("ACTIVE", states.get("org.apache.felix.framework"), r.out());
        assertEquals("", r.err(), "nothing on stderr");
        for (String dir : new String[] {"deploy", "conf", "data"}) {
            assertTrue(Files.isDirectory(home.resolve(dir)), dir);
        }
    }

    @Test
    void theProductHasNoHttpServiceUnlessAsked() throws Exception {
        Path home = tmp.resolve("home");
        Result plain = run("--home", home.toString(), "bundles");
        assertEquals(0, plain.exit(), plain.err());
        Map<String, String> states = states(plain.out());
        assertFalse(states.containsKey("org.apache.felix.http.jetty"), plain.out());
        assertFalse(states.containsKey("io.warpdrive.webconsole"), plain.out());

        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Result web = run("--home", home.toString(), "--web=" + port, "bundles");
        assertEquals(0, web.exit(), web.err());
        Map<String, String> webStates = states(web.out());
        for (String bsn : new String[] {"org.apache.felix.http.servlet-api", "slf4j.api", "org.apache.felix.http.jetty",
            "io.warpdrive.webconsole"}) {
            assertEquals("ACTIVE", webStates.get(bsn), bsn + " in\n" + web.out());
        }
        assertTrue(web.err().contains("Web console: http://127.0.0.1:" + port + "/warpdrive/"), web.err());
    }

    @Test
    void aWebPortInUseIsOneClearLine() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Result r = run("--home", tmp.resolve("home").toString(), "--web=" + taken.getLocalPort(), "bundles");
            assertEquals(1, r.exit(), r.err());
            assertEquals(1, r.errLines().size(), r.err());
            assertTrue(r.errLines().get(0).startsWith("error: the web console cannot listen on 127.0.0.1:" + taken.getLocalPort()),
                    r.err());
        }
    }

    @Test
    void homeDefaultsToTheJarDirectoryAndEnvironmentOverrides() throws Exception {
        Path product = Files.createDirectories(tmp.resolve("product"));
        Path copy = Files.copy(jar, product.resolve("warpdrive.jar"), StandardCopyOption.REPLACE_EXISTING);
        Path envHome = tmp.resolve("env-home");
        assertEquals(0, run(copy, Map.of(HomeLayout.ENV_HOME, envHome.toString()), "", "bundles").exit());
        assertTrue(Files.isDirectory(envHome.resolve("conf")));
        assertFalse(Files.exists(product.resolve("conf")), "WARPDRIVE_HOME wins over the jar directory");

        assertEquals(0, run(copy, Map.of(), "", "bundles").exit());
        assertTrue(Files.isDirectory(product.resolve("deploy")));
        assertFalse(Files.exists(tmp.resolve("work/deploy")), "not the working directory");
    }

    @Test
    void helpExitsZeroAndListsOptions() throws Exception {
        Result r = run("--home", tmp.resolve("home").toString(), "--help");
        assertEquals(0, r.exit(), r.err());
        for (String s : new String[] {"--home", "--emulate", "--verbose", "--version", "bundles", "io.warpdrive.shell"}) {
            assertTrue(r.out().contains(s), s + " in\n" + r.out());
        }
    }

    @Test
    void versionNamesTheFramework() throws Exception {
        Result r = run("--version");
        assertEquals(0, r.exit());
        assertTrue(r.out().contains("Apache Felix framework 7."), r.out());
    }

    @Test
    void unknownOptionIsAUsageError() throws Exception {
        Result r = run("--bogus", "bundles");
        assertEquals(2, r.exit());
        assertEquals(List.of("error: unknown option: --bogus (see java -jar warpdrive.jar --help)"), r.errLines());
    }

    @Test
    void oneShotRunsLeaveNoTemporaryStorage() throws Exception {
        Path tmpdir = Files.createDirectories(tmp.resolve("java-tmp"));
        assertEquals(0, run("-Djava.io.tmpdir=" + tmpdir, "--home", tmp.resolve("home").toString(), "bundles").exit());
        try (Stream<Path> left = Files.list(tmpdir)) {
            assertEquals(List.of(), left.filter(p -> p.getFileName().toString().startsWith("warpdrive-")).toList());
        }
    }

    @Test
    void oneShotRunsReuseTheirStorageAndARunBesideAnotherTakesATemporaryOne() throws Exception {
        String home = tmp.resolve("reused-home").toString();
        Result first = run("-v", "--home", home, "bundles");
        assertEquals(0, first.exit(), first.err());
        assertTrue(first.err().contains("data/oneshot/cache (filled for later runs)"), first.err());
        Result second = run("-v", "--home", home, "bundles");
        assertEquals(0, second.exit(), second.err());
        assertTrue(second.err().contains("data/oneshot/cache (reused)"), second.err());
        assertEquals(states(first.out()), states(second.out()), "the same bundles in the same states");
        try (FileChannel lock = FileChannel.open(Path.of(home, "data", "oneshot", ".lock"), StandardOpenOption.WRITE);
                FileLock held = lock.lock()) {
            Result beside = run("-v", "--home", home, "bundles");
            assertEquals(0, beside.exit(), beside.err());
            assertTrue(beside.err().contains("(temporary)"), "another run holds the storage: " + beside.err());
            assertEquals(states(first.out()), states(beside.out()));
        }
    }

    @Test
    void emulatedDevicesAreListedAsSuchAndTheirDirectoryIsRemovedAtExit() throws Exception {
        Path tmpdir = Files.createDirectories(tmp.resolve("java-tmp"));
        String home = tmp.resolve("home").toString();
        Result devices = run("-Djava.io.tmpdir=" + tmpdir, "--home", home, "--emulate", "2", "devices");
        assertEquals(0, devices.exit(), devices.err());
        for (String device : List.of("hisi_zip-0", "hisi_zip-1")) {
            String line = devices.out().lines().filter(l -> l.startsWith(device)).findFirst().orElse("");
            assertTrue(line.contains("emulated=true") && line.contains("api=hisi_qm_v3") && line.contains("ONLINE"),
                    devices.out());
        }
        Result summary = run("-Djava.io.tmpdir=" + tmpdir, "--home", home, "--emulate=1", "summary");
        assertEquals(0, summary.exit(), summary.err());
        assertTrue(summary.out().lines().anyMatch(l -> l.startsWith("driver:    hisi_zip") && l.contains("HW")
                && l.contains("priority 100") && l.contains("1 device,")), summary.out());
        try (Stream<Path> left = Files.list(tmpdir)) {
            assertEquals(List.of(), left.filter(p -> p.getFileName().toString().startsWith("warpdrive-")).toList(),
                    "the emulator's directory and the framework storage are gone");
        }
        if (!Files.isDirectory(Path.of("/sys/class/uacce"))) {
            Result none = run("--home", home, "devices");
            assertFalse(none.out().contains("hisi_zip-0"), "without --emulate: the real /sys/class/uacce (none here)");
        }
    }
    @Test
    void aOneShotCommandStartsNeitherGogoNorAnIdleFileInstall() throws Exception {
        Path home = tmp.resolve("lean-home");
        Result lean = run("-v", "--home", home.toString(), "drivers");
        assertEquals(0, lean.exit(), lean.err());
        assertTrue(lean.out().lines().anyMatch(l -> l.startsWith("soft ")), lean.out());
        assertTrue(lean.err().contains("not started, this command does not need them: org.apache.felix.fileinstall, "
                + "org.apache.felix.gogo.command, org.apache.felix.gogo.runtime, org.apache.felix.gogo.shell"), lean.err());

        // a configuration file in conf/ is FileInstall's work: it starts, Gogo still waits
        Files.writeString(home.resolve("conf").resolve("io.warpdrive.launcher.test.cfg"), "unused=1\n");
        Result withConf = run("-v", "--home", home.toString(), "drivers");
        assertEquals(0, withConf.exit(), withConf.err());
        assertTrue(withConf.err().contains("not started, this command does not need them: "
                + "org.apache.felix.gogo.command, org.apache.felix.gogo.runtime, org.apache.felix.gogo.shell"), withConf.err());
    }

    @Test
    void aRunThatStartedEverythingLeavesLaterOneShotCommandsWithoutGogo() throws Exception {
        Path home = tmp.resolve("after-bundles");
        Result all = run("--home", home.toString(), "bundles"); // starts Gogo too, in the kept storage
        assertEquals(0, all.exit(), all.err());
        Path logs = Files.createDirectories(tmp.resolve("class-load"));
        Result drivers = run(Map.of("JDK_JAVA_OPTIONS", "-Xlog:class+load:file=" + logs.resolve("jvm-%p.txt")), "",
                "--home", home.toString(), "drivers");
        assertEquals(0, drivers.exit(), drivers.err());
        StringBuilder loaded = new StringBuilder();
        try (Stream<Path> files = Files.list(logs)) {
            for (Path f : files.toList()) {
                loaded.append(Files.readString(f));
            }
        }
        assertTrue(loaded.indexOf("io.warpdrive.shell.") >= 0, "the class loading log has the command's classes");
        assertEquals(-1, loaded.indexOf("org.apache.felix.gogo."), "no class of Gogo loaded: it did not start");
    }

    @Test
    void aConfFileWrittenAfterARunWithoutFileInstallReachesTheNextCommandBeforeItRuns() throws Exception {
        Path home = tmp.resolve("conf-late");
        Result first = run("--home", home.toString(), "drivers"); // conf/ empty: FileInstall held back
        assertEquals(0, first.exit(), first.err());
        Files.writeString(home.resolve("conf/io.warpdrive.engine.cfg"), "queues=soft=3\n");
        Path logs = Files.createDirectories(tmp.resolve("class-load-conf"));
        Result summary = run(Map.of("JDK_JAVA_OPTIONS", "-Xlog:class+load:file=" + logs.resolve("jvm-%p.txt")), "",
                "--home", home.toString(), "summary");
        assertEquals(0, summary.exit(), summary.err());
        assertTrue(summary.out().lines().anyMatch(l -> l.contains("soft") && l.contains("3 compress + 3 decompress queues")),
                summary.out());
        StringBuilder loaded = new StringBuilder();
        try (Stream<Path> files = Files.list(logs)) {
            for (Path f : files.toList()) {
                loaded.append(Files.readString(f));
            }
        }
        // The order that makes it so: FileInstall's first scan before the engine's first class.
        int scan = loaded.indexOf("org.apache.felix.fileinstall.internal.DirectoryWatcher ");
        int engine = loaded.indexOf("io.warpdrive.core.");
        assertTrue(scan >= 0 && engine > scan, "FileInstall scans conf/ before the engine starts (" + scan + ", " + engine + ")");
    }


    // ------------------------------------------------------------------ CLI protocol (fake shell bundle)

    @Test
    void commandRunsThroughTheCliServiceAndItsExitCodeIsReturned() throws Exception {
        Path home = homeWithFakeCli();
        Result echo = run("--home", home.toString(), "echo", "a", "-v", "b");
        assertEquals(0, echo.exit(), echo.err());
        assertEquals("a -v b\n", echo.out());

        Result exit = run("--home", home.toString(), "exit", "7");
        assertEquals(7, exit.exit(), exit.err());
    }

    @Test
    void commandsReadStdin() throws Exception {
        Result r = run(Map.of(), "payload\nline 2\n", "--home", homeWithFakeCli().toString(), "cat");
        assertEquals(0, r.exit(), r.err());
        assertEquals("payload\nline 2\n", r.out());
    }

    @Test
    void failingCommandIsOneLineUnlessVerbose() throws Exception {
        Path home = homeWithFakeCli();
        Result r = run("--home", home.toString(), "throw");
        assertEquals(1, r.exit());
        assertEquals(List.of("error: command 'throw' failed: boom (IllegalStateException)"), r.errLines());

        Result v = run("--home", home.toString(), "-v", "throw");
        assertEquals(1, v.exit());
        assertTrue(v.err().contains("\tat io.warpdrive.launcher.testcli.FakeCli"), v.err());
    }

    @Test
    void helpAppendsTheCliHelp() throws Exception {
        Result r = run("--home", homeWithFakeCli().toString(), "--help");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("Usage: java -jar warpdrive.jar"), r.out());
        assertTrue(r.out().contains("fake help: echo"), r.out());
    }

    @Test
    void deployedBundleIsActiveInBundles() throws Exception {
        Result r = run("--home", homeWithFakeCli().toString(), "bundles");
        assertEquals(0, r.exit(), r.err());
        assertEquals("ACTIVE", states(r.out()).get("io.warpdrive.launcher.testcli"), r.out());
    }

    // ------------------------------------------------------------------ interactive

    @Test
    void interactivePrintsSummaryThenShellStopsOnEof() throws Exception {
        Result r = run(Map.of(), "", "--home", homeWithFakeCli().toString());
        assertEquals(0, r.exit(), r.err());
        int summary = r.out().indexOf("fake summary");
        int banner = r.out().indexOf("WarpDrive is running");
        assertTrue(summary >= 0 && banner > summary, r.out());
        assertTrue(r.out().contains("gosh: stopping framework"), r.out());
    }

    @Test
    void interactiveExitCommandStopsCleanly() throws Exception {
        Path home = homeWithFakeCli();
        Result r = run(Map.of(), "echo hello from gogo\nexit 5\n", "--home", home.toString());
        assertEquals(5, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("hello from gogo"), r.out());
        assertTrue(Files.isDirectory(home.resolve("data/cache")), "interactive storage in home/data/cache");
    }
}
