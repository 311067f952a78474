package io.warpdrive.example.consumer;

import io.warpdrive.comp.Compressor;
import io.warpdrive.comp.SessionSpec;
import io.warpdrive.comp.stream.CompressorOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Replaces FILE with FILE.gz, compressed by the platform, all or nothing: the compressed
 * bytes go to FILE.gz.part, which is renamed to FILE.gz only once complete, and only then
 * is FILE deleted. When anything fails — the platform went away, the disk is full — the
 * partial file is removed and FILE is left as it was, so the work can simply be done again.
 */
final class FileGzipper {
    /** Suffix of the file being written; never a candidate for compression itself. */
    static final String PARTIAL_SUFFIX = ".gz.part";

    private FileGzipper() {
    }

    /** @return the size of FILE.gz */
    static long gzip(Path file, Compressor compressor, SessionSpec spec) throws IOException {
        Path target = file.resolveSibling(file.getFileName() + ".gz");
        Path partial = file.resolveSibling(file.getFileName() + PARTIAL_SUFFIX);
        if (Files.exists(target)) {
            throw new FileAlreadyExistsException(target.toString(), null, "not replacing it");
        }
        try {
            try (InputStream in = Files.newInputStream(file);
                    OutputStream sink = Files.newOutputStream(partial);
                    // The one line that differs from java.util.zip: new GZIPOutputStream(sink).
                    OutputStream gz = new CompressorOutputStream(sink, compressor, spec)) {
                in.transferTo(gz);
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(partial, e);
            throw e;
        }
        Files.delete(file);
        return Files.size(target);
    }

    private static void deleteQuietly(Path partial, Exception failure) {
        try {
            Files.deleteIfExists(partial);
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }
}
