package io.warpdrive.testing.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Flush;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.SgList;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.comp.WindowSize;
import io.warpdrive.lib.Driver;
import io.warpdrive.lib.Queue;
import io.warpdrive.lib.QueueMode;
import io.warpdrive.lib.StreamState;
import io.warpdrive.testing.data.TestFiles;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Preset dictionaries through the driver SPI
 * ({@link Driver#openStream(Algorithm, Operation, int, WindowSize, ByteBuffer)}): a primed
 * raw deflate stream refers back into its dictionary (a reader given the same dictionary
 * decodes it, and it is smaller than the same data unprimed), a piece primed with the data
 * before it continues that data's SYNC-flushed stream as one standard stream (what a
 * parallel stream stitches), and a dictionary where the formats have no place for one is
 * refused. A driver that does not declare {@code presetDictionary} must refuse one with
 * UNSUPPORTED. Jobs go to a queue of the driver's first device directly.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class PresetDictionaryConformance {
    private DriverUnderTest driverUnderTest;
    private Queue queue;

    /** Starts the driver under test. */
    protected abstract DriverUnderTest openDriver();

    @BeforeAll
    final void openDriverAndQueue() {
        driverUnderTest = openDriver();
        Assumptions.assumeFalse(driver().devices().isEmpty(), "driver " + driver().name() + " has no device here");
        queue = driver().devices().get(0).openQueue(Operation.COMPRESS, QueueMode.SHARED);
    }

    @AfterAll
    final void closeQueueAndDriver() {
        try {
            if (queue != null) {
                queue.close();
            }
        } finally {
            if (driverUnderTest != null) {
                driverUnderTest.close();
            }
        }
    }

    private Driver driver() {
        return driverUnderTest.driver();
    }

    private void assumeDictionaries() {
        Assumptions.assumeTrue(driver().info().presetDictionary(),
                "driver " + driver().name() + " takes no preset dictionary");
    }

    @Test
    void aPrimedStreamRefersBackIntoItsDictionary() throws DataFormatException {
        assumeDictionaries();
        byte[] text = TestFiles.sample("text", 200_000);
        byte[] dictionary = Arrays.copyOfRange(text, 0, 100_000);
        byte[] piece = Arrays.copyOfRange(text, 100_000, 200_000);

        byte[] primed = compress(piece, dictionary, Flush.FINISH, 1);
        byte[] plain = compress(piece, null, Flush.FINISH, 1);

        assertArrayEquals(piece, inflate(primed, lastWindow(dictionary), piece.length));
        assertTrue(primed.length < plain.length, "primed " + primed.length + " bytes < unprimed " + plain.length);
    }

    @Test
    void aPiecePrimedWithTheDataBeforeItContinuesThatStream() throws DataFormatException {
        assumeDictionaries();
        byte[] text = TestFiles.sample("xml", 300_000);
        byte[] first = Arrays.copyOfRange(text, 0, 131_072);
        byte[] second = Arrays.copyOfRange(text, 131_072, 262_144);
        byte[] last = Arrays.copyOfRange(text, 262_144, text.length);

        byte[] stitched = GzipMembers.concat(compress(first, null, Flush.SYNC, 6), compress(second, first, Flush.SYNC, 6),
                compress(last, second, Flush.FINISH, 6));

        assertArrayEquals(text, inflate(stitched, null, text.length), "one standard raw deflate stream");
    }

    @Test
    void theDictionaryBufferIsReadNotConsumed() {
        assumeDictionaries();
        ByteBuffer dictionary = ByteBuffer.wrap(TestFiles.sample("text", 50_000)).position(10);
        try (StreamState s = driver().openStream(Algorithm.DEFLATE, Operation.COMPRESS, 6, WindowSize.W32K,
                dictionary)) {
            assertEquals(10, dictionary.position());
            assertEquals(50_000, dictionary.limit());
        }
    }

    @Test
    void anEmptyDictionaryOpensAPlainStream() throws DataFormatException {
        byte[] data = TestFiles.sample("rows", 40_000);
        byte[] out = compress(data, new byte[0], Flush.FINISH, 6);
        assertArrayEquals(data, inflate(out, null, data.length));
    }

    @ParameterizedTest
    @EnumSource(value = Algorithm.class, names = {"GZIP", "ZLIB"})
    void formatsWithAHeaderTakeNoDictionary(Algorithm algorithm) {
        assumeDictionaries();
        WdException e = assertThrows(WdException.class, () -> driver().openStream(algorithm, Operation.COMPRESS, 6,
                WindowSize.W32K, ByteBuffer.wrap(new byte[] {1, 2, 3})));
        assertEquals(WdStatus.INVALID_ARGUMENT, e.status());
    }

    @Test
    void decompressionTakesNoDictionary() {
        assumeDictionaries();
        WdException e = assertThrows(WdException.class, () -> driver().openStream(Algorithm.DEFLATE,
                Operation.DECOMPRESS, 6, WindowSize.W32K, ByteBuffer.wrap(new byte[] {1, 2, 3})));
        assertEquals(WdStatus.INVALID_ARGUMENT, e.status());
    }

    @Test
    void aDriverThatDeclaresNoDictionaryRefusesOne() {
        Assumptions.assumeFalse(driver().info().presetDictionary(), "driver " + driver().name() + " takes them");
        WdException e = assertThrows(WdException.class, () -> driver().openStream(Algorithm.DEFLATE,
                Operation.COMPRESS, 6, WindowSize.W32K, ByteBuffer.wrap(new byte[] {1, 2, 3})));
        assertEquals(WdStatus.UNSUPPORTED, e.status());
    }

    /** One job of a new raw deflate stream primed with {@code dictionary} (null for none), with {@code flush}. */
    private byte[] compress(byte[] data, byte[] dictionary, Flush flush, int level) {
        try (StreamState s = driver().openStream(Algorithm.DEFLATE, Operation.COMPRESS, level, WindowSize.W32K,
                dictionary == null ? null : ByteBuffer.wrap(dictionary))) {
            ByteBuffer in = ByteBuffer.allocateDirect(Math.max(1, data.length)).put(data).flip();
            ByteBuffer out = ByteBuffer.allocateDirect(data.length + data.length / 8 + 1024);
            RecordingJob job = RecordingJob.compress(Algorithm.DEFLATE, level, SgList.of(in), SgList.of(out))
                    .stream(s, flush);
            assertTrue(queue.send(job), "the queue took the job");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!job.done() && System.nanoTime() < deadline) {
                queue.receive(16);
                Thread.onSpinWait();
            }
            assertTrue(job.done(), "the job completed");
            assertNull(job.failure(), () -> "the job failed: " + job.detail);
            assertEquals(data.length, in.position(), "all input consumed");
            return job.output();
        }
    }

    private static byte[] inflate(byte[] raw, byte[] dictionary, int expected) throws DataFormatException {
        Inflater inflater = new Inflater(true);
        try {
            if (dictionary != null) {
                inflater.setDictionary(dictionary);
            }
            inflater.setInput(raw);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[expected + 1];
            int n;
            while ((n = inflater.inflate(buffer)) > 0) {
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } finally {
            inflater.end();
        }
    }

    private static byte[] lastWindow(byte[] dictionary) {
        int n = Math.min(dictionary.length, WindowSize.W32K.bytes());
        return Arrays.copyOfRange(dictionary, dictionary.length - n, dictionary.length);
    }
}
