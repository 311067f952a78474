package io.warpdrive.launcher.testload;

import io.warpdrive.admin.Platform;
import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Compressor;
import io.warpdrive.comp.FallbackPolicy;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.Session;
import io.warpdrive.comp.SessionSpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.util.tracker.ServiceTracker;

/**
 * A consumer bundle for WebConsoleIT: while it is started, one thread compresses through the
 * platform without pause, so the web console has load to chart. It starts before the drivers
 * (FileInstall deploys it early), so it first waits until a queue can take its requests.
 * WebConsoleIT packs this class into a bundle and drops it into the home's deploy/ folder.
 */
public class LoadConsumer implements BundleActivator {
    private volatile boolean running;
    private Thread thread;
    private ServiceTracker<Compressor, Compressor> tracker;
    private ServiceTracker<Platform, Platform> platforms;

    @Override
    public void start(BundleContext context) {
        tracker = new ServiceTracker<>(context, Compressor.class, null);
        tracker.open();
        platforms = new ServiceTracker<>(context, Platform.class, null);
        platforms.open();
        running = true;
        thread = new Thread(this::run, "warpdrive-testload");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop(BundleContext context) throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(10_000);
        tracker.close();
        platforms.close();
    }

    private void run() {
        byte[] data = sample(256 * 1024);
        while (running) {
            try {
                Compressor compressor = tracker.waitForService(500);
                Platform platform = platforms.waitForService(500);
                if (compressor == null || platform == null
                        || !platform.awaitQueue(Algorithm.GZIP, Operation.COMPRESS, FallbackPolicy.AUTO, Duration.ofSeconds(1))) {
                    continue;
                }
                // On the soft driver, whose load the test looks for (isal would serve AUTO where libisal is installed).
                try (Session s = compressor.openSession(SessionSpec.of(Algorithm.GZIP).withLevel(1).withDriver("soft"))) {
                    while (running) {
                        s.compress(data);
                    }
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // the platform stopping under us: wait for a queue again while running
            }
        }
    }

    /** Text-like bytes that compress about as well as prose. */
    private static byte[] sample(int length) {
        String[] words = {"accelerator", "queue", "driver", "device", "policy", "consumer", "request", "deflate",
            "the", "of", "and", "warp", "drive", "scheduler", "session", "stream"};
        StringBuilder b = new StringBuilder(length + 16);
        long x = 42;
        while (b.length() < length) {
            x = x * 6364136223846793005L + 1442695040888963407L;
            b.append(words[(int) ((x >>> 33) % words.length)]).append((x & 7) == 0 ? ".\n" : " ");
        }
        return b.substring(0, length).getBytes(StandardCharsets.US_ASCII);
    }
}
