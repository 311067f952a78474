package io.warpdrive.launcher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The command line as a user meets it, with the real {@code warpdrive.jar} in a temporary home:
 * it loses nothing (configuration files, inputs, outputs, write errors) and answers ordinary
 * mistakes in one line. The data is made here; every run is bounded by {@link #TIMEOUT_S}.
 */
@Execution(ExecutionMode.CONCURRENT)
class CliSurfaceIT {
    static final long TIMEOUT_S = 90;

    @TempDir
    Path tmp;

    record Result(int exit, String out, String err) {
        List<String> errLines() {
            return err.lines().filter(l -> !l.isBlank()).toList();
        }
    }

    private Path home() {
        return tmp.resolve("home");
    }

    private List<String> command(String... args) {
        return command(List.of(), args);
    }

    private List<String> command(List<String> jvmOptions, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.add("-jar");
        cmd.add(Path.of(System.getProperty("warpdrive.jar", "target/warpdrive.jar")).toAbsolutePath().toString());
        cmd.addAll(List.of("--home", home().toString()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    private Result run(String... args) throws Exception {
        return runTo(null, args);
    }

    /** Runs the jar with stdout to {@code stdout} (a file, or null for a captured one). */
    private Result runTo(File stdout, String... args) throws Exception {
        return exec(command(args), stdout);
    }

    private Result exec(List<String> cmd, File stdout) throws Exception {
        return exec(cmd, stdout, new File("/dev/null"));
    }

    private Result exec(List<String> cmd, File stdout, File stdin) throws Exception {
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(tmp.toFile());
        pb.environment().remove(HomeLayout.ENV_HOME);
        pb.redirectOutput(stdout == null ? out.toFile() : stdout).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(stdin));
        Process p = pb.start();
        if (!p.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            fail(String.join(" ", cmd) + " did not finish within " + TIMEOUT_S + " s\n" + Files.readString(err));
        }
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    /** Text that compresses like prose: words from a small vocabulary, lines of varying length. */
    private Path text(String name, int bytes) throws IOException {
        String[] words = { "the", "platform", "hands", "data", "to", "a", "compression", "accelerator", "without",
            "caring", "which", "one", "queue", "driver", "engine", "of", "and", "request" };
        Random random = new Random(15);
        StringBuilder sb = new StringBuilder(bytes + 32);
        while (sb.length() < bytes) {
            sb.append(words[random.nextInt(words.length)]).append(random.nextInt(12) == 0 ? '\n' : ' ');
        }
        sb.setLength(bytes);
        return Files.writeString(tmp.resolve(name), sb, StandardCharsets.US_ASCII);
    }

    private static Object identity(Path file) throws IOException {
        BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        return List.of(a.fileKey(), a.lastModifiedTime(), a.size());
    }

    // ------------------------------------------------------------------ data loss

    @Test
    void oneShotCommandsNeverWriteTheUsersConfigurationFile() throws Exception {
        Path conf = Files.createDirectories(home().resolve("conf"));
        Path cfg = Files.writeString(conf.resolve("io.warpdrive.engine.cfg"),
                "# the user's own comment\nqueues.default=3\nstream.output.limit.mb=100\n");
        byte[] before = Files.readAllBytes(cfg);
        Object identity = identity(cfg);
        Path input = text("input", 200_000);
        Path packed = tmp.resolve("packed.gz");
        try (OutputStream gz = new GZIPOutputStream(Files.newOutputStream(packed))) {
            gz.write(Files.readAllBytes(input));
        }
        for (String[] args : List.of(new String[] { "summary" }, new String[] { "summary" }, new String[] { "drivers" },
                new String[] { "decompress", "-c", packed.toString() }, new String[] { "compress", input.toString() },
                new String[] { "summary" })) {
            Result r = run(args);
            assertEquals(0, r.exit(), String.join(" ", args) + ": " + r.err());
            assertArrayEquals(before, Files.readAllBytes(cfg), "after " + String.join(" ", args));
            assertEquals(identity, identity(cfg), "not even rewritten with the same content: " + String.join(" ", args));
        }
    }

    @Test
    void theShellLeavesAnUnchangedConfigurationFileAloneAndSavesAChangeByRename() throws Exception {
        Path conf = Files.createDirectories(home().resolve("conf"));
        Path cfg = Files.writeString(conf.resolve("io.warpdrive.engine.cfg"), "# by hand\nstream.output.limit.mb = 100\n");
        Object identity = identity(cfg);
        // A second name for the file as written: a rewrite in place shows through it, a rename does not.
        // (Comparing inode numbers is not enough: two renames in a row may reuse the first file's.)
        Path original = Files.createLink(tmp.resolve("original.cfg"), cfg);
        Result idle = exec(command(), null, Files.writeString(tmp.resolve("idle.txt"), "wd:summary\nexit\n").toFile());
        assertEquals(0, idle.exit(), idle.out() + idle.err());
        assertEquals(identity, identity(cfg), "a session that changes nothing writes nothing");

        Result set = exec(command(), null, Files.writeString(tmp.resolve("set.txt"), "wd:queues soft 3\nexit\n").toFile());
        assertEquals(0, set.exit(), set.out() + set.err());
        assertTrue(set.out().contains("3 shared queues per direction on every device of soft (applied live; saved in "
                + cfg + ")"), set.out());
        assertEquals("# by hand\nstream.output.limit.mb = 100\nqueues=soft=3\n", Files.readString(cfg),
                "the change, with the user's lines as written");
        assertEquals("# by hand\nstream.output.limit.mb = 100\n", Files.readString(original),
                "replaced by rename, not rewritten in place");
        assertTrue(run("summary").out().contains("3 compress + 3 decompress queues"), "the next start has it");
    }

    @Test
    void writeErrorsOnStandardOutputExitOneInOneLine() throws Exception {
        Path input = text("input", 300_000);
        File full = new File("/dev/full");
        assumeTrue(full.exists(), "no /dev/full here");
        Result compress = runTo(full, "compress", "-c", input.toString());
        assertEquals(1, compress.exit(), compress.err());
        assertEquals(List.of("error: stdout: No space left on device"), compress.errLines());

        Result summary = runTo(full, "summary");
        assertEquals(1, summary.exit(), summary.err());
        assertEquals(List.of("error: stdout: No space left on device"), summary.errLines());

        Result bundles = runTo(full, "bundles");
        assertEquals(1, bundles.exit(), "the launcher's own output is checked too: " + bundles.err());
        assertEquals(List.of("error: stdout: write error"), bundles.errLines());
    }

    @Test
    void aWriteErrorOnTheOutputFileExitsOneNamingItAndLeavesNoFile() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "no /bin/sh");
        byte[] noise = new byte[40 << 20];
        new Random(2).nextBytes(noise); // incompressible: the output outgrows the limit below
        Path input = Files.write(tmp.resolve("noise"), noise);
        Path out = tmp.resolve("noise.gz");
        String line = String.join(" ", command("compress", input.toString(), out.toString()).stream()
                .map(a -> "'" + a + "'").toList());
        // A file size limit stands in for a full disk: writes past it fail with EFBIG. 32768 blocks
        // (16 or 32 MiB, as the shell counts them) is above the largest bundle the framework copies
        // into its cache (zstd-jni, 7 MB) and below the output.
        Result r = exec(List.of("/bin/sh", "-c", "ulimit -f 32768 && exec " + line), null);
        assertEquals(1, r.exit(), r.err());
        assertEquals(List.of("error: " + out + ": file too large"), r.errLines());
        assertFalse(Files.exists(out));
        assertEquals(List.of(), partials(out));
    }

    @Test
    void theSameFileAsInputAndOutputIsRefusedAndTheInputKept() throws Exception {
        Path same = text("same", 100_000);
        byte[] content = Files.readAllBytes(same);
        Path hard = Files.createLink(tmp.resolve("hard"), same);
        Path soft = Files.createSymbolicLink(tmp.resolve("soft"), same);
        for (Path output : List.of(same, hard, soft)) {
            Result r = run("compress", "--force", same.toString(), output.toString());
            assertEquals(1, r.exit(), r.err());
            assertEquals(List.of("error: " + same + " and " + output + " are the same file"), r.errLines());
            assertArrayEquals(content, Files.readAllBytes(same), "the input is intact");
        }
        Path packed = tmp.resolve("x.gz");
        try (OutputStream gz = new GZIPOutputStream(Files.newOutputStream(packed))) {
            gz.write(content);
        }
        byte[] packedBytes = Files.readAllBytes(packed);
        Result d = run("decompress", "--force", packed.toString(), packed.toString());
        assertEquals(1, d.exit(), d.err());
        assertArrayEquals(packedBytes, Files.readAllBytes(packed), "decompress --force x.gz x.gz keeps x.gz");
    }

    @Test
    void aKilledCompressLeavesNoFileUnderTheFinalName() throws Exception {
        Path out = tmp.resolve("killed.gz");
        ProcessBuilder pb = new ProcessBuilder(command("compress", "-q", "-", out.toString())).directory(tmp.toFile());
        pb.redirectError(tmp.resolve("killed.err").toFile()).redirectOutput(tmp.resolve("killed.out").toFile());
        Process p = pb.start();
        byte[] chunk = Files.readAllBytes(text("chunk", 1 << 20));
        OutputStream stdin = p.getOutputStream();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
        // Feed input until the output is being written, then kill -9 mid-stream.
        while (partials(out).isEmpty()) {
            assertTrue(p.isAlive() && System.nanoTime() < deadline, "compress started writing its output: "
                    + Files.readString(tmp.resolve("killed.err")));
            stdin.write(chunk);
            stdin.flush();
        }
        p.destroyForcibly();
        assertTrue(p.waitFor(TIMEOUT_S, TimeUnit.SECONDS));
        assertFalse(Files.exists(out), "no truncated file under the final name");
    }

    private List<Path> partials(Path out) throws IOException {
        try (Stream<Path> files = Files.list(out.getParent())) {
            return files.filter(f -> f.getFileName().toString().startsWith("." + out.getFileName() + ".")).toList();
        }
    }

    @Test
    void aFailedRunKeepsTheOldOutputAndLeavesNoPartialFile() throws Exception {
        Path bad = Files.writeString(tmp.resolve("bad.gz"), "certainly not gzip");
        Path existing = Files.writeString(tmp.resolve("bad"), "the user's earlier result");
        Result r = run("decompress", "--force", bad.toString(), existing.toString());
        assertEquals(1, r.exit(), r.err());
        assertEquals("the user's earlier result", Files.readString(existing));
        assertEquals(List.of(), partials(existing));
    }

    @Test
    void queuesSetByAOneShotCommandAreSavedInTheHomesConfiguration() throws Exception {
        Path conf = Files.createDirectories(home().resolve("conf"));
        Path cfg = Files.writeString(conf.resolve("io.warpdrive.engine.cfg"), "# tuned by hand\nstream.output.limit.mb=100\n");
        Result set = run("queues", "soft", "5");
        assertEquals(0, set.exit(), set.err());
        assertTrue(set.out().contains("5 shared queues per direction on every device of soft (saved in " + cfg + ")"),
                set.out());
        assertEquals("# tuned by hand\nstream.output.limit.mb=100\nqueues=soft=5\n", Files.readString(cfg));
        Object identity = identity(cfg);

        Result summary = run("summary");
        assertTrue(summary.out().contains("5 compress + 5 decompress queues"), "a later run has them: " + summary.out());
        Result again = run("queues", "soft", "5");
        assertEquals(0, again.exit(), again.err());
        assertEquals(identity, identity(cfg), "setting what is already set writes nothing");
    }

    @Test
    void queuesSetByAOneShotCommandWithoutAConfFileCreateIt() throws Exception {
        Result set = run("queues", "soft", "4");
        assertEquals(0, set.exit(), set.err());
        Path cfg = home().resolve("conf/io.warpdrive.engine.cfg");
        assertTrue(Files.readString(cfg).contains("queues=soft=4"), Files.readString(cfg));
        assertTrue(run("summary").out().contains("4 compress + 4 decompress queues"));
    }

    // ------------------------------------------------------------------ ordinary mistakes

    @Test
    void usageErrorsExitTwoWithTheUsageLine() throws Exception {
        Path input = text("input", 1000);
        Result level = run("compress", "-l", "0", input.toString());
        assertEquals(2, level.exit(), level.err());
        assertEquals(List.of("error: -l 0 is not a gzip level (1 to 9)", "usage: " + usageLine("compress")),
                level.errLines());

        Result help = run("compress", "--help");
        assertEquals(0, help.exit(), help.err());
        assertTrue(help.out().startsWith("usage: compress "), help.out());
        assertTrue(help.out().contains("--driver NAME"), help.out());
        Result driversHelp = run("drivers", "--help");
        assertEquals(0, driversHelp.exit(), driversHelp.err());
        assertTrue(driversHelp.out().startsWith("usage: drivers"), driversHelp.out());

        Result noSuch = run("help", "nosuch");
        assertEquals(2, noSuch.exit(), noSuch.err());
        assertTrue(noSuch.err().contains("no command 'nosuch'"), noSuch.err());
    }

    @Test
    void compressWithDashPCutsTheInputIntoPiecesAndWritesOneStandardStream() throws Exception {
        Path input = text("big.txt", 3_000_000);
        Path packed = tmp.resolve("big.txt.gz");
        Result r = run("compress", "-q", "-v", "-p", "2", "-b", "64k", input.toString(), packed.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("64 KiB pieces, 4 in flight"), r.err());
        try (GZIPInputStream in = new GZIPInputStream(Files.newInputStream(packed))) {
            assertArrayEquals(Files.readAllBytes(input), in.readAllBytes(), "one gzip member with the whole input");
        }
        Result byDefault = run("compress", "-q", "-v", "-p", "2", "--force", input.toString(), packed.toString());
        assertEquals(0, byDefault.exit(), byDefault.err());
        assertTrue(byDefault.err().contains("1024 KiB pieces, 4 in flight"), "a file's gzip pieces: " + byDefault.err());
        try (GZIPInputStream in = new GZIPInputStream(Files.newInputStream(packed))) {
            assertArrayEquals(Files.readAllBytes(input), in.readAllBytes());
        }
        Result serial = run("compress", "-q", "-v", "-p", "1", "--force", input.toString(), packed.toString());
        assertEquals(0, serial.exit(), serial.err());
        assertFalse(serial.err().contains("in flight"), "-p 1: one serial stream: " + serial.err());

        Result none = run("compress", "-p", "0", input.toString());
        assertEquals(2, none.exit(), none.err());
        assertTrue(none.err().contains("-p takes 1 to 512 pieces at once, not 0"), none.err());
        Result tiny = run("compress", "-p", "2", "-b", "1k", "--force", input.toString(), packed.toString());
        assertEquals(2, tiny.exit(), tiny.err());
        assertTrue(tiny.err().contains("-b with -p: pieces of 64k to 16m, not 1024"), tiny.err());
    }

    @Test
    void compressZstdWithDashPWritesAFramePerPieceThatZstdReads() throws Exception {
        Path input = text("big.txt", 3_000_000);
        Path packed = tmp.resolve("big.txt.zst");
        Result r = run("compress", "-q", "-v", "-a", "zstd", "-p", "2", "-b", "1m", input.toString(),
                packed.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("1024 KiB pieces, 4 in flight"), r.err());
        Process zstd = new ProcessBuilder("zstd", "-l", packed.toString()).redirectErrorStream(true).start();
        String listing = new String(zstd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(zstd.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, zstd.exitValue(), listing);
        assertTrue(listing.matches("(?s).*\\n\\s*3\\s+0\\s.*"), "three frames: " + listing);
        Path restored = tmp.resolve("restored.txt");
        Result back = run("decompress", "-q", packed.toString(), restored.toString());
        assertEquals(0, back.exit(), back.err());
        assertArrayEquals(Files.readAllBytes(input), Files.readAllBytes(restored), "the frames are one stream");
    }

    private static String usageLine(String command) {
        return command.equals("compress")
                ? "compress [-a gzip|zlib|deflate|zstd|lz4] [-l LEVEL] [-f auto|hardware|software] [--driver NAME] [-b SIZE] [-p N] [--force] [-c] [-q] [-v] INPUT|- [OUTPUT|-]"
                : command;
    }

    @Test
    void inputsThatAreNotRegularFilesAreRefusedInTheUsersWords() throws Exception {
        Result dev = run("compress", "/dev/null", tmp.resolve("null.gz").toString());
        assertEquals(1, dev.exit(), dev.err());
        assertEquals(List.of("error: /dev/null is not a regular file (--force reads it anyway)"), dev.errLines());
        assertFalse(Files.exists(tmp.resolve("null.gz")));
        Result forced = run("compress", "--force", "/dev/null", tmp.resolve("null.gz").toString());
        assertEquals(0, forced.exit(), forced.err());

        Path dir = Files.createDirectories(tmp.resolve("folder"));
        Result directory = run("compress", "--force", dir.toString());
        assertEquals(1, directory.exit(), directory.err());
        assertEquals(List.of("error: " + dir + " is a directory"), directory.errLines());

        Result missing = run("compress", tmp.resolve("missing").toString());
        assertEquals(1, missing.exit(), missing.err());
        assertEquals(List.of("error: no such file or directory: " + tmp.resolve("missing")), missing.errLines());
        for (Result r : List.of(dev, directory, missing)) {
            assertFalse(r.err().contains("Exception") || r.err().contains("java."), r.err());
        }
    }

    @Test
    void compressedDataIsNotWrittenToATerminal() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "util-linux script (a pseudo-terminal) is missing");
        Path input = text("input", 1000);
        String line = String.join(" ", command("compress", "-c", input.toString()).stream().map(a -> "'" + a + "'").toList());
        // script gives the command a pseudo-terminal as its standard output; -e passes its exit status on.
        Result r = exec(List.of("/usr/bin/script", "-qec", line, "/dev/null"), null);
        assertEquals(1, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("error: compressed data not written to a terminal"), r.out());
    }

    @Test
    void driverOptionServesOnThatDriverAndNamesThePresentOnesWhenUnknown() throws Exception {
        Path input = text("input", 100_000);
        Result soft = run("compress", "-v", "-f", "software", "--driver", "soft", input.toString(),
                tmp.resolve("soft.gz").toString());
        assertEquals(0, soft.exit(), soft.err());
        assertTrue(soft.err().contains("served by soft"), soft.err());

        Result unknown = run("compress", "--driver", "nosuch", input.toString());
        assertEquals(2, unknown.exit(), unknown.err());
        assertTrue(unknown.errLines().get(0).startsWith("error: no driver named 'nosuch' (present: "), unknown.err());
        assertTrue(unknown.errLines().get(0).contains("soft"), unknown.err());
    }

    @Test
    void theOutputLimitMessageNamesTheConfiguredLimit() throws Exception {
        Path conf = Files.createDirectories(home().resolve("conf"));
        Files.writeString(conf.resolve("io.warpdrive.engine.cfg"), "stream.output.limit.mb=1\n");
        Path packed = tmp.resolve("big.gz");
        try (OutputStream gz = new GZIPOutputStream(Files.newOutputStream(packed))) {
            gz.write(Files.readAllBytes(text("big", 3 << 20)));
        }
        Result r = run("decompress", "-c", packed.toString());
        assertEquals(1, r.exit(), r.err());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.err().contains("limit of 1048576 bytes (1 MB)"), r.err());
    }

    @Test
    void zlibDataReadAsGzipSuggestsTheZlibOption() throws Exception {
        byte[] plain = Files.readAllBytes(text("plain", 10_000));
        Deflater deflater = new Deflater();
        deflater.setInput(plain);
        deflater.finish();
        byte[] buffer = new byte[20_000];
        int n = deflater.deflate(buffer);
        Path z = Files.write(tmp.resolve("data.gz"), java.util.Arrays.copyOf(buffer, n));
        Result r = run("decompress", z.toString(), tmp.resolve("data").toString());
        assertEquals(1, r.exit(), r.err());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.err().contains("bad magic 0x78 0x9c") && r.err().contains("decompress -a zlib"), r.err());
        Result zlib = run("decompress", "-a", "zlib", z.toString(), tmp.resolve("data").toString());
        assertEquals(0, zlib.exit(), zlib.err());
        assertArrayEquals(plain, Files.readAllBytes(tmp.resolve("data")));
    }

    @Test
    void theEmulatorsFolderLeftByAKilledRunIsRemovedAtTheNextStart() throws Exception {
        Path tmpdir = Files.createDirectories(tmp.resolve("java-tmp"));
        List<String> jvm = List.of("-Djava.io.tmpdir=" + tmpdir);
        // A folder whose owner still runs (this JVM) is not touched.
        Path alive = Files.createDirectories(tmpdir.resolve("warpdrive-wdemu-alive"));
        ProcessHandle self = ProcessHandle.current();
        Files.writeString(alive.resolve("owner"),
                self.pid() + " " + self.info().startInstant().map(java.time.Instant::toEpochMilli).orElse(0L));

        ProcessBuilder pb = new ProcessBuilder(command(jvm, "--emulate", "1", "compress", "-q", "-",
                tmp.resolve("out.gz").toString())).directory(tmp.toFile());
        pb.redirectError(tmp.resolve("emu.err").toFile()).redirectOutput(tmp.resolve("emu.out").toFile());
        Process p = pb.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
        // compress waits for its input on stdin, the emulator runs: its folder and owner file appear.
        while (emulatorFolders(tmpdir).stream().filter(d -> Files.exists(d.resolve("owner"))).count() < 2) {
            assertTrue(p.isAlive() && System.nanoTime() < deadline, "the emulator started: "
                    + Files.readString(tmp.resolve("emu.err")));
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20)); // polls the condition
        }
        p.destroyForcibly();
        assertTrue(p.waitFor(TIMEOUT_S, TimeUnit.SECONDS));
        List<Path> left = emulatorFolders(tmpdir);
        assertEquals(2, left.size(), "kill -9 left the emulator's folder: " + left);

        Result next = exec(command(jvm, "--emulate", "1", "devices"), null);
        assertEquals(0, next.exit(), next.err());
        assertEquals(List.of(alive), emulatorFolders(tmpdir), "the orphan is gone, the live one stays");
    }

    private static List<Path> emulatorFolders(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("warpdrive-wdemu-")).sorted().toList();
        }
    }

    // ------------------------------------------------------------------ stats

    @Test
    void benchTrafficIsItsOwnConsumerAndDriversShowUtilisationNotSummedIdleTime() throws Exception {
        Path script = Files.writeString(tmp.resolve("session.txt"),
                "wd:bench --seconds 1 --driver soft\nwd:stats\nwd:stats --drivers\nexit\n");
        Result r = exec(command(), null, script.toFile());
        assertEquals(0, r.exit(), r.out() + r.err());
        List<String> lines = r.out().lines().toList();
        String shell = lines.stream().filter(l -> l.matches("(g! )?io\\.warpdrive\\.shell\\s.*")).findFirst().orElse("");
        String bench = lines.stream().filter(l -> l.matches("(g! )?io\\.warpdrive\\.shell\\.bench\\s.*")).findFirst()
                .orElse("");
        assertTrue(bench.split("\\s+").length > 3 && Long.parseLong(bench.replace("g! ", "").split("\\s+")[2]) > 0,
                "the benchmark's requests are its own: " + r.out());
        assertTrue(shell.isEmpty() || shell.replace("g! ", "").split("\\s+")[2].equals("0"),
                "none is the shell's: " + r.out());
        int header = r.out().indexOf("DRIVER  ");
        assertTrue(header >= 0 && r.out().substring(header).lines().findFirst().orElse("").contains("UTIL"), r.out());
        assertFalse(r.out().substring(header).lines().findFirst().orElse("").contains("IDLE"), r.out());
    }

    @Test
    void anUnknownBenchDriverIsAUsageErrorNamingThePresentOnes() throws Exception {
        Result r = run("bench", "--driver", "nosuch");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.errLines().get(0).startsWith("error: no driver named 'nosuch' (present: "), r.err());
        assertFalse(r.err().contains("INTERNAL") || r.err().contains("Exception"), r.err());
    }
}
