package io.warpdrive.driver.soft;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.warpdrive.comp.Flush;
import io.warpdrive.comp.SgList;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Drives a {@link SoftStream} the way a caller of a stream session would, one request at a time. */
final class StreamDriver {
    private static final ByteBuffer NO_INPUT = ByteBuffer.allocate(0);

    private StreamDriver() {
    }

    /**
     * Compresses {@code data} in pieces whose sizes cycle through {@code chunks}, each
     * piece with {@code flush} (NONE for a plain stream), then FINISH, always into
     * destinations of {@code room} bytes; repeats each request until its input is consumed.
     */
    static byte[] compress(SoftStream stream, byte[] data, int[] chunks, int room, Flush flush) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer destination = ByteBuffer.allocate(room);
        int at = 0;
        for (int i = 0; at < data.length; i++) {
            int n = Math.min(chunks[i % chunks.length], data.length - at);
            ByteBuffer source = ByteBuffer.wrap(data, at, n);
            do {
                destination.clear();
                int before = source.position();
                assertFalse(stream.process(SgList.of(source), SgList.of(destination), flush, Long.MAX_VALUE),
                        "the end only comes with FINISH");
                out.write(destination.array(), 0, destination.position());
                if (source.position() == before && destination.position() == 0) {
                    fail("no progress at input byte " + at);
                }
            } while (source.hasRemaining());
            at += n;
        }
        finish(stream, destination, out);
        return out.toByteArray();
    }

    /** Calls FINISH with no input until the stream says it has ended. */
    static void finish(SoftStream stream, ByteBuffer destination, ByteArrayOutputStream out) {
        for (int calls = 0; ; calls++) {
            destination.clear();
            boolean ended = stream.process(SgList.of(NO_INPUT), SgList.of(destination), Flush.FINISH, Long.MAX_VALUE);
            out.write(destination.array(), 0, destination.position());
            if (ended) {
                return;
            }
            assertTrue(destination.position() > 0, "FINISH without the end must have filled the room");
            if (calls > 10_000_000) {
                fail("FINISH never ends");
            }
        }
    }

    /** What a decompressing run saw. */
    static final class Decoded {
        final ByteArrayOutputStream output = new ByteArrayOutputStream();
        /** Input offsets at which a call that had consumed all input given reported end of stream. */
        final List<Integer> endsReported = new ArrayList<>();
        /** Input offsets at which a call consumed all input given without reporting an end. */
        final List<Integer> notEnded = new ArrayList<>();
        int consumed;
        boolean endOfStream;

        byte[] bytes() {
            return output.toByteArray();
        }
    }

    /**
     * Decompresses {@code data} as if it arrived in pieces whose sizes cycle through
     * {@code chunks}: each request gets all bytes arrived but not yet consumed, and an
     * output room of {@code room} bytes. Stops when all input has arrived and a request
     * makes no progress; the last request carries FINISH when {@code finish} is set.
     */
    static Decoded decompress(SoftStream stream, byte[] data, int[] chunks, int room, boolean finish) {
        Decoded run = new Decoded();
        ByteBuffer destination = ByteBuffer.allocate(room);
        int arrived = 0;
        for (int i = 0; ; ) {
            boolean allArrived = arrived == data.length;
            ByteBuffer source = ByteBuffer.wrap(data, run.consumed, arrived - run.consumed);
            destination.clear();
            Flush flush = allArrived && finish ? Flush.FINISH : Flush.NONE;
            run.endOfStream = stream.process(SgList.of(source), SgList.of(destination), flush, Long.MAX_VALUE);
            run.output.write(destination.array(), 0, destination.position());
            boolean progress = source.position() > run.consumed || destination.position() > 0;
            run.consumed = source.position();
            if (!source.hasRemaining() && destination.hasRemaining()) {
                (run.endOfStream ? run.endsReported : run.notEnded).add(run.consumed);
            }
            if (!progress) {
                if (allArrived) {
                    return run;
                }
                arrived = Math.min(data.length, arrived + chunks[i++ % chunks.length]);
            }
        }
    }
}
