package io.warpdrive.reliability.soak;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Completion;
import io.warpdrive.comp.Compressor;
import io.warpdrive.comp.FallbackPolicy;
import io.warpdrive.comp.Flush;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.Request;
import io.warpdrive.comp.Session;
import io.warpdrive.comp.SessionSpec;
import io.warpdrive.comp.StreamSession;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.testing.conformance.JdkZip;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * One consumer thread of the soak: operation after operation of a random shape (a sync or
 * async stateless request, or a stream fed in pieces, each piece sync or async), direction,
 * format, fallback policy (mostly AUTO, some HARDWARE_ONLY), buffer kind and size, on
 * test-file data. Each result is checked byte for byte (a compression by inflating it with
 * java.util.zip, a decompression of java.util.zip's output against the original); each
 * failure must be a {@link WdException} a hardware fault explains.
 */
final class SoakConsumer implements Runnable {
    /** The statuses a hardware fault explains, for work that may not move to the CPU. */
    static final Set<WdStatus> HARDWARE_FAULT = EnumSet.of(WdStatus.DEVICE_ERROR, WdStatus.TIMEOUT,
            WdStatus.QUEUE_CLOSED, WdStatus.DRIVER_GONE, WdStatus.NO_DRIVER);
    /** Longer than any fault keeps a request: a job timeout, re-sends, the capacity wait. */
    private static final long COMPLETION_BOUND_SECONDS = 120;
    private static final Algorithm[] ALGORITHMS = JdkZip.ALGORITHMS;

    private final Compressor compressor;
    private final SoakLedger ledger;
    private final Random random;
    private final AtomicBoolean stop;
    private final List<byte[]> pool;
    private final String name;

    SoakConsumer(String name, Compressor compressor, SoakLedger ledger, long seed, AtomicBoolean stop,
            List<byte[]> pool) {
        this.name = name;
        this.compressor = compressor;
        this.ledger = ledger;
        this.random = new Random(seed);
        this.stop = stop;
        this.pool = pool;
    }

    /** A request the engine did not give back within the bound: the soak has failed, this consumer stops. */
    private static final class Lost extends RuntimeException {
        Lost(String message) {
            super(message, null, false, false);
        }
    }

    @Override
    public void run() {
        while (!stop.get()) {
            try {
                operation();
            } catch (Lost e) {
                ledger.problem(name + ": " + e.getMessage());
                return;
            } catch (Throwable e) {
                ledger.problem(name + ": unexpected " + e);
                return;
            }
        }
    }

    private void operation() {
        Algorithm algorithm = ALGORITHMS[random.nextInt(ALGORITHMS.length)];
        Operation op = random.nextBoolean() ? Operation.COMPRESS : Operation.DECOMPRESS;
        FallbackPolicy fallback = random.nextInt(5) == 0 ? FallbackPolicy.HARDWARE_ONLY : FallbackPolicy.AUTO;
        int shape = random.nextInt(4); // 0, 1 sync; 2 async; 3 stream
        String shapeName = shape < 2 ? "sync" : shape == 2 ? "async" : "stream";
        boolean stream = shape == 3;
        byte[] data = sample(stream ? 256 * 1024 : 1024 * 1024);
        int level = 1 + random.nextInt(9);
        byte[] input = op == Operation.COMPRESS ? data : JdkZip.compress(algorithm, level, data);
        String kind = shapeName + " " + op.name().toLowerCase() + " " + fallback;
        String what = kind + " " + algorithm + " of " + data.length + " bytes";
        SessionSpec spec = SessionSpec.of(algorithm).withLevel(level).withFallback(fallback);
        ledger.operation(kind);
        String[] servedBy = new String[1];
        byte[] output;
        try {
            output = stream ? stream(spec, op, input, servedBy) : stateless(spec, op, input, data.length, shape == 2,
                    servedBy);
        } catch (WdException e) {
            ledger.failed(kind, e.status());
            // Only work bound to hardware may fail: HARDWARE_ONLY, or a stream whose state the device holds.
            boolean bound = fallback == FallbackPolicy.HARDWARE_ONLY || (stream && !"soft".equals(servedBy[0]));
            if (!bound || !HARDWARE_FAULT.contains(e.status())) {
                ledger.problem(name + ": " + what + " (served by " + servedBy[0] + ") failed with a status no fault"
                        + " explains: " + e.status() + ": " + e.getMessage());
            }
            return;
        }
        byte[] expected = data;
        byte[] got = output;
        if (op == Operation.COMPRESS) {
            try {
                got = JdkZip.decompress(algorithm, output);
            } catch (IOException | RuntimeException e) {
                ledger.problem(name + ": CORRUPT OUTPUT: " + what + " served by " + servedBy[0]
                        + ": java.util.zip cannot inflate it: " + e);
                return;
            }
        }
        if (!Arrays.equals(expected, got)) {
            ledger.problem(name + ": CORRUPT OUTPUT: " + what + " served by " + servedBy[0] + ": " + got.length
                    + " bytes differ from the " + expected.length + " expected");
            return;
        }
        ledger.succeeded(kind, servedBy[0]);
    }

    /** A random piece of a random test file, mostly small, sometimes up to {@code max} bytes. */
    private byte[] sample(int max) {
        byte[] file = pool.get(random.nextInt(pool.size()));
        int roll = random.nextInt(100);
        int bound = roll < 40 ? 4 * 1024 : roll < 75 ? 64 * 1024 : roll < 95 ? 256 * 1024 : max;
        int length = 1 + random.nextInt(Math.min(bound, max));
        int at = random.nextInt(file.length - length);
        return Arrays.copyOfRange(file, at, at + length);
    }

    private ByteBuffer buffer(int capacity) {
        return random.nextBoolean() ? ByteBuffer.allocate(capacity) : ByteBuffer.allocateDirect(capacity);
    }

    private ByteBuffer wrap(byte[] bytes, int from, int length) {
        if (random.nextBoolean()) {
            return ByteBuffer.wrap(bytes, from, length);
        }
        ByteBuffer b = ByteBuffer.allocateDirect(length);
        b.put(bytes, from, length).flip();
        return b;
    }

    private byte[] stateless(SessionSpec spec, Operation op, byte[] input, int originalLength, boolean async,
            String[] servedBy) {
        int room = op == Operation.COMPRESS
                ? (int) compressor.maxCompressedLength(spec.algorithm(), input.length)
                : originalLength + random.nextInt(64);
        try (Session s = compressor.openSession(spec)) {
            ByteBuffer out = buffer(room);
            Request r = s.newRequest().operation(op).source(wrap(input, 0, input.length)).destination(out);
            send(r, async, s::execute, s::submit);
            servedBy[0] = r.servedBy();
            if (out.position() != r.produced()) {
                throw new AssertionError("output position " + out.position() + " but " + r.produced() + " produced");
            }
            byte[] bytes = new byte[(int) r.produced()];
            out.flip().get(bytes);
            return bytes;
        }
    }

    /**
     * Hands the request to the engine once, sync or async, and waits (bounded) until it is
     * given back; counts it in the ledger; throws its failure.
     */
    private void send(Request r, boolean async, Consumer<Request> execute, BiConsumer<Request, Completion> submit) {
        long id = ledger.issued();
        if (!async) {
            try {
                execute.accept(r);
            } finally {
                ledger.completed(id);
            }
            return;
        }
        CountDownLatch done = new CountDownLatch(1);
        try {
            submit.accept(r, request -> {
                ledger.completed(id);
                done.countDown();
            });
        } catch (WdException e) {
            ledger.completed(id); // refused: no completion will come
            throw e;
        }
        try {
            if (!done.await(COMPLETION_BOUND_SECONDS, TimeUnit.SECONDS)) {
                throw new Lost("request " + id + " was not completed within " + COMPLETION_BOUND_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Lost("interrupted waiting for request " + id);
        }
        if (r.error() != null) {
            throw r.error();
        }
    }

    /** A stream in random pieces, into random room, each piece sync or async. */
    private byte[] stream(SessionSpec spec, Operation op, byte[] input, String[] servedBy) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (StreamSession st = compressor.openStream(op, spec)) {
            ByteBuffer room = buffer(1024 + random.nextInt(128 * 1024));
            Request r = st.newRequest();
            int at = 0;
            int calls = 0;
            boolean ended = false;
            while (!ended) {
                int n = Math.min(1 + random.nextInt(64 * 1024), input.length - at);
                boolean last = at + n == input.length;
                ByteBuffer in = wrap(input, at, n);
                int pieceStart = in.position();
                boolean more;
                do {
                    room.clear();
                    int before = in.position();
                    Flush flush = last ? Flush.FINISH : Flush.NONE;
                    send(r.source(in).destination(room).flush(flush), random.nextBoolean(), st::execute, st::submit);
                    servedBy[0] = r.servedBy();
                    out.write(bytes(room), 0, room.position());
                    ended = r.endOfStream();
                    // stalled: input left and nothing taken or given, or FINISH giving nothing before the end
                    boolean stalled = room.position() == 0 && !ended
                            && ((in.position() == before && in.hasRemaining())
                                    || (flush == Flush.FINISH && !in.hasRemaining()));
                    if (++calls > 1_000_000 || stalled) {
                        throw new AssertionError("stream " + op + " " + spec + " of " + input.length
                                + " bytes makes no progress at input byte " + (at + before - pieceStart) + " (piece of "
                                + n + ", " + flush + ", room " + room.capacity() + ", served by " + r.servedBy()
                                + ", consumed " + r.consumed() + ", produced " + r.produced() + ")");
                    }
                    // compressing, a full room without FINISH only means more output comes with later input
                    boolean roomFull = room.position() == room.capacity();
                    more = in.hasRemaining() || (last && !ended)
                            || (op == Operation.DECOMPRESS && !ended && roomFull);
                } while (more);
                at += n;
                if (last && !ended) {
                    throw new AssertionError("the stream did not end with its input");
                }
            }
        }
        return out.toByteArray();
    }

    private static byte[] bytes(ByteBuffer filled) {
        byte[] b = new byte[filled.position()];
        filled.duplicate().flip().get(b);
        return b;
    }
}
