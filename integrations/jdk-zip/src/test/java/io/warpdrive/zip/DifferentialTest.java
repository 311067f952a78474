package io.warpdrive.zip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.warpdrive.comp.Compressor;
import io.warpdrive.testing.data.DataKind;
import io.warpdrive.testing.drivers.SoftPlatform;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The platform's Deflater and Inflater driven exactly as the JDK's, call for call, over random
 * chunkings of the input, random output room and random flush sequences: what each side's
 * output decompresses to, and the states the methods report at every point where the JDK's
 * contract fixes them, agree.
 */
class DifferentialTest {
    private static final int SCENARIOS_PER_SEED = 12;
    private static SoftPlatform platform;
    private static Compressor compressor;

    @BeforeAll
    static void start() {
        platform = new SoftPlatform();
        compressor = platform.compressor();
    }

    @AfterAll
    static void stop() throws Exception {
        platform.close();
    }

    /** One input, chunked at random, with a random flush after each chunk and random output room. */
    private record Scenario(byte[] data, int[] chunks, int[] flushes, int room, boolean nowrap, int level) {
        static Scenario random(Random random) {
            DataKind kind = DataKind.values()[random.nextInt(DataKind.values().length)];
            byte[] data = kind.bytes(random.nextInt(4) == 0 ? random.nextInt(100) : random.nextInt(150_000));
            int n = 1 + random.nextInt(40);
            int[] chunks = new int[n];
            int[] flushes = new int[n];
            for (int i = 0; i < n; i++) {
                chunks[i] = random.nextInt(data.length + 1);
                int f = random.nextInt(6);
                flushes[i] = f < 3 ? Deflater.NO_FLUSH : f < 5 ? Deflater.SYNC_FLUSH : Deflater.FULL_FLUSH;
            }
            Arrays.sort(chunks);
            int room = random.nextBoolean() ? 16 + random.nextInt(500) : 1 + random.nextInt(100_000);
            return new Scenario(data, chunks, flushes, room, random.nextBoolean(), random.nextInt(11) - 1);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = { 1, 2, 3, 4 })
    void deflatersAgree(long seed) throws DataFormatException {
        Random random = new Random(seed);
        for (int i = 0; i < SCENARIOS_PER_SEED; i++) {
            Scenario s = Scenario.random(random);
            Deflater jdk = new Deflater(s.level, s.nowrap);
            Deflater ours = new PlatformDeflater(compressor, s.level, s.nowrap);
            try {
                byte[] a = drive(jdk, s);
                byte[] b = drive(ours, s);
                assertArrayEquals(s.data, inflateAll(a, s.nowrap), "JDK round trip");
                assertArrayEquals(s.data, inflateAll(b, s.nowrap), "platform round trip");
            } finally {
                jdk.end();
                ours.end();
            }
        }
    }

