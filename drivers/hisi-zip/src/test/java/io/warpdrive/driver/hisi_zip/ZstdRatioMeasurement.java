package io.warpdrive.driver.hisi_zip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import com.github.luben.zstd.Zstd;
import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Compressor;
import io.warpdrive.comp.FallbackPolicy;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.Request;
import io.warpdrive.comp.Session;
import io.warpdrive.comp.SessionSpec;
import io.warpdrive.testing.platform.TestPlatform;
import io.warpdrive.testing.data.TestFiles;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The compression ratio of zstd on an emulated v3 device (the emulator's greedy LZ77, the
 * driver's raw literals and predefined FSE tables) against zstd-jni on the same 128 KiB
 * requests at levels 1 and 3, for each generated test file and the Silesia files present.
 * Runs only when asked for: {@code -Dtest=ZstdRatioMeasurement}.
 */
class ZstdRatioMeasurement {
    private static final int REQUEST = 128 << 10;

    @Test
    void ratioAgainstZstdJni() throws Exception {
        try (UacceDriverUnderTest hw = UacceDriverUnderTest.emulating(1, "api=hisi_qm_v3", Map.of());
                TestPlatform platform = TestPlatform.builder().build()) {
            platform.bind(hw.driver());
            Compressor c = platform.compressorFor("zstd-ratio");
            System.out.println("file                   bytes  device(l3) device(l19) zstd-jni l1 zstd-jni l3");
            for (String file : TestFiles.all()) {
                byte[] data = TestFiles.file(file);
                long d3 = device(c, data, 3);
                long d19 = device(c, data, 19);
                long z1 = library(data, 1);
                long z3 = library(data, 3);
                System.out.println(String.format(Locale.ROOT, "%-20s %9d %10.3f %10.3f %10.3f %10.3f", file,
                        data.length, ratio(data, d3), ratio(data, d19), ratio(data, z1), ratio(data, z3)));
            }
        }
    }

    private static double ratio(byte[] data, long compressed) {
        return (double) data.length / compressed;
    }

    private static long device(Compressor c, byte[] data, int level) {
        long total = 0;
        try (Session s = c.openSession(SessionSpec.of(Algorithm.ZSTD).withLevel(level)
                .withFallback(FallbackPolicy.HARDWARE_ONLY))) {
            ByteBuffer src = ByteBuffer.allocateDirect(REQUEST);
            ByteBuffer dst = ByteBuffer.allocateDirect(REQUEST + 1024);
            for (int at = 0; at < data.length; at += REQUEST) {
                int n = Math.min(REQUEST, data.length - at);
                src.clear();
                src.put(data, at, n).flip();
                dst.clear();
                Request r = s.newRequest().operation(Operation.COMPRESS).source(src).destination(dst);
                s.execute(r);
                total += r.produced();
                if (at == 0) { // spot check
                    byte[] frame = new byte[(int) r.produced()];
                    dst.flip().get(frame);
                    assertArrayEquals(Arrays.copyOfRange(data, 0, n), Zstd.decompress(frame, n));
                }
            }
        }
        return total;
    }

    private static long library(byte[] data, int level) {
        long total = 0;
        for (int at = 0; at < data.length; at += REQUEST) {
            total += Zstd.compress(Arrays.copyOfRange(data, at, Math.min(data.length, at + REQUEST)), level).length;
        }
        return total;
    }
}
