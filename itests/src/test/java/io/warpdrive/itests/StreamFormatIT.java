package io.warpdrive.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.warpdrive.admin.Platform;
import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Compressor;
import io.warpdrive.comp.FallbackPolicy;
import io.warpdrive.comp.SessionSpec;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.stream.CompressorOutputStream;
import io.warpdrive.comp.stream.DecompressorInputStream;
import io.warpdrive.testing.data.TestFiles;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipException;
import javax.inject.Inject;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;

/**
 * The input stream reads what the JDK and the gzip tool accept, and fails where they fail,
 * with the same exception types: concatenated gzip members, trailing data after the last
 * member, input cut anywhere, corrupt headers, data and checksums. Member boundaries and
 * buffer boundaries are made to fall everywhere, also with an underlying stream that hands
 * out a byte at a time.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class StreamFormatIT {

    @Inject
    private BundleContext context;

    @Inject
    private Compressor compressor;

    @Inject
    private Platform platform;

    @Configuration
    public Option[] config() {
        return WarpDriveOptions.platform();
    }

    @Before
    public void awaitDriver() {
        InFramework.awaitGzipBothWays(platform);
    }

    // ---- concatenated members --------------------------------------------------------------

    @Test
    public void concatenatedGzipMembersReadAsOneStream() throws IOException {
        byte[] a = Bytes.sample("text", 300_007);
        byte[] b = Bytes.sample("xml", 200_003);
        byte[] c = Bytes.sample("rows", 100_003);
        byte[] empty = new byte[0];
        // what `cat a.gz b.gz` makes, from both writers, with empty members in between and at the end
        byte[] members = Bytes.concat(Jdk.compress(Algorithm.GZIP, a, 6), platformGzip(b), Jdk.compress(Algorithm.GZIP,
                empty, 6), platformGzip(empty), Jdk.compress(Algorithm.GZIP, c, 1), platformGzip(empty));
        byte[] expected = Bytes.concat(a, b, c);
        assertArrayEquals("the JDK reads the concatenation", expected, Jdk.decompress(Algorithm.GZIP, members));
        for (int buffer : new int[] { 16, 257, 65_536 }) {
            for (int trickle : new int[] { 4099, Integer.MAX_VALUE }) {
                assertArrayEquals("buffer " + buffer + ", underlying reads of at most " + trickle, expected,
                        read(new TrickleInputStream(members, trickle), Algorithm.GZIP, buffer));
            }
        }
    }

    @Test
    public void memberBoundariesArrivingAByteAtATimeAreFound() throws IOException {
        byte[] a = Bytes.sample("text", 3_001);
        byte[] b = Bytes.sample("binary", 2_003);
        byte[] members = Bytes.concat(Jdk.compress(Algorithm.GZIP, a, 6), platformGzip(b), platformGzip(a));
        for (int buffer : new int[] { 1, 16, 65_536 }) {
            assertArrayEquals("buffer " + buffer, Bytes.concat(a, b, a),
                    read(new TrickleInputStream(members, 1), Algorithm.GZIP, buffer));
        }
    }

    // ---- trailing data -----------------------------------------------------------------------

    @Test
    public void dataAfterTheLastGzipMemberIsIgnoredAsGzipInputStreamIgnoresIt() throws IOException {
        byte[] a = Bytes.sample("xml", 100_003);
        byte[] member = Jdk.compress(Algorithm.GZIP, a, 6);
        List<byte[]> trailers = List.of("garbage\n".getBytes(StandardCharsets.US_ASCII), new byte[512],
                new byte[] { 0x1f }, new byte[] { 'x' }, new byte[] { 0x1f, 0x00, 0x08, 0x00 },
                Bytes.concat("junk".getBytes(StandardCharsets.US_ASCII), member));
        for (byte[] trailer : trailers) {
            byte[] input = Bytes.concat(member, trailer);
            String what = trailer.length + " trailing bytes starting with " + trailer[0];
            assertArrayEquals("the JDK: " + what, a, Jdk.decompress(Algorithm.GZIP, input));
            // a buffer of exactly the member: the end of the member is the end of what was read
            for (int buffer : new int[] { 16, member.length, 65_536 }) {
                for (int trickle : new int[] { 3, Integer.MAX_VALUE }) {
                    if (trickle == 3 && buffer != 16) {
                        continue; // a request per 3 bytes: once is enough
                    }
                    assertArrayEquals(what + ", buffer " + buffer, a,
                            read(new TrickleInputStream(input, trickle), Algorithm.GZIP, buffer));
                }
            }
        }
    }

    @Test
    public void zlibAndDeflateStreamsEndWithTheirEnd() throws IOException {
        byte[] a = Bytes.sample("rows", 200_003);
        for (Algorithm alg : new Algorithm[] { Algorithm.ZLIB, Algorithm.DEFLATE }) {
            byte[] input = Bytes.concat(Jdk.compress(alg, a, 6), "trailing data".getBytes(StandardCharsets.US_ASCII),
                    Jdk.compress(alg, a, 6));
            assertArrayEquals("the JDK: " + alg, a, Jdk.decompress(alg, input));
            for (int buffer : new int[] { 16, 65_536 }) {
                assertArrayEquals(alg + ", buffer " + buffer, a, read(new ByteArrayInputStream(input), alg, buffer));
            }
        }
    }

    // ---- truncated and corrupt input -----------------------------------------------------------

    @Test
    public void inputCutAnywhereIsAnEofExceptionAsWithTheJdk() throws IOException {
        byte[] a = Bytes.sample("text", 50_021);
        for (Algorithm alg : Jdk.ALGORITHMS) {
            byte[] whole = alg == Algorithm.GZIP ? Bytes.concat(Jdk.compress(alg, a, 6), platformGzip(a))
                    : Jdk.compress(alg, a, 6);
            int member = Jdk.compress(alg, a, 6).length;
            int[] cuts = { 0, 1, 2, 5, 9, 10, member / 2, member - 8, member - 4, member - 1, whole.length - 1 };
            for (int cut : cuts) {
                byte[] input = Arrays.copyOf(whole, cut);
                String what = alg + " cut to " + cut + " of " + whole.length + " bytes";
                if (alg == Algorithm.GZIP && cut == member) {
                    continue; // a complete member
                }
                assertSame("the JDK: " + what, EOFException.class, thrownByJdk(alg, input).getClass());
                for (int buffer : new int[] { 16, 65_536 }) {
                    IOException e = thrownByPlatform(alg, input, buffer);
                    assertSame(what + ": " + e, EOFException.class, e.getClass());
                    assertTrue(what + ": caused by the platform's exception", e.getCause() instanceof WdException);
                }
            }
        }
    }

    @Test
    public void corruptInputIsAZipExceptionAsWithTheJdk() throws IOException {
        byte[] a = Bytes.sample("binary", 70_001);
        byte[] gzip = Jdk.compress(Algorithm.GZIP, a, 6);
        byte[] zlib = Jdk.compress(Algorithm.ZLIB, a, 6);
        Object[][] cases = {
            { Algorithm.GZIP, flip(gzip, 0, 0x55), "gzip magic" },
            { Algorithm.GZIP, flip(gzip, 2, 0x01), "gzip compression method" },
            { Algorithm.GZIP, flip(gzip, gzip.length - 8, 0x01), "gzip CRC-32" },
            { Algorithm.GZIP, flip(gzip, gzip.length - 1, 0x01), "gzip ISIZE" },
            { Algorithm.ZLIB, flip(zlib, 1, 0x01), "zlib header check" },
            { Algorithm.ZLIB, flip(zlib, zlib.length - 1, 0x01), "zlib Adler-32" },
            { Algorithm.DEFLATE, new byte[] { 0x07, 0x00, 0x00 }, "deflate reserved block type" },
        };
        for (Object[] c : cases) {
            Algorithm alg = (Algorithm) c[0];
            byte[] input = (byte[]) c[1];
            assertSame("the JDK: " + c[2], ZipException.class, thrownByJdk(alg, input).getClass());
            IOException e = thrownByPlatform(alg, input, 65_536);
            assertSame(c[2] + ": " + e, ZipException.class, e.getClass());
            assertTrue(c[2] + ": caused by the platform's exception", e.getCause() instanceof WdException);
        }
    }

    // ---- the gzip tool --------------------------------------------------------------------------

    @Test
    public void theGzipToolReadsWhatTheStreamWritesAndTheStreamReadsWhatTheToolWrites() throws Exception {
        Path dir = Files.createTempDirectory(InFramework.home(context), "gzip-tool-");
        byte[] text = TestFiles.file("text");
        Path ours = dir.resolve("text.gz");
        try (OutputStream out = new CompressorOutputStream(Files.newOutputStream(ours), compressor,
                Algorithm.GZIP, 6, FallbackPolicy.AUTO)) {
            Pieces.write(out, text, Pieces.ODD);
        }
        Path restored = dir.resolve("text");
        gzipTool(restored, "-dc", ours.toString());
        assertArrayEquals("gzip -dc restores it", text, Files.readAllBytes(restored));

        // cat xml.gz rows.gz, both written by the tool
        Path xml = TestFiles.path("xml");
        Path rows = TestFiles.path("rows");
        Path both = dir.resolve("both.gz");
        gzipTool(dir.resolve("xml.gz"), "-c", "-1", xml.toString());
        gzipTool(dir.resolve("rows.gz"), "-c", "-9", rows.toString());
        Files.write(both, Bytes.concat(Files.readAllBytes(dir.resolve("xml.gz")), Files.readAllBytes(dir.resolve(
                "rows.gz"))));
        try (InputStream in = new DecompressorInputStream(Files.newInputStream(both), compressor, Algorithm.GZIP)) {
            assertArrayEquals(Bytes.concat(TestFiles.file("xml"), TestFiles.file("rows")), Pieces.read(in, Pieces.ODD));
        }
    }

    /** Runs the system's gzip with {@code args}, its standard output into {@code stdout}; fails if it is missing. */
    private static void gzipTool(Path stdout, String... args) throws Exception {
        String[] command = new String[args.length + 1];
        command[0] = "gzip";
        System.arraycopy(args, 0, command, 1, args.length);
        Process p;
        try {
            p = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectErrorStream(false).start();
        } catch (IOException e) {
            throw new AssertionError("the gzip tool is needed for this test (apt-get install gzip): " + e, e);
        }
        if (!p.waitFor(InFramework.TIMEOUT_S * 4, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("gzip " + String.join(" ", args) + " did not finish");
        }
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals("gzip " + String.join(" ", args) + ": " + err, 0, p.exitValue());
    }

    // ---- helpers ----------------------------------------------------------------------------------

    private byte[] platformGzip(byte[] data) throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (OutputStream out = new CompressorOutputStream(sink, compressor, Algorithm.GZIP)) {
            out.write(data);
        }
        return sink.toByteArray();
    }

    private byte[] read(InputStream source, Algorithm alg, int buffer) throws IOException {
        try (InputStream in = new DecompressorInputStream(source, compressor, SessionSpec.of(alg), buffer)) {
            return Pieces.read(in, Pieces.ODD);
        }
    }

    private IOException thrownByPlatform(Algorithm alg, byte[] input, int buffer) {
        try {
            read(new ByteArrayInputStream(input), alg, buffer);
        } catch (IOException e) {
            return e;
        }
        throw new AssertionError(alg + ": no exception for " + input.length + " bytes of bad input");
    }

    private static IOException thrownByJdk(Algorithm alg, byte[] input) {
        try (InputStream in = Jdk.input(alg, new ByteArrayInputStream(input))) {
            in.readAllBytes();
        } catch (IOException e) {
            return e;
        }
        throw new AssertionError("java.util.zip: no exception for " + input.length + " bytes of bad " + alg);
    }

    private static byte[] flip(byte[] data, int at, int mask) {
        byte[] copy = data.clone();
        copy[at] ^= (byte) mask;
        return copy;
    }
}