    /**
     * Feeds each chunk and deflates until it is taken, with the chunk's flush mode; after a sync
     * or full flush, everything so far must inflate from the output so far. Then finishes.
     * States are compared by calling this with the JDK's and the platform's deflater in turn
     * and checking both against the same expectations.
     */
    private static byte[] drive(Deflater deflater, Scenario s) throws DataFormatException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] room = new byte[s.room];
        Inflater reader = new Inflater(s.nowrap);
        byte[] read = new byte[s.data.length];
        int readSoFar = 0;
        int at = 0;
        for (int i = 0; i < s.chunks.length; i++) {
            int end = s.chunks[i];
            deflater.setInput(s.data, at, end - at);
            int flush = s.flushes[i];
            while (!deflater.needsInput()) {
                out.write(room, 0, deflater.deflate(room, 0, room.length, Deflater.NO_FLUSH));
            }
            if (flush != Deflater.NO_FLUSH) {
                int n;
                do {
                    n = deflater.deflate(room, 0, room.length, flush);
                    out.write(room, 0, n);
                } while (n == room.length);
                // Everything so far is readable from the output so far.
                byte[] so = out.toByteArray();
                reader.setInput(so, (int) reader.getBytesRead(), so.length - (int) reader.getBytesRead());
                readSoFar += reader.inflate(read, readSoFar, read.length - readSoFar);
                assertEquals(end, readSoFar, "bytes readable after a flush");
            }
            at = end;
            assertEquals(at, deflater.getBytesRead(), "bytes read once the input is taken");
            assertEquals(out.size(), deflater.getBytesWritten());
            assertEquals(true, deflater.needsInput());
            assertEquals(false, deflater.finished());
        }
        deflater.setInput(s.data, at, s.data.length - at);
        deflater.finish();
        while (!deflater.finished()) {
            out.write(room, 0, deflater.deflate(room));
        }
        reader.end();
        assertEquals(s.data.length, deflater.getBytesRead());
        assertEquals(out.size(), deflater.getBytesWritten());
        assertEquals(expectedAdler(s), deflater.getAdler(), "getAdler at the end");
        return out.toByteArray();
    }

    private static int expectedAdler(Scenario s) {
        if (s.nowrap) {
            return 1;
        }
        java.util.zip.Adler32 a = new java.util.zip.Adler32();
        a.update(s.data);
        return (int) a.getValue();
    }

    private static byte[] inflateAll(byte[] compressed, boolean nowrap) throws DataFormatException {
        Inflater inflater = new Inflater(nowrap);
        inflater.setInput(compressed);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] room = new byte[65536];
        while (!inflater.finished()) {
            int n = inflater.inflate(room);
            if (n == 0 && inflater.needsInput()) {
                throw new DataFormatException("truncated");
            }
            out.write(room, 0, n);
        }
        inflater.end();
        return out.toByteArray();
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = { 11, 12, 13, 14 })
    void inflatersAgree(long seed) throws DataFormatException {
        Random random = new Random(seed);
        for (int i = 0; i < SCENARIOS_PER_SEED; i++) {
            Scenario s = Scenario.random(random);
            byte[] compressed = PlatformInflaterTest.jdkDeflate(s.data, s.level, s.nowrap, null);
            int tail = random.nextInt(3) == 0 ? 1 + random.nextInt(20) : 0;
            byte[] input = Arrays.copyOf(compressed, compressed.length + tail);
            int[] cuts = Arrays.stream(s.chunks).map(c -> (int) ((long) c * input.length / Math.max(1, s.data.length)))
                    .toArray();
            Inflater jdk = new Inflater(s.nowrap);
            Inflater ours = new PlatformInflater(compressor, s.nowrap);
            try {
                Observed a = inflateInChunks(jdk, input, cuts, s.room);
                Observed b = inflateInChunks(ours, input, cuts, s.room);
                assertArrayEquals(s.data, a.output, "JDK output");
                assertArrayEquals(s.data, b.output, "platform output");
                assertEquals(a, b);
            } finally {
                jdk.end();
                ours.end();
            }
        }
    }

    /** What an inflater reported once its stream ended: the states the contract fixes. */
    private record Observed(byte[] output, int remaining, long bytesRead, long bytesWritten, int adler,
            boolean finished) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Observed other && remaining == other.remaining && bytesRead == other.bytesRead
                    && bytesWritten == other.bytesWritten && adler == other.adler && finished == other.finished;
        }

        @Override
        public int hashCode() {
            return remaining;
        }

        @Override
        public String toString() {
            return "remaining " + remaining + ", read " + bytesRead + ", written " + bytesWritten + ", adler "
                    + adler + ", finished " + finished;
        }
    }

    /** Feeds the input cut at {@code cuts}, inflating into {@code room}-sized pieces while input lasts. */
    private static Observed inflateInChunks(Inflater inflater, byte[] input, int[] cuts, int room)
            throws DataFormatException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[room];
        int at = 0;
        int next = 0;
        while (!inflater.finished()) {
            if (inflater.needsInput()) {
                while (next < cuts.length && cuts[next] <= at) {
                    next++;
                }
                int end = next < cuts.length ? cuts[next] : input.length;
                if (end <= at) {
                    throw new DataFormatException(inflater.getClass().getSimpleName() + ": input ended before the stream at " + at + " of " + input.length + ", out " + out.size() + " remaining " + inflater.getRemaining() + " read " + inflater.getBytesRead() + " room " + room + " cuts " + Arrays.toString(cuts));
                }
                inflater.setInput(input, at, end - at);
                at = end;
            }
            out.write(buffer, 0, inflater.inflate(buffer));
        }
        return new Observed(out.toByteArray(), inflater.getRemaining(), inflater.getBytesRead(),
                inflater.getBytesWritten(), inflater.getAdler(), inflater.finished());
    }
}
