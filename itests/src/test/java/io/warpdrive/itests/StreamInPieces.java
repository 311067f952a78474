package io.warpdrive.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.warpdrive.comp.Flush;
import io.warpdrive.comp.Request;
import io.warpdrive.comp.StreamSession;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A driver's stream as a caller feeds it: input in pieces that line up with nothing, output
 * in a small buffer drained after every request, each request served by the expected driver (or by
 * the platform, handing on output held for the caller's small buffer).
 */
final class StreamInPieces {
    /** What {@code servedBy} says of a request the platform served without an engine. */
    private static final String PLATFORM = "platform";

    private StreamInPieces() {
    }

    /** Compresses {@code original} through {@code st} in 77,777-byte pieces into 20,000-byte buffers. */
    static byte[] compress(StreamSession st, byte[] original, String driver) {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        ByteBuffer out = ByteBuffer.allocate(20_000);
        int byDriver = 0;
        for (int pos = 0; pos < original.length;) {
            int n = Math.min(77_777, original.length - pos);
            boolean last = pos + n == original.length;
            ByteBuffer in = ByteBuffer.wrap(original, pos, n);
            Request r = st.newRequest().source(in).flush(last ? Flush.FINISH : Flush.NONE);
            do {
                out.clear();
                st.execute(r.destination(out));
                // The platform hands on output the caller's space could not take without an engine.
                if (!PLATFORM.equals(r.servedBy())) {
                    assertEquals(driver, r.servedBy());
                    byDriver++;
                }
                compressed.write(out.array(), 0, out.position());
            } while (in.hasRemaining() || (last && !r.endOfStream()));
            pos += n;
        }
        assertTrue(st.isFinished());
        assertTrue("requests served by " + driver + ": " + byDriver, byDriver > 0);
        return compressed.toByteArray();
    }

    /** {@code first} then {@code second}: two gzip members in one input. */
    static byte[] concatenated(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
