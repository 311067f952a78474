package io.warpdrive.reliability.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.lib.format.ZlibHeaderParser;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes the zlib header parser: typed errors only, the same outcome byte by byte as at
 * once, and the same verdict as zlib itself (java.util.zip's Inflater) on the two bytes: a
 * header zlib accepts the parser accepts, a preset dictionary is UNSUPPORTED, anything else
 * CORRUPT_INPUT.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ZlibHeaderFuzzTest {
    private final FuzzFigures figures = new FuzzFigures(getClass(), "parse");
    private final ZlibHeaderParser parser = new ZlibHeaderParser();

    static List<byte[]> seeds() {
        return List.of(new byte[] { 0x78, (byte) 0x9c, 3, 0 }, new byte[] { 0x78, 0x01 }, new byte[] { 0x78, (byte) 0xda },
                new byte[] { 0x78, (byte) 0xbb }, new byte[] { 0x08, 0x1d }, new byte[] { 0x7f });
    }

    @AfterAll
    void report() {
        figures.report(1000);
    }

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "10s")
    void parse(byte[] input) {
        figures.executed();
        String once = outcome(input, input.length);
        String bytewise = outcome(input, 1);
        assertEquals(once, bytewise, "byte by byte differs from at once");
        if (input.length >= 2) {
            assertEquals(zlibVerdict(input[0], input[1]), once.startsWith("complete") ? "ok" : once,
                    "the parser and zlib disagree on the header " + Integer.toHexString(input[0] & 0xff) + " "
                            + Integer.toHexString(input[1] & 0xff));
        }
    }

    private String outcome(byte[] input, int piece) {
        parser.reset();
        ByteBuffer all = ByteBuffer.wrap(input);
        try {
            boolean complete = false;
            while (all.hasRemaining() && !complete) {
                ByteBuffer slice = all.slice(all.position(), Math.min(piece, all.remaining()));
                complete = parser.parse(slice);
                all.position(all.position() + slice.position());
            }
            return complete ? "complete window " + parser.windowBytes() + " level " + parser.flevel() + " at "
                    + all.position() : "incomplete";
        } catch (WdException e) {
            assertTrue(e.status() == WdStatus.CORRUPT_INPUT || e.status() == WdStatus.UNSUPPORTED, e.getMessage());
            return e.status().name();
        }
    }

    /** What zlib says of a stream starting with these two bytes (followed by an empty stored block). */
    private static String zlibVerdict(byte cmf, byte flg) {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(new byte[] { cmf, flg, 1, 0, 0, (byte) 0xff, (byte) 0xff, 0, 0, 0, 1 });
            inflater.inflate(new byte[16]);
            return inflater.needsDictionary() ? WdStatus.UNSUPPORTED.name() : "ok";
        } catch (DataFormatException e) {
            return WdStatus.CORRUPT_INPUT.name();
        } finally {
            inflater.end();
        }
    }
}
