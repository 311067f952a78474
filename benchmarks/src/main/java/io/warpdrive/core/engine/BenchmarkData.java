package io.warpdrive.core.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Request data for the benchmarks: the start of dickens from the Silesia corpus (directory
 * given by the system property {@code warpdrive.corpus}, by default {@code ../shared/corpus}).
 */
public final class BenchmarkData {
    private BenchmarkData() {
    }

    /** The first {@code length} bytes of dickens in a direct buffer, repeated if the file is shorter. */
    public static ByteBuffer dickens(int length) {
        byte[] file = load();
        ByteBuffer b = ByteBuffer.allocateDirect(length);
        while (b.hasRemaining()) {
            b.put(file, 0, Math.min(file.length, b.remaining()));
        }
        return b.flip();
    }

    private static byte[] load() {
        Path zip = Path.of(System.getProperty("warpdrive.corpus", "../shared/corpus"), "dickens.zip");
        if (!Files.isRegularFile(zip)) {
            throw new IllegalStateException("no corpus at " + zip.toAbsolutePath()
                    + ": run from the repository root or pass -Dwarpdrive.corpus=DIR to the forks (-jvmArgsAppend)");
        }
        try (InputStream file = Files.newInputStream(zip); ZipInputStream entries = new ZipInputStream(file)) {
            ZipEntry entry;
            do {
                entry = entries.getNextEntry();
            } while (entry != null && entry.isDirectory());
            if (entry == null) {
                throw new IllegalStateException(zip + " holds no file");
            }
            return entries.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
