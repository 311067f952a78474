package io.warpdrive.shell;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.admin.ModelInfo;
import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Operation;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code wd:models}: each engine's estimates side by side, its last calibration, the crossovers and refusals. */
class ModelReportTest {

    @Test
    void showsEstimatesCalibrationsCrossoversAndRefusals() {
        ModelInfo isal = model("isal", "cpu0", 1_733_450_400_000L, null, 8_000, 12);
        ModelInfo hisi = model("hisi_zip", "hisi_zip-0", 0, "self-test: wrong output", -1, 2);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelReport.print(new PrintStream(bytes, true, StandardCharsets.UTF_8), List.of(isal, hisi),
                List.of("gzip compress fast sync: isal/cpu0 up to 16 KiB, hisi_zip/hisi_zip-0 above"));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("gzip compress, fast (levels 1-3), sync: predicted µs, MB/s (samples, confidence)"), out);
        assertTrue(out.matches("(?s).*4 KiB\\s+8\\.0 µs, 512 MB/s \\(12, 0\\.50\\)\\s+learning \\(2\\).*"), out);
        assertTrue(out.contains("isal/cpu0 2024-12-06T02:00:00Z"), out);
        assertTrue(out.contains("hisi_zip/hisi_zip-0 none (learning from its traffic)"), out);
        assertTrue(out.contains("  gzip compress fast sync: isal/cpu0 up to 16 KiB, hisi_zip/hisi_zip-0 above"), out);
        assertTrue(out.contains("hisi_zip/hisi_zip-0 gets no traffic: self-test: wrong output"), out);
    }

    @Test
    void saysSoWhenNothingIsKnown() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelReport.print(new PrintStream(bytes, true, StandardCharsets.UTF_8), List.of(), List.of());
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.startsWith("no engine has served a request yet"), out);
        assertTrue(out.contains("crossovers: none yet"), out);
    }

    /** An engine that knows 4 KiB gzip compressions at levels 1-3 only. */
    private static ModelInfo model(String driver, String device, long calibrated, String refused, long nanos,
            long samples) {
        InvocationHandler h = (self, m, a) -> {
            boolean known = a != null && a.length >= 4 && a[0] == Operation.COMPRESS && a[1] == Algorithm.GZIP
                    && (int) a[2] <= 3 && (long) a[3] == 4096;
            switch (m.getName()) {
                case "driver": return driver;
                case "device": return device;
                case "hardware": return false;
                case "lastCalibrationMillis": return calibrated;
                case "refused": return refused;
                case "samples": return known ? samples : 0L;
                case "predictNanos": return known ? nanos : -1L;
                case "confidence": return known ? 0.5 : 0.0;
                case "hashCode": return System.identityHashCode(self);
                case "equals": return self == a[0];
                default:
                    if (m.isDefault()) {
                        return InvocationHandler.invokeDefault(self, m, a);
                    }
                    throw new UnsupportedOperationException(m.getName());
            }
        };
        return (ModelInfo) Proxy.newProxyInstance(ModelInfo.class.getClassLoader(), new Class<?>[] {ModelInfo.class}, h);
    }
}
