package io.warpdrive.launcher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * One-shot commands answered by a running service over its command socket ({@link CommandSocket},
 * {@link ServiceClient}), with the real warpdrive.jar: a service in a temporary home, clients as
 * separate processes in a directory of their own. Every wait is on a condition, bounded by
 * {@link #TIMEOUT_S}.
 */
@Execution(ExecutionMode.CONCURRENT)
class CommandSocketIT {
    static final long TIMEOUT_S = 90;
    private static final String SERVED = "run by the service listening on";

    @TempDir
    Path tmp;

    private Path home;
    private Path work;
    private Process service;
    private Path serviceLog;

    record Result(int exit, byte[] out, String err) {
        String text() {
            return new String(out, StandardCharsets.UTF_8);
        }
    }

    @BeforeEach
    void startService() throws Exception {
        home = tmp.resolve("home");
        work = Files.createDirectories(tmp.resolve("work"));
        service = startService(0);
    }

    @AfterEach
    void stopService() throws Exception {
        if (service != null && service.isAlive()) {
            service.destroy();
            if (!service.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
                service.destroyForcibly();
            }
        }
    }

    private Process startService(int generation) throws Exception {
        serviceLog = tmp.resolve("service-" + generation + ".log");
        ProcessBuilder pb = new ProcessBuilder(java("--home", home.toString(), "--service", "--log=-"))
                .directory(tmp.toFile());
        pb.environment().remove(HomeLayout.ENV_HOME);
        pb.redirectInput(new File("/dev/null")).redirectErrorStream(true).redirectOutput(serviceLog.toFile());
        Process p = pb.start();
        await(() -> logHas(ServiceMode.RUNNING) || !p.isAlive(), "the service's start");
        assertTrue(p.isAlive(), this::log);
        assertTrue(log().contains("one-shot commands on " + home.resolve("run/cli.sock")), log());
        return p;
    }

    private boolean logHas(String text) {
        return log().contains(text);
    }

    private String log() {
        try {
            return Files.exists(serviceLog) ? Files.readString(serviceLog) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static List<String> java(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-jar");
        cmd.add(Path.of(System.getProperty("warpdrive.jar", "target/warpdrive.jar")).toAbsolutePath().toString());
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** A client started in {@link #work} with stdin from {@code stdin} (null: /dev/null). */
    private Process client(Path stdin, String... args) throws IOException {
        List<String> line = new ArrayList<>(List.of("--home", home.toString()));
        line.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(java(line.toArray(String[]::new))).directory(work.toFile());
        pb.environment().remove(HomeLayout.ENV_HOME);
        pb.environment().remove(ServiceClient.ENV_SERVICE);
        pb.redirectInput(stdin == null ? ProcessBuilder.Redirect.from(new File("/dev/null"))
                : ProcessBuilder.Redirect.from(stdin.toFile()));
        return pb.start();
    }

    private Result run(Path stdin, String... args) throws Exception {
        Process p = client(stdin, args);
        return finish(p, String.join(" ", args));
    }

    private static Result finish(Process p, String what) throws Exception {
        ExecutorService readers = Executors.newFixedThreadPool(2);
        try {
            Future<byte[]> out = readers.submit(() -> p.getInputStream().readAllBytes());
            Future<byte[]> err = readers.submit(() -> p.getErrorStream().readAllBytes());
            if (!p.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail(what + " did not finish within " + TIMEOUT_S + " s");
            }
            return new Result(p.exitValue(), out.get(TIMEOUT_S, TimeUnit.SECONDS),
                    new String(err.get(TIMEOUT_S, TimeUnit.SECONDS), StandardCharsets.UTF_8));
        } finally {
            readers.shutdownNow();
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("no " + what + " within " + TIMEOUT_S + " s");
            }
            Thread.sleep(20); // polling a file or a process, bounded by the deadline above
        }
    }

    private Path text(String name, int bytes, int variant) throws IOException {
        StringBuilder sb = new StringBuilder(bytes + 100);
        long x = 0x9E3779B97F4A7C15L * (variant + 1);
        String[] words = { "warp", "drive", "queue", "engine", "stream", "piece", "gzip", "deflate", "socket" };
        while (sb.length() < bytes) {
            x = x * 6364136223846793005L + 1442695040888963407L;
            sb.append(words[(int) ((x >>> 33) % words.length)]).append(x % 7 == 0 ? '\n' : ' ');
        }
        sb.setLength(bytes);
        return Files.writeString(work.resolve(name), sb);
    }

    private static byte[] gunzip(byte[] gz) throws IOException {
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        }
    }

    @Test
    void commandsRunInTheServiceWithTheClientsDirectoryStreamsAndExitCodes() throws Exception {
        Path socket = home.resolve("run/cli.sock");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket.getParent())));

        Result drivers = run(null, "-v", "drivers");
        assertEquals(0, drivers.exit(), drivers.err());
        assertTrue(drivers.err().contains(SERVED), drivers.err());
        assertTrue(drivers.text().startsWith("DRIVER "), drivers.text());
        assertFalse(drivers.err().contains("warpdrive: home "), "no platform of its own: " + drivers.err());

        // A file named relative to the client's directory, written there under the gzip rules.
        Path input = text("input.txt", 400_000, 0);
        Result compress = run(null, "-v", "compress", "input.txt");
        assertEquals(0, compress.exit(), compress.err());
        assertTrue(compress.err().contains(SERVED), compress.err());
        Path packed = work.resolve("input.txt.gz");
        assertArrayEquals(Files.readAllBytes(input), gunzip(Files.readAllBytes(packed)));
        Result decompress = run(null, "decompress", "input.txt.gz", "copy.txt");
        assertEquals(0, decompress.exit(), decompress.err());
        assertArrayEquals(Files.readAllBytes(input), Files.readAllBytes(work.resolve("copy.txt")));
        assertFalse(Files.exists(tmp.resolve("input.txt.gz")), "nothing in the service's own directory");

        // stdin to stdout, binary both ways.
        Result piped = run(input, "compress", "-");
        assertEquals(0, piped.exit(), piped.err());
        assertArrayEquals(Files.readAllBytes(input), gunzip(piped.out()));
        Path pipedGz = Files.write(work.resolve("piped.gz"), piped.out());
        Result unpiped = run(pipedGz, "decompress", "-");
        assertEquals(0, unpiped.exit(), unpiped.err());
        assertArrayEquals(Files.readAllBytes(input), unpiped.out());

        // Exit codes and stderr lines come back as a local run gives them.
        Result usage = run(null, "compress", "-l", "0", "input.txt");
        assertEquals(2, usage.exit(), usage.err());
        assertTrue(usage.err().startsWith("error: -l 0 is not a gzip level (1 to 9)\nusage: compress "), usage.err());
        Result missing = run(null, "compress", "missing.txt");
        assertEquals(1, missing.exit(), missing.err());
        assertEquals("error: no such file or directory: " + work.resolve("missing.txt"), missing.err().strip());
        Result exists = run(null, "compress", "input.txt");
        assertEquals(1, exists.exit(), exists.err());
        assertTrue(exists.err().contains("input.txt.gz"), exists.err());
    }

    @Test
    void whatTheServiceDoesNotRunRunsLocally() throws Exception {
        Result noService = run(null, "--no-service", "-v", "drivers");
        assertEquals(0, noService.exit(), noService.err());
        assertFalse(noService.err().contains(SERVED), noService.err());
        assertTrue(noService.err().contains("warpdrive: home "), "a platform of its own: " + noService.err());
        assertTrue(noService.text().startsWith("DRIVER "), noService.text());

        Result otherEmulation = run(null, "--emulate", "1", "-v", "drivers");
        assertEquals(0, otherEmulation.exit(), otherEmulation.err());
        assertTrue(otherEmulation.err().contains("the service does not run it: its --emulate (1) is not the service's (none)"),
                otherEmulation.err());
        assertTrue(otherEmulation.text().contains("hisi_zip  HW     100       1"), otherEmulation.text());

        Result bundles = run(null, "-v", "bundles");
        assertEquals(0, bundles.exit(), bundles.err());
        assertTrue(bundles.err().contains("the service does not run it"), bundles.err());
    }

    @Test
    void concurrentClientsGetOnlyTheirOwnOutput() throws Exception {
        int clients = 4;
        List<Path> inputs = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            inputs.add(text("in" + i + ".txt", 1_500_000 + i * 1000, i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(clients + 1);
        try {
            List<Future<Result>> results = new ArrayList<>();
            for (Path in : inputs) {
                results.add(pool.submit(() -> run(in, "compress", "-p", "2", "-")));
            }
            Future<Result> drivers = pool.submit((Callable<Result>) () -> run(null, "drivers"));
            for (int i = 0; i < clients; i++) {
                Result r = results.get(i).get(TIMEOUT_S, TimeUnit.SECONDS);
                assertEquals(0, r.exit(), r.err());
                assertArrayEquals(Files.readAllBytes(inputs.get(i)), gunzip(r.out()), "client " + i);
            }
            Result d = drivers.get(TIMEOUT_S, TimeUnit.SECONDS);
            assertEquals(0, d.exit(), d.err());
            assertTrue(d.text().startsWith("DRIVER "), d.text());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aClientKilledMidCommandLeavesNoOutputFileAndTheServiceServesOn() throws Exception {
        // stdin from a pipe the test holds open: the command is mid-way until the client dies.
        Process p = new ProcessBuilder(java("--home", home.toString(), "compress", "-", "out.gz"))
                .directory(work.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        OutputStream stdin = p.getOutputStream();
        stdin.write(Files.readAllBytes(text("first.txt", 300_000, 1)));
        stdin.flush();
        await(() -> partFiles().count() > 0 || !p.isAlive(), "temporary output file");
        assertTrue(p.isAlive(), "the command waits for more input");
        p.destroyForcibly(); // SIGKILL: no goodbye on the socket, it just closes
        assertTrue(p.waitFor(TIMEOUT_S, TimeUnit.SECONDS));
        await(() -> partFiles().count() == 0, "removal of the temporary output file");
        assertFalse(Files.exists(work.resolve("out.gz")), "no output under the final name");

        Result drivers = run(null, "-v", "drivers");
        assertEquals(0, drivers.exit(), drivers.err());
        assertTrue(drivers.err().contains(SERVED), drivers.err());
    }

    private Stream<Path> partFiles() {
        try (Stream<Path> files = Files.list(work)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".part")).toList().stream();
        } catch (IOException e) {
            return Stream.empty();
        }
    }

    @Test
    void theInteractivePlatformAnswersToo() throws Exception {
        service.destroy();
        assertTrue(service.waitFor(TIMEOUT_S, TimeUnit.SECONDS));
        Path screen = tmp.resolve("interactive.txt");
        ProcessBuilder pb = new ProcessBuilder(java("--home", home.toString())).directory(tmp.toFile());
        pb.environment().remove(HomeLayout.ENV_HOME);
        pb.redirectErrorStream(true).redirectOutput(screen.toFile());
        Process interactive = pb.start(); // stdin a pipe, not /dev/null: the console
        try {
            await(() -> read(screen).contains("WarpDrive is running, home") || !interactive.isAlive(), "the console");
            Result served = run(null, "-v", "drivers");
            assertEquals(0, served.exit(), served.err());
            assertTrue(served.err().contains(SERVED), served.err());
            assertFalse(read(screen).contains("DRIVER "), "the output went to the client, not the console");
            interactive.getOutputStream().close(); // end of input: the platform stops
            assertTrue(interactive.waitFor(TIMEOUT_S, TimeUnit.SECONDS));
            assertEquals(0, interactive.exitValue(), read(screen));
            assertFalse(Files.exists(home.resolve("run/cli.sock")), "a clean stop removes the socket");
        } finally {
            interactive.destroyForcibly();
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "";
        }
    }

    @Test
    void aStaleSocketOfAKilledServiceIsReplaced() throws Exception {
        service.destroyForcibly(); // kill -9: the socket file stays
        assertTrue(service.waitFor(TIMEOUT_S, TimeUnit.SECONDS));
        Path socket = home.resolve("run/cli.sock");
        assertTrue(Files.exists(socket), "a killed service leaves its socket");

        Result local = run(null, "-v", "drivers");
        assertEquals(0, local.exit(), local.err());
        assertTrue(local.err().contains("no service answers on " + socket), local.err());
        assertTrue(local.text().startsWith("DRIVER "), local.text());

        service = startService(1);
        Result served = run(null, "-v", "drivers");
        assertEquals(0, served.exit(), served.err());
        assertTrue(served.err().contains(SERVED), served.err());

        service.destroy();
        assertTrue(service.waitFor(TIMEOUT_S, TimeUnit.SECONDS));
        assertEquals(ExitCodes.OK, service.exitValue(), log());
        assertFalse(Files.exists(socket), "a clean stop removes the socket");
    }
}
