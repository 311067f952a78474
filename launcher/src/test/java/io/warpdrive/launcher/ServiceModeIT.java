package io.warpdrive.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The real warpdrive.jar as a service: started with standard input on /dev/null (as systemd,
 * nohup and containers start it), it stays up, logs, serves, and stops cleanly on SIGTERM
 * ({@link Process#destroy()}) with exit status 0 and the clean-stop line in its log. Waits are on
 * conditions (a log line, the process's end), each bounded.
 */
@Execution(ExecutionMode.CONCURRENT)
class ServiceModeIT {

    static final long TIMEOUT_S = 90;

    static Path jar;

    @TempDir
    Path tmp;

    @BeforeAll
    static void locate() {
        jar = Path.of(System.getProperty("warpdrive.jar", "target/warpdrive.jar")).toAbsolutePath();
        assertTrue(Files.isRegularFile(jar), jar + " is missing: run 'mvn verify'");
    }

    private static List<String> java(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-jar");
        cmd.add(jar.toString());
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** Starts warpdrive.jar with standard input on /dev/null, stdout and stderr into files. */
    private Process start(Path stdout, Path stderr, String... args) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(java(args)).directory(tmp.toFile());
        pb.environment().remove(HomeLayout.ENV_HOME);
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        return pb.start();
    }

    /** Waits, bounded, until {@code file} contains {@code text} or the process ends. */
    private static String awaitLine(Process p, Path file, String text) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
        while (System.nanoTime() < deadline) {
            String content = Files.exists(file) ? Files.readString(file) : "";
            if (content.contains(text)) {
                return content;
            }
            if (!p.isAlive()) {
                fail("warpdrive.jar ended (exit " + p.exitValue() + ") before logging '" + text + "':\n" + content);
            }
            p.waitFor(100, TimeUnit.MILLISECONDS); // returns at once if the process ends
        }
        p.destroyForcibly();
        fail("no '" + text + "' in " + file + " within " + TIMEOUT_S + " s");
        return null;
    }

    private static int stop(Process p) throws Exception {
        p.destroy(); // SIGTERM
        if (!p.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            fail("warpdrive.jar did not stop within " + TIMEOUT_S + " s of SIGTERM");
        }
        return p.exitValue();
    }

    private record Run(int exit, String out) {
    }

    private Run runOnce(String... args) throws Exception {
        Path out = Files.createTempFile(tmp, "once", ".txt");
        ProcessBuilder pb = new ProcessBuilder(java(args)).directory(tmp.toFile());
        pb.environment().remove(HomeLayout.ENV_HOME);
        pb.redirectErrorStream(true).redirectOutput(out.toFile());
        Process p = pb.start();
        p.getOutputStream().close();
        if (!p.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            fail(String.join(" ", args) + " did not finish within " + TIMEOUT_S + " s");
        }
        return new Run(p.exitValue(), Files.readString(out));
    }

    @Test
    void serviceStaysUpLogsToTheHomeAndStopsCleanlyOnSigterm() throws Exception {
        Path home = tmp.resolve("home");
        Path stdout = tmp.resolve("stdout.txt");
        Path stderr = tmp.resolve("stderr.txt");
        Process p = start(stdout, stderr, "--home", home.toString(), "--service");
        Path log = home.resolve("log/warpdrive.log");
        String running = awaitLine(p, log, ServiceMode.RUNNING);
        assertTrue(running.contains("pid " + p.pid()), running);
        assertTrue(Files.readString(stderr).contains("log: " + log), "says where the log is: " + Files.readString(stderr));

        // A one-shot command on the same home runs beside the service; a second service is refused.
        Run summary = runOnce("--home", home.toString(), "summary");
        assertEquals(0, summary.exit(), summary.out());
        Run second = runOnce("--home", home.toString(), "--service", "--log=-");
        assertEquals(ExitCodes.FAILURE, second.exit(), second.out());
        assertTrue(second.out().contains("another WarpDrive platform is running"), second.out());
        assertTrue(p.isAlive(), "the service is still up");

        assertEquals(ExitCodes.OK, stop(p), Files.readString(log));
        String text = Files.readString(log);
        assertTrue(text.contains("stopping on SIGTERM"), text);
        assertTrue(text.contains(ServiceMode.STOPPED), text);
        assertTrue(text.indexOf(ServiceMode.STOPPED) > text.indexOf("stopping on SIGTERM"), text);
        assertEquals("", Files.readString(stdout), "nothing on stdout when logging to the file");
    }

    @Test
    void aStopThatOutlastsTheDrainBoundExitsFourAndSaysSo() throws Exception {
        Path home = tmp.resolve("home");
        TestBundles.write(home.resolve("deploy"), "slow-stop.jar", "io.warpdrive.launcher.testcli.slowstop",
                io.warpdrive.launcher.testcli.SlowStop.class);
        Path stdout = tmp.resolve("stdout.txt");
        Process p = start(stdout, tmp.resolve("stderr.txt"), "--home", home.toString(), "--service", "--log=-",
                "--drain=1");
        awaitLine(p, stdout, ServiceMode.RUNNING);
        assertEquals(ExitCodes.STOP_TIMEOUT, stop(p), Files.readString(stdout));
        String text = Files.readString(stdout);
        assertTrue(text.contains("stopping on SIGTERM"), text);
        assertTrue(text.contains("not stopped within 1 s: requests still in flight may be lost; exit 4"), text);
        assertTrue(!text.contains(ServiceMode.STOPPED), text);
    }

    @Test
    void noCommandWithStdinOnDevNullServesTheWebConsoleUntilSigterm() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path home = tmp.resolve("home");
        Path stdout = tmp.resolve("stdout.txt");
        Path stderr = tmp.resolve("stderr.txt");
        Process p = start(stdout, stderr, "--home", home.toString(), "--web=" + port, "--log=-");
        String running = awaitLine(p, stdout, ServiceMode.RUNNING);
        assertTrue(running.contains("web console http://127.0.0.1:" + port), running);

        HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/warpdrive/").toURL().openConnection();
        c.setConnectTimeout(10_000);
        c.setReadTimeout(10_000);
        assertEquals(200, c.getResponseCode(), "the web console answers while the service runs");
        c.disconnect();
        assertTrue(p.isAlive(), "no console, and still up");

        assertEquals(ExitCodes.OK, stop(p), Files.readString(stdout));
        String text = Files.readString(stdout);
        assertTrue(text.contains("stopping on SIGTERM"), text);
        assertTrue(text.contains(ServiceMode.STOPPED), text);
        assertTrue(!text.contains("gosh: stopping"), "the Gogo console never ran: " + text);
        assertTrue(!Files.exists(home.resolve("log/warpdrive.log")), "--log=- writes no log file");
    }
}
