package io.warpdrive.driver.hisi_zip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.luben.zstd.Zstd;
import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.Request;
import io.warpdrive.comp.Session;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.lib.Device;
import io.warpdrive.testing.data.TestFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * zstd on emulated v3 devices: the device's LZ77 stage (lz77_zstd) and the driver's CPU
 * entropy stage make standard zstd frames, which zstd-jni and the {@code zstd} tool read;
 * requests over the device's 128 KiB become blocks of one frame; zstd decompression is not a
 * device operation; v1/v2 devices never get zstd; an injected device error fails the request.
 */
class UacceZstdTest extends EmulatedV3Compression {
    @Override
    Algorithm algorithm() {
        return Algorithm.ZSTD;
    }

    private static byte[] zstdTool(byte[] frame) throws IOException, InterruptedException {
        return DecoderTool.decompress("zstd", frame);
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, 2, 3, 5, 17, 100, 4095, 4096, 65_535, 131_071, 131_072, 131_073, 300_000})
    void framesAtTheEdgesAreReadByZstdJniAndTheTool(int size) throws Exception {
        start("api=hisi_qm_v3");
        byte[] data = TestFiles.sample("text", size);
        try (Session s = session(3)) {
            byte[] frame = compress(s, data);
            assertArrayEquals(data, Zstd.decompress(frame, size), "zstd-jni reads it");
            assertArrayEquals(data, zstdTool(frame), "the zstd tool reads it");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"text", "source", "xml", "rows", "binary", "random", "runs", "mixed"})
    void everyTestFileRoundTripsAndCompresses(String file) throws Exception {
        start("api=hisi_qm_v3");
        byte[] data = TestFiles.sample(file, 1 << 20);
        for (int level : new int[] {1, 19}) { // normal and price mode
            try (Session s = session(level)) {
                byte[] frame = compress(s, data);
                assertArrayEquals(data, Zstd.decompress(frame, data.length));
                if (TestFiles.compressible(file)) {
                    assertTrue(frame.length < data.length * 0.97, file + " compresses: " + frame.length);
                } else {
                    assertTrue(frame.length <= data.length + data.length / 10000 + 64, "raw blocks cost little");
                }
            }
        }
        assertArrayEquals(data, zstdTool(compressOnce(data)));
    }

    @Test
    void incompressibleDataBecomesRawBlocks() throws Exception {
        start("api=hisi_qm_v3");
        byte[] data = random(400_000);
        byte[] frame = compressOnce(data);
        assertEquals(6 + 4 * 3 + data.length, frame.length, "frame header and four raw blocks");
        assertArrayEquals(data, Zstd.decompress(frame, data.length));
    }

    @Test
    void zstdDecompressionIsNotADeviceOperation() {
        start("api=hisi_qm_v3");
        byte[] frame = Zstd.compress(TestFiles.sample("text", 10_000), 3);
        for (Device d : hardware.driver().devices()) {
            assertTrue(d.serves(Algorithm.ZSTD, Operation.COMPRESS, io.warpdrive.comp.WindowSize.W32K));
            assertFalse(d.serves(Algorithm.ZSTD, Operation.DECOMPRESS, io.warpdrive.comp.WindowSize.W32K));
        }
        try (Session s = session(3)) {
            WdException e = assertThrows(WdException.class, () -> s.decompress(frame));
            assertEquals(WdStatus.UNSUPPORTED, e.status(), e::getMessage);
        }
        WdException stream = assertThrows(WdException.class, () -> hardware.driver().openStream(Algorithm.ZSTD,
                Operation.COMPRESS, 3, io.warpdrive.comp.WindowSize.W32K));
        assertEquals(WdStatus.UNSUPPORTED, stream.status(), "no zstd streams: " + stream.getMessage());
    }

    @Test
    void v1AndV2DevicesDoNotServeZstd() {
        start(2, "api=hisi_qm_v1:hisi_qm_v2");
        for (Device d : hardware.driver().devices()) {
            assertFalse(d.algorithms().contains(Algorithm.ZSTD), d.name());
        }
        try (Session s = session(3)) {
            WdException e = assertThrows(WdException.class, () -> s.compress(TestFiles.sample("text", 1000)));
            assertEquals(WdStatus.UNSUPPORTED, e.status(), e::getMessage);
        }
        assertEquals(0, hardware.emulator().stat("hisi_zip-0", "completed"), "nothing reached the v1 device");
        assertEquals(0, hardware.emulator().stat("hisi_zip-1", "completed"), "nothing reached the v2 device");
    }

    @Test
    void anInjectedDeviceErrorFailsTheRequestAndTheNextOneWorks() {
        start("api=hisi_qm_v3");
        byte[] data = TestFiles.sample("text", 200_000);
        try (Session s = session(3)) {
            compressOnce(data);
            hardware.emulator().inject("hisi_zip-0", "error_status", 1);
            ByteBuffer src = ByteBuffer.allocateDirect(data.length).put(data).flip();
            Request r = s.newRequest().operation(Operation.COMPRESS).source(src)
                    .destination(ByteBuffer.allocateDirect(data.length + 1024));
            WdException e = assertThrows(WdException.class, () -> s.execute(r));
            assertEquals(WdStatus.DEVICE_ERROR, e.status(), e::getMessage);
            assertArrayEquals(data, Zstd.decompress(compress(s, data), data.length));
        }
    }

    @Test
    void aDestinationTooSmallIsReportedNotOverrun() {
        start("api=hisi_qm_v3");
        byte[] data = random(50_000);
        try (Session s = session(3)) {
            ByteBuffer src = ByteBuffer.allocateDirect(data.length).put(data).flip();
            ByteBuffer dst = ByteBuffer.allocateDirect(1000);
            Request r = s.newRequest().operation(Operation.COMPRESS).source(src).destination(dst);
            WdException e = assertThrows(WdException.class, () -> s.execute(r));
            assertEquals(WdStatus.OUTPUT_TOO_SMALL, e.status(), e::getMessage);
        }
    }
}
