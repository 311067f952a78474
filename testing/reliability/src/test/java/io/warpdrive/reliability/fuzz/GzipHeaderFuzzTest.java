package io.warpdrive.reliability.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.warpdrive.comp.WdException;
import io.warpdrive.lib.format.GzipHeaderParser;
import io.warpdrive.lib.format.GzipTrailerReader;
import io.warpdrive.testing.kit.HeaderBytes;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes the gzip header parser and trailer reader that every driver shares. Besides "only
 * typed errors, no runaway header": the parsers are incremental, so feeding the same bytes
 * in any pieces must give exactly the same outcome as feeding them at once.
 *
 * <p>Input layout: byte 0 the piece size, byte 1 the header-length bound, the rest the
 * bytes parsed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GzipHeaderFuzzTest {
    private static final Set<io.warpdrive.comp.WdStatus> DATA_ERRORS = EnumSet.of(
            io.warpdrive.comp.WdStatus.CORRUPT_INPUT, io.warpdrive.comp.WdStatus.TRUNCATED_INPUT,
            io.warpdrive.comp.WdStatus.CHECKSUM_MISMATCH);
    private final FuzzFigures figures = new FuzzFigures(getClass(), "parse");
    private final GzipTrailerReader trailer = new GzipTrailerReader();

    static List<byte[]> seeds() {
        List<byte[]> seeds = new ArrayList<>();
        byte[] payload = Seeds.text(40, 7);
        HeaderBytes[] headers = { HeaderBytes.gzip(), HeaderBytes.gzip().name("name.txt"),
                HeaderBytes.gzip().comment("a comment").text().mtime(1_700_000_000L),
                HeaderBytes.gzip().extra(new byte[] { 'A', 'p', 2, 0, 1, 2 }).headerCrc(),
                HeaderBytes.gzip().name("n").comment("c").extra(new byte[4]).headerCrc() };
        for (HeaderBytes h : headers) {
            byte[] header = h.build();
            for (int piece : new int[] { 1, 3, 255 }) {
                byte[] input = new byte[2 + header.length + payload.length];
                input[0] = (byte) piece;
                input[1] = (byte) 255;
                System.arraycopy(header, 0, input, 2, header.length);
                System.arraycopy(payload, 0, input, 2 + header.length, payload.length);
                seeds.add(input);
            }
        }
        seeds.add("\u0001\u00ff\u001f\u008b".getBytes(StandardCharsets.ISO_8859_1));
        return seeds;
    }

    @AfterAll
    void report() {
        figures.report(1000);
    }

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "10s")
    void parse(byte[] input) {
        figures.executed();
        if (input.length < 2) {
            return;
        }
        int piece = 1 + (input[0] & 0xff);
        int bound = 10 + (input[1] & 0xff) * 4;
        byte[] bytes = java.util.Arrays.copyOfRange(input, 2, input.length);
        GzipHeaderParser parser = new GzipHeaderParser(bound);
        Outcome pieces = parse(parser, bytes, piece);
        parser.reset(); // and reused: the same parser after reset() must give the same answer
        Outcome once = parse(parser, bytes, bytes.length);
        assertEquals(once, pieces, "the same bytes in pieces of " + piece + " parse differently");
        if (once.complete) {
            assertTrue(once.length <= bound, "a header of " + once.length + " bytes passed the bound " + bound);
        }
        readTrailer(bytes, piece);
    }

    /** The trailer reader on the same bytes, whole and in pieces: same values or same typed failure. */
    private void readTrailer(byte[] bytes, int piece) {
        String a = trailer(bytes, bytes.length);
        String b = trailer(bytes, piece);
        assertEquals(a, b, "the trailer in pieces of " + piece + " reads differently");
    }

    private String trailer(byte[] bytes, int piece) {
        trailer.reset();
        ByteBuffer all = ByteBuffer.wrap(bytes);
        try {
            boolean done = false;
            while (all.hasRemaining() && !done) {
                ByteBuffer slice = all.slice(all.position(), Math.min(piece, all.remaining()));
                done = trailer.read(slice);
                all.position(all.position() + slice.position());
            }
            return done ? "crc " + trailer.crc() + " size " + trailer.size() + " at " + all.position() : "incomplete";
        } catch (WdException e) {
            assertTrue(DATA_ERRORS.contains(e.status()), e.getMessage());
            return e.status().name();
        }
    }

    private static Outcome parse(GzipHeaderParser p, byte[] bytes, int piece) {
        ByteBuffer all = ByteBuffer.wrap(bytes);
        try {
            boolean complete = false;
            while (all.hasRemaining() && !complete) {
                ByteBuffer slice = all.slice(all.position(), Math.min(piece, all.remaining()));
                complete = p.parse(slice);
                all.position(all.position() + slice.position());
                assertEquals(complete, p.isComplete());
            }
            if (complete) {
                assertEquals(p.length(), all.position(), "the parser consumed exactly the header");
                return new Outcome(true, p.length(), p.flags(), p.mtime(), p.name(), p.comment(),
                        p.extra() == null ? null : java.util.Arrays.toString(p.extra()), null);
            }
            try {
                p.checkComplete();
            } catch (WdException e) {
                assertEquals(io.warpdrive.comp.WdStatus.TRUNCATED_INPUT, e.status());
            }
            return new Outcome(false, p.length(), 0, 0, null, null, null, null);
        } catch (WdException e) {
            assertTrue(DATA_ERRORS.contains(e.status()), "unexpected status " + e.getMessage());
            return new Outcome(false, -1, 0, 0, null, null, null, e.status());
        }
    }

    /** What a parse came to; equal outcomes for the same bytes, however they were fed. */
    private record Outcome(boolean complete, int length, int flags, long mtime, String name, String comment,
            String extra, io.warpdrive.comp.WdStatus failure) {
    }
}
