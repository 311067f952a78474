package io.warpdrive.comp.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Compressor;
import io.warpdrive.comp.SessionSpec;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.core.engine.TestPlatform;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link Compress} and {@link Decompress} hand exactly the bytes asked for to the platform
 * and put the result where asked (a copying driver makes that visible); real codecs are
 * tested in the integration tests (itests: StreamsIT).
 */
class OneShotTest {
    private static final SessionSpec DEFLATE = SessionSpec.of(Algorithm.DEFLATE);
    private static final byte[] DATA = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private TestPlatform platform;
    private Compressor compressor;

    @BeforeEach
    void start() {
        platform = TestPlatform.withCopyingDriver();
        compressor = platform.compressorFor("test.consumer");
    }

    @AfterEach
    void stop() throws Exception {
        platform.close();
    }

    @Test
    void arraysWithOffsetAndLength() {
        assertArrayEquals(Arrays.copyOfRange(DATA, 3, 10), Compress.toArray(compressor, DEFLATE, DATA, 3, 7));
        assertArrayEquals(Arrays.copyOfRange(DATA, 3, 10), Decompress.toArray(compressor, DEFLATE, DATA, 3, 7));
        assertArrayEquals(DATA, Compress.toArray(compressor, DEFLATE, DATA));
        assertArrayEquals(DATA, Decompress.toArray(compressor, Algorithm.DEFLATE, DATA));
        assertThrows(IndexOutOfBoundsException.class, () -> Compress.toArray(compressor, DEFLATE, DATA, 10, 7));
        assertThrows(IndexOutOfBoundsException.class, () -> Decompress.toArray(compressor, DEFLATE, DATA, -1, 2));
    }

    @Test
    void buffersAdvanceByWhatWasConsumedAndProduced() {
        ByteBuffer src = ByteBuffer.wrap(DATA, 2, 10);
        ByteBuffer dst = ByteBuffer.allocateDirect(64).position(5);
        assertEquals(10, Compress.into(compressor, DEFLATE, src, dst));
        assertEquals(12, src.position());
        assertEquals(15, dst.position());
        ByteBuffer back = ByteBuffer.allocate(10);
        assertEquals(10, Decompress.into(compressor, DEFLATE, dst.flip().position(5), back));
        assertArrayEquals(Arrays.copyOfRange(DATA, 2, 12), back.array());
    }

    @Test
    void aFailedCallLeavesTheBuffersWhereTheyWere() {
        ByteBuffer src = ByteBuffer.wrap(DATA);
        ByteBuffer dst = ByteBuffer.allocate(4);
        WdException e = assertThrows(WdException.class, () -> Decompress.into(compressor, DEFLATE, src, dst));
        assertEquals(WdStatus.OUTPUT_TOO_SMALL, e.status());
        assertEquals(0, src.position());
        assertEquals(0, dst.position());
    }
}
