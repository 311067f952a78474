package io.warpdrive.example.consumer;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Compressor;
import io.warpdrive.comp.SessionSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code example:gzip FILE} in the Gogo shell: replaces FILE with FILE.gz.
 *
 * <p>The simplest way to use the platform: a static, mandatory reference. The command
 * exists only while a Compressor does; when the platform goes away, DS withdraws the
 * command, and brings it back with the platform. Nothing else to handle.
 */
@Component(service = GzipCommand.class,
        property = { "osgi.command.scope=example", "osgi.command.function=gzip" })
public final class GzipCommand {

    @Reference
    private Compressor compressor;

    /** Compresses FILE (an absolute path, or relative to the framework's working directory). */
    public String gzip(String file) throws IOException {
        Path source = Path.of(file).toAbsolutePath();
        long size = Files.size(source);
        long compressed = FileGzipper.gzip(source, compressor, SessionSpec.of(Algorithm.GZIP));
        return source + ".gz: " + size + " -> " + compressed + " bytes";
    }
}
