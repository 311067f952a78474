package io.warpdrive.driver.hisi_zip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** A command-line decoder (the {@code zstd} or {@code lz4} tool) reading a frame from stdin; skipped when not installed. */
final class DecoderTool {
    private DecoderTool() {
    }

    /** What {@code /usr/bin/<tool> -d -c -q} writes for {@code frame}; the test fails when the tool refuses it. */
    static byte[] decompress(String tool, byte[] frame) throws IOException, InterruptedException {
        Path exe = Path.of("/usr/bin", tool);
        Assumptions.assumeTrue(Files.isExecutable(exe), "the " + tool + " tool is installed");
        Process p = new ProcessBuilder(exe.toString(), "-d", "-c", "-q").start();
        // write and read at once: a large frame would fill both pipes
        Thread feeder = new Thread(() -> {
            try (OutputStream in = p.getOutputStream()) {
                in.write(frame);
            } catch (IOException e) {
                // the tool stopped reading: its exit status says why
            }
        });
        feeder.start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream o = p.getInputStream()) {
            o.transferTo(out);
        }
        feeder.join();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        String err = new String(p.getErrorStream().readAllBytes());
        assertEquals(0, p.exitValue(), () -> tool + " -d: " + err);
        return out.toByteArray();
    }
}
