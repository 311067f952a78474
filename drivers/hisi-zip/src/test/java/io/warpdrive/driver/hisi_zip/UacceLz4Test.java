package io.warpdrive.driver.hisi_zip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.Request;
import io.warpdrive.comp.Session;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.comp.WindowSize;
import io.warpdrive.lib.Capability;
import io.warpdrive.lib.Device;
import io.warpdrive.testing.data.TestFiles;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import net.jpountz.lz4.LZ4FrameInputStream;
import net.jpountz.lz4.LZ4FrameOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** LZ4 on emulated v3 devices: the device's blocks in standard LZ4 frames, compression only. */
class UacceLz4Test extends EmulatedV3Compression {
    /** A frame header with a content size, one block's size field and the end mark with the content checksum. */
    private static final int HEADER = 15;
    private static final int BLOCK_FIELD = 4;
    private static final int END = 8;

    @Override
    Algorithm algorithm() {
        return Algorithm.LZ4;
    }

    private static byte[] lz4Java(byte[] frame) throws IOException {
        try (LZ4FrameInputStream in = new LZ4FrameInputStream(new ByteArrayInputStream(frame))) {
            return in.readAllBytes();
        }
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, 2, 5, 12, 13, 100, 4096, 65_535, 65_536, 65_537, 300_000, 4 << 20, (4 << 20) + 1})
    void framesAtTheEdgesAreReadByLz4JavaAndTheTool(int size) throws Exception {
        start("api=hisi_qm_v3");
        byte[] data = TestFiles.sample("text", size);
        byte[] frame = compressOnce(data);
        assertArrayEquals(data, lz4Java(frame), "lz4-java reads it");
        assertArrayEquals(data, DecoderTool.decompress("lz4", frame), "the lz4 tool reads it");
        if (size > 4096) {
            assertTrue(frame.length < size * 0.8, "text compresses: " + frame.length);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"text", "source", "xml", "rows", "binary", "random", "runs", "mixed"})
    void everyTestFileRoundTripsAndCompresses(String file) throws Exception {
        start("api=hisi_qm_v3");
        byte[] data = TestFiles.sample(file, 1 << 20);
        byte[] frame = compressOnce(data);
        assertArrayEquals(data, lz4Java(frame));
        assertArrayEquals(data, DecoderTool.decompress("lz4", frame));
        if (TestFiles.compressible(file)) {
            assertTrue(frame.length < data.length * 0.97, file + " compresses: " + frame.length);
        } else {
            assertTrue(frame.length <= data.length + 64, "stored blocks cost little: " + frame.length);
        }
    }

    @Test
    void aRequestOverTheBlockLimitIsSeveralBlocksOfOneFrame() throws Exception {
        start("api=hisi_qm_v3");
        byte[] data = random(9 << 20); // stored blocks: their sizes are known
        long before = hardware.emulator().stat("hisi_zip-0", "completed");
        byte[] frame = compressOnce(data);
        assertEquals(HEADER + 3 * BLOCK_FIELD + data.length + END, frame.length, "one frame of 4 + 4 + 1 MiB blocks");
        assertEquals(7, (frame[5] >>> 4) & 7, "4 MiB blocks");
        assertArrayEquals(data, lz4Java(frame));
        assertEquals(before + 3, hardware.emulator().stat("hisi_zip-0", "completed"), "one SQE per block");
    }

    @Test
    void incompressibleDataIsStored() throws Exception {
        start("api=hisi_qm_v3");
        byte[] data = random(200_000);
        byte[] frame = compressOnce(data);
        assertEquals(HEADER + BLOCK_FIELD + data.length + END, frame.length, "one stored block");
        assertArrayEquals(data, lz4Java(frame));
    }

    @Test
    void theFrameIsTheOneTheLz4FormatDescribes() throws Exception {
        start("api=hisi_qm_v3");
        byte[] data = TestFiles.sample("xml", 100_000);
        byte[] frame = compressOnce(data);
        // lz4-java's own frame of the same content reads back the same: the two agree on the format
        ByteArrayOutputStream theirs = new ByteArrayOutputStream();
        try (LZ4FrameOutputStream out = new LZ4FrameOutputStream(theirs)) {
            out.write(data);
        }
        assertArrayEquals(lz4Java(theirs.toByteArray()), lz4Java(frame));
        assertEquals(0x184D2204, ByteBuffer.wrap(frame, 0, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt());
        assertEquals(5, (frame[5] >>> 4) & 7, "256 KiB blocks hold the whole request");
    }

    @Test
    void lz4DecompressionIsNotADeviceOperation() throws Exception {
        start("api=hisi_qm_v3");
        for (Device d : hardware.driver().devices()) {
            assertTrue(d.algorithms().contains(Algorithm.LZ4), d.name());
            assertTrue(d.serves(Algorithm.LZ4, Operation.COMPRESS, WindowSize.W32K));
            assertFalse(d.serves(Algorithm.LZ4, Operation.DECOMPRESS, WindowSize.W32K));
        }
        byte[] frame = compressOnce(TestFiles.sample("text", 10_000));
        try (Session s = session()) {
            WdException e = assertThrows(WdException.class, () -> s.decompress(frame));
            assertEquals(WdStatus.UNSUPPORTED, e.status(), e::getMessage);
        }
        WdException stream = assertThrows(WdException.class, () -> hardware.driver().openStream(Algorithm.LZ4,
                Operation.COMPRESS, 1, WindowSize.W32K));
        assertEquals(WdStatus.UNSUPPORTED, stream.status(), "no LZ4 streams: " + stream.getMessage());
    }

    @Test
    void theMatrixListsLz4CompressionOnly() {
        Capability lz4 = UacceDriver.INFO.capabilities().stream().filter(c -> c.algorithm() == Algorithm.LZ4)
                .reduce((a, b) -> {
                    throw new AssertionError("one LZ4 row: " + a + ", " + b);
                }).orElseThrow();
        assertEquals(Operation.COMPRESS, lz4.operation());
        assertTrue(lz4.stateless());
        assertFalse(lz4.stream());
        assertEquals(4 << 20, lz4.deviceRequestBytes());
    }

    @Test
    void v1AndV2DevicesDoNotServeLz4() {
        start(2, "api=hisi_qm_v1:hisi_qm_v2");
        for (Device d : hardware.driver().devices()) {
            assertFalse(d.algorithms().contains(Algorithm.LZ4), d.name());
        }
        try (Session s = session()) {
            WdException e = assertThrows(WdException.class, () -> s.compress(TestFiles.sample("text", 1000)));
            assertEquals(WdStatus.UNSUPPORTED, e.status(), e::getMessage);
        }
        assertEquals(0, hardware.emulator().stat("hisi_zip-0", "completed"), "nothing reached the v1 device");
        assertEquals(0, hardware.emulator().stat("hisi_zip-1", "completed"), "nothing reached the v2 device");
    }

    @Test
    void anInjectedDeviceErrorFailsTheRequestAndTheNextOneWorks() throws Exception {
        start("api=hisi_qm_v3");
        byte[] data = TestFiles.sample("text", 200_000);
        try (Session s = session()) {
            compress(s, data);
            hardware.emulator().inject("hisi_zip-0", "error_status", 1);
            ByteBuffer src = ByteBuffer.allocateDirect(data.length).put(data).flip();
            Request r = s.newRequest().operation(Operation.COMPRESS).source(src)
                    .destination(ByteBuffer.allocateDirect(data.length + 1024));
            WdException e = assertThrows(WdException.class, () -> s.execute(r));
            assertEquals(WdStatus.DEVICE_ERROR, e.status(), e::getMessage);
            assertArrayEquals(data, lz4Java(compress(s, data)));
        }
    }

    @Test
    void aDestinationTooSmallIsReportedNotOverrun() {
        start("api=hisi_qm_v3");
        byte[] data = random(50_000);
        try (Session s = session()) {
            ByteBuffer src = ByteBuffer.allocateDirect(data.length).put(data).flip();
            ByteBuffer dst = ByteBuffer.allocateDirect(1000);
            Request r = s.newRequest().operation(Operation.COMPRESS).source(src).destination(dst);
            WdException e = assertThrows(WdException.class, () -> s.execute(r));
            assertEquals(WdStatus.OUTPUT_TOO_SMALL, e.status(), e::getMessage);
        }
    }
}
