package io.warpdrive.example.consumer;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Compressor;
import io.warpdrive.comp.SessionSpec;
import io.warpdrive.comp.WdException;
import io.warpdrive.config.ConfigurationGuard;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Gzips rotated log files: every {@code interval.seconds} it replaces each file of
 * {@code folder} whose name matches {@code pattern} (app.log.1, app.log.2, …) with its
 * .gz, one file at a time on its own thread.
 *
 * <p>How it lives with a platform that comes and goes (its bundle stopped or updated):
 * the Compressor is an optional, dynamic reference, so this component stays active when
 * the platform goes away. The file being compressed then fails cleanly — FileGzipper
 * removes the partial .gz and keeps the log — scans pause, and when a Compressor is bound
 * again a scan starts at once and does what is left. A failure inside the platform (no
 * driver yet, say) ends the scan the same way, and a scan soon after tries again. These
 * are expected conditions: they are logged as one line, never with a stack trace.
 */
@Component(configurationPid = LogCompressor.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = LogCompressorConfig.class)
public final class LogCompressor {
    static final String PID = "io.warpdrive.example.logcompressor";
    private static final long RETRY_SECONDS = 10;

    /** Package-private so that tests start the component outside a framework with their own logger. */
    @Reference(service = LoggerFactory.class)
    Logger logger;

    /** Null while there is no platform. Read once per scan: it may go away at any moment. */
    private volatile Compressor compressor;
    /** Scans run here, one at a time. */
    private final ScheduledExecutorService scanner = Executors.newSingleThreadScheduledExecutor(
            r -> new Thread(r, "example-log-compressor"));
    private volatile boolean active;
    /** A platform failure was reported and nothing has been compressed since (scan thread only). */
    private boolean platformTrouble;
    /** At most one early retry is scheduled at a time, besides the regular scans. */
    private final AtomicBoolean retryPending = new AtomicBoolean();
    private long retrySeconds;
    private Path folder;
    private PathMatcher rotated;
    private SessionSpec spec;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindCompressor(Compressor c) {
        compressor = c;
        if (active) {
            logger.info("WarpDrive is back: compressing logs in {} again", folder);
            scanner.execute(this::scan);
        }
    }

    void unbindCompressor(Compressor c) {
        if (compressor == c) {
            compressor = null;
            if (active) {
                logger.warn("WarpDrive went away: compressing logs in {} is paused until it returns", folder);
            }
        }
    }

    private final ConfigurationGuard<LogCompressorConfig> configuration =
            new ConfigurationGuard<>(LogCompressorConfig.class, PID, m -> logger.warn(m));

    @Activate
    void activate(Map<String, Object> properties) {
        LogCompressorConfig config = configuration.update(properties);
        if (config.folder() == null || config.folder().isBlank()) {
            logger.error("no folder configured (PID {}): nothing to compress", PID);
            return;
        }
        folder = Path.of(config.folder());
        rotated = folder.getFileSystem().getPathMatcher("glob:" + config.pattern());
        spec = SessionSpec.of(Algorithm.GZIP).withLevel(config.level()).withFallback(config.fallback());
        active = true;
        long interval = config.interval_seconds();
        retrySeconds = Math.min(RETRY_SECONDS, interval);
        scanner.scheduleWithFixedDelay(this::scan, 0, interval, TimeUnit.SECONDS);
        logger.info("compressing {} in {} every {} s ({})", config.pattern(), folder, interval, spec);
    }

    /** Interrupts the file in progress (it fails cleanly and is done again next time) and waits for the scan to end. */
    @Deactivate
    void deactivate() throws InterruptedException {
        active = false;
        scanner.shutdownNow();
        if (!scanner.awaitTermination(30, TimeUnit.SECONDS)) {
            logger.warn("the scan of {} did not end within 30 s", folder);
        }
    }

    private void scan() {
        Compressor c = compressor;
        if (c == null) {
            return; // bindCompressor starts a scan when the platform is back
        }
        for (Path file : rotatedLogs()) {
            if (Thread.currentThread().isInterrupted()) {
                return; // deactivating
            }
            try {
                long size = Files.size(file);
                long compressed = FileGzipper.gzip(file, c, spec);
                logger.info("{}: {} -> {} bytes", file.getFileName(), size, compressed);
                platformTrouble = false;
            } catch (IOException e) {
                // The streams' failures carry the platform's WdException as their cause.
                if (e.getCause() instanceof WdException) {
                    platformFailed(file, e);
                    return; // not this file's fault: the others would fail as well
                }
                logger.warn("{} not compressed, will try again: {}", file.getFileName(), e.toString());
            } catch (RuntimeException e) {
                // A bug, not a condition to expect: with its stack trace, and the scans go on.
                logger.error("{} not compressed", file.getFileName(), e);
            }
        }
    }

    /**
     * The platform could not serve (no driver yet while the framework starts, a driver
     * gone): a warning the first time, debug messages while it lasts, and another try soon
     * rather than a whole interval later.
     */
    private void platformFailed(Path file, IOException e) {
        if (platformTrouble) {
            logger.debug("{} not compressed, will try again: {}", file.getFileName(), e.getMessage());
        } else {
            logger.warn("{} not compressed, will try again: {}", file.getFileName(), e.getMessage());
            platformTrouble = true;
        }
        if (active && retryPending.compareAndSet(false, true)) {
            scanner.schedule(() -> {
                retryPending.set(false);
                scan();
            }, retrySeconds, TimeUnit.SECONDS);
        }
    }

    private List<Path> rotatedLogs() {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(this::isRotatedLog).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            logger.warn("cannot list {}: {}", folder, e.toString());
            return List.of();
        }
    }

    private boolean isRotatedLog(Path file) {
        String name = file.getFileName().toString();
        return rotated.matches(file.getFileName()) && !name.endsWith(".gz")
                && !name.endsWith(FileGzipper.PARTIAL_SUFFIX) && Files.isRegularFile(file);
    }
}
