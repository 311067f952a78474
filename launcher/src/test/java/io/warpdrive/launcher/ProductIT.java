package io.warpdrive.launcher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.warpdrive.testing.data.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The product as a user meets it: {@code java -jar warpdrive.jar compress/decompress} on a
 * real file, checked with the system's gzip. Skipped, saying why, without gzip.
 */
class ProductIT {
    private static final long TIMEOUT_S = 120;

    @TempDir
    static Path tmp;
    /** The project's generated text (9 MiB, more than one device request carries). */
    static Path text;

    @BeforeAll
    static void writeText() {
        text = TestFiles.path("text", tmp);
    }

    record Run(int exit, String err) {
    }

    private static Run run(String... command) throws Exception {
        return runWithInput("", command);
    }

    /** Runs a command with {@code stdin} as its input; stdout and stderr are returned together in err. */
    private static Run runWithInput(String stdin, String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(tmp.toFile());
        Path err = Files.createTempFile(tmp, "err", ".txt");
        Path out = Files.createTempFile(tmp, "out", ".txt");
        pb.redirectError(err.toFile()).redirectOutput(out.toFile());
        Process p = pb.start();
        try (var in = p.getOutputStream()) {
            in.write(stdin.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        assertTrue(p.waitFor(TIMEOUT_S, TimeUnit.SECONDS), String.join(" ", command) + " finished");
        return new Run(p.exitValue(), Files.readString(err) + Files.readString(out));
    }

    private static Run warpdrive(String... args) throws Exception {
        return warpdriveWithInput("", args);
    }

    private static Run warpdriveWithInput(String stdin, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-jar");
        cmd.add(System.getProperty("warpdrive.jar"));
        cmd.addAll(List.of("--home", tmp.resolve("home").toString()));
        cmd.addAll(List.of(args));
        return runWithInput(stdin, cmd.toArray(new String[0]));
    }

    private static boolean hasGzip() {
        try {
            return run("gzip", "--version").exit() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void gzipAcceptsWhatCompressWritesAndRestoresItByteIdentical() throws Exception {
        assumeTrue(hasGzip(), "gzip is not installed");
        Path out = tmp.resolve("text.gz");
        Run r = warpdrive("compress", "-a", "gzip", text.toString(), out.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals(0, run("gzip", "-t", out.toString()).exit(), "gzip -t accepts it");
        Path restored = tmp.resolve("restored");
        Run gz = run("sh", "-c", "gzip -dc '" + out + "' > '" + restored + "'");
        assertEquals(0, gz.exit(), gz.err());
        assertArrayEquals(Files.readAllBytes(text), Files.readAllBytes(restored));
    }

    /**
     * zstd through the product's zstd-lz4 driver (zstd-jni's native library loaded in Felix), both
     * ways with the real zstd tool. Without the tool this fails, saying what to install (.ci/run
     * installs it): interoperability is not optional.
     */
    @Test
    void zstdReadsWhatCompressWritesAndDecompressReadsWhatZstdWrites() throws Exception {
        bothWaysWithTheTool("zstd", ".zst", "19", "zstd -q -c --fast=3", "zstd -q -d -f IN -o OUT");
    }

    /** LZ4 through the product's zstd-lz4 driver (lz4-java in Felix), both ways with the real lz4 tool. */
    @Test
    void lz4ReadsWhatCompressWritesAndDecompressReadsWhatLz4Writes() throws Exception {
        bothWaysWithTheTool("lz4", ".lz4", "9", "lz4 -q -c -BD", "lz4 -q -d -f IN OUT");
    }

    /**
     * compress at {@code level} into a file with {@code suffix} (which names the algorithm), the
     * tool restores it with {@code toolDecompress} (IN and OUT replaced by the paths); the tool
     * compresses with {@code toolCompress} (stdin to stdout) and decompress restores that.
     */
    private void bothWaysWithTheTool(String tool, String suffix, String level, String toolCompress,
            String toolDecompress) throws Exception {
        Run version = run("sh", "-c", "command -v " + tool + " && " + tool + " --version");
        assertEquals(0, version.exit(), "the " + tool + " tool is missing: apt-get install " + tool
                + " (.ci/run installs it)");
        Path out = tmp.resolve("text" + suffix);
        Run r = warpdrive("compress", "-v", "-l", level, text.toString(), out.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("served by zstd-lz4"), "the output's suffix names " + tool + ": " + r.err());
        Path restored = tmp.resolve("restored" + suffix + ".txt");
        Run z = run("sh", "-c", toolDecompress.replace("IN", "'" + out + "'").replace("OUT", "'" + restored + "'"));
        assertEquals(0, z.exit(), z.err());
        assertArrayEquals(Files.readAllBytes(text), Files.readAllBytes(restored));

        Path fromTool = tmp.resolve("tool" + suffix);
        Run zc = run("sh", "-c", toolCompress + " < '" + text + "' > '" + fromTool + "'");
        assertEquals(0, zc.exit(), zc.err());
        Path back = tmp.resolve("back" + suffix + ".txt");
        Run d = warpdrive("decompress", "-v", fromTool.toString(), back.toString());
        assertEquals(0, d.exit(), d.err());
        assertTrue(d.err().contains("served by zstd-lz4"), d.err());
        assertArrayEquals(Files.readAllBytes(text), Files.readAllBytes(back));
    }

    @Test
    void onEmulatedHardwareTheHardwareDriverCompressesAndGzipRestoresIt() throws Exception {
        assumeTrue(hasGzip(), "gzip is not installed");
        Path out = tmp.resolve("text.hw.gz");
        // -p 1: one stream, on the engine AUTO picks for it (pieces would be spread over engines).
        Run r = warpdrive("--emulate", "2", "compress", "-v", "-p", "1", "-a", "gzip", text.toString(), out.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("served by hisi_zip"), "through the hardware driver: " + r.err());
        Path restored = tmp.resolve("restored.hw");
        Run gz = run("sh", "-c", "gzip -dc '" + out + "' > '" + restored + "'");
        assertEquals(0, gz.exit(), gz.err());
        assertArrayEquals(Files.readAllBytes(text), Files.readAllBytes(restored));

        Path back = tmp.resolve("back.hw");
        Run d = warpdrive("--emulate", "1", "decompress", "-v", out.toString(), back.toString());
        assertEquals(0, d.exit(), d.err());
        assertTrue(d.err().contains("served by hisi_zip"), d.err());
        assertArrayEquals(Files.readAllBytes(text), Files.readAllBytes(back));
    }

    @Test
    void withLibisalTheIsalDriverCompressesAndGzipRestoresIt() throws Exception {
        assumeTrue(hasGzip(), "gzip is not installed");
        Run drivers = warpdrive("drivers");
        assertEquals(0, drivers.exit(), drivers.err());
        assumeTrue(!drivers.err().contains("isal: unavailable"), "libisal is not installed here: " + drivers.err());
        assertTrue(drivers.err().lines().anyMatch(l -> l.matches("isal\\s+INSTR\\s+50\\s+1\\s.*")), drivers.err());
        Path out = tmp.resolve("text.isal.gz");
        // Level 1: one isal honours (levels above 2 go to soft, see levelsIsalCannotHonourGoToSoft).
        Run r = warpdrive("compress", "-v", "-p", "1", "-l", "1", "-a", "gzip", text.toString(), out.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("served by isal"), "with no accelerator, through the isal driver: " + r.err());
        Path restored = tmp.resolve("restored.isal");
        Run gz = run("sh", "-c", "gzip -dc '" + out + "' > '" + restored + "'");
        assertEquals(0, gz.exit(), gz.err());
        assertArrayEquals(Files.readAllBytes(text), Files.readAllBytes(restored));
    }

    @Test
    void withoutItsLibraryTheIsalDriverSaysWhyAndTheSoftDriverServes() throws Exception {
        // A machine without libisal, as far as the driver can tell: it is told to load a library that does not exist.
        List<String> warpdrive = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dwarpdrive.isal.library=libisal-missing.so.9", "-jar", System.getProperty("warpdrive.jar"),
                "--home", tmp.resolve("home-without-libisal").toString());
        String reason = "isal: unavailable: cannot load libisal-missing.so.9: ";
        Run drivers = run(with(warpdrive, "drivers"));
        assertEquals(0, drivers.exit(), drivers.err());
        assertTrue(drivers.err().lines().anyMatch(l -> l.matches("isal\\s+INSTR\\s+50\\s+0\\s+0\\s.*")), drivers.err());
        assertTrue(drivers.err().contains(reason), drivers.err());
        Run devices = run(with(warpdrive, "devices"));
        assertFalse(devices.err().contains("isal-0"), devices.err());
        assertTrue(devices.err().contains(reason), devices.err());
        Run summary = run(with(warpdrive, "summary"));
        assertTrue(summary.err().lines().anyMatch(l -> l.startsWith("driver:    isal")
                && l.contains("unavailable: cannot load libisal-missing.so.9")), summary.err());
        assertFalse(summary.err().contains("Exception"), "no stack trace: " + summary.err());
        Path out = tmp.resolve("text.soft.gz");
        Run r = run(with(warpdrive, "compress", "-v", "-a", "gzip", text.toString(), out.toString()));
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("served by soft"), r.err());
    }

    private static String[] with(List<String> command, String... args) {
        List<String> all = new ArrayList<>(command);
        all.addAll(List.of(args));
        return all.toArray(new String[0]);
    }

    @Test
    void decompressRestoresWhatGzipNineWithTheNameWrote() throws Exception {
        assumeTrue(hasGzip(), "gzip is not installed");
        Path copy = Files.copy(text, tmp.resolve("named"), StandardCopyOption.REPLACE_EXISTING);
        assertEquals(0, run("gzip", "-9", "-N", "-f", copy.toString()).exit());
        Path packed = tmp.resolve("named.gz");
        byte[] header = Files.readAllBytes(packed);
        assertEquals(0x08, header[3] & 0x08, "gzip -N wrote an FNAME header");
        Path restored = tmp.resolve("named.out");
        Run r = warpdrive("decompress", packed.toString(), restored.toString());
        assertEquals(0, r.exit(), r.err());
        assertArrayEquals(Files.readAllBytes(text), Files.readAllBytes(restored));
    }

    @Test
    void corruptInputIsOneClearLineAndANonZeroExit() throws Exception {
        Path bad = Files.writeString(tmp.resolve("bad.gz"), "certainly not gzip");
        Path out = tmp.resolve("bad.out");
        Run r = warpdrive("decompress", bad.toString(), out.toString());
        assertEquals(1, r.exit());
        List<String> lines = r.err().lines().filter(l -> !l.isBlank()).toList();
        assertEquals(1, lines.size(), r.err());
        assertTrue(lines.get(0).startsWith("error: CORRUPT_INPUT"), lines.get(0));
        assertFalse(Files.exists(out), "no partial output is left behind");
    }

    @Test
    void aQueueCountSetInTheShellSurvivesARestart() throws Exception {
        Path home = tmp.resolve("persistent-home");
        List<String> shell = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty("warpdrive.jar"), "--home", home.toString()));
        Run session = runWithInput("wd:queues soft 3\nexit\n", shell.toArray(new String[0]));
        assertEquals(0, session.exit(), session.err());
        assertTrue(session.err().contains("3 shared queues per direction"), session.err());
        // A new framework on the same storage: the count is still in force.
        shell.add("queues");
        Run after = run(shell.toArray(new String[0]));
        assertEquals(0, after.exit(), after.err());
        assertEquals(6, after.err().lines().filter(l -> l.contains("soft-0")).count(), after.err());
        shell.set(shell.size() - 1, "summary");
        Run summary = run(shell.toArray(new String[0]));
        assertTrue(summary.err().contains("3 compress + 3 decompress queues"), summary.err());
    }

    @Test
    void wrongUsageExitsWithTwo() throws Exception {
        Run r = warpdrive("compress", "-a", "brotli", text.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("unknown algorithm 'brotli'"), r.err());
    }
}
