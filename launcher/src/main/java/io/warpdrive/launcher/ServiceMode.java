package io.warpdrive.launcher;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * The platform as a service ({@code --service}, or no command with standard input on
 * {@code /dev/null} as under systemd, nohup or a container without a terminal): no console,
 * everything logged to {@link ServiceLog}, up until SIGTERM or SIGINT. Then the framework is
 * stopped, which drains the work: consumer bundles stop before the drivers, and a driver
 * completes what it accepted before its queues close. The stop is bounded ({@code --drain},
 * default {@link #DEFAULT_DRAIN}).
 *
 * <p>Exit status: {@link ExitCodes#OK} stopped on a signal within the bound;
 * {@link ExitCodes#STOP_TIMEOUT} the framework had not stopped when the bound ran out (requests
 * still in flight may be lost); {@link ExitCodes#FAILURE} it could not start, or the framework
 * stopped without being asked to.
 */
final class ServiceMode {

    static final Duration DEFAULT_DRAIN = Duration.ofSeconds(30);
    /** The line a service logs once it serves; tests and scripts may wait for it. */
    static final String RUNNING = "WarpDrive is running as a service";
    /** The line a service logs after a clean stop. */
    static final String STOPPED = "stopped cleanly";

    private final Launcher launcher;
    private final Options options;
    private final HomeLayout layout;
    private final java.io.PrintStream console;

    ServiceMode(Launcher launcher, Options options, HomeLayout layout, java.io.PrintStream console) {
        this.launcher = launcher;
        this.options = options;
        this.layout = layout;
        this.console = console;
    }

    /**
     * True when standard input is {@code /dev/null} (also opened write-only, as nohup does) or
     * closed: nobody can type into a console, so no command means the service. Linux only
     * (/proc); elsewhere false.
     */
    static boolean stdinIsNull() {
        Path fd0 = Path.of("/proc/self/fd/0");
        if (!Files.isDirectory(Path.of("/proc/self/fd"))) {
            return false;
        }
        try {
            return Files.isSameFile(fd0, Path.of("/dev/null"));
        } catch (NoSuchFileException closed) {
            return true;
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    int run() throws LauncherException {
        launcher.createHome();
        Duration drain = options.drain() == null ? DEFAULT_DRAIN : options.drain();
        try (ServiceLog log = ServiceLog.open(options.log(), layout, System.out);
                HomeLock lock = HomeLock.acquire(layout)) {
            if (log.file() != null) {
                console.println("warpdrive: running as a service, home " + layout.home() + "; log: " + log.file());
                console.flush();
            }
            Map<String, String> props = launcher.frameworkProperties(layout.cache());
            WebConsoleSetup web = WebConsoleSetup.resolve(options, layout.conf(), true);
            if (web != null) {
                web.checkPortFree();
            }
            AtomicReference<String> signal = new AtomicReference<>();
            CountDownLatch ended = new CountDownLatch(1);
            Signals.on(name -> {
                if (signal.compareAndSet(null, "SIG" + name)) {
                    ended.countDown();
                } else {
                    log.line("SIG" + name + " while stopping: still draining");
                }
            }, "TERM", "INT");

            Platform platform;
            try {
                platform = Platform.boot(Launcher.web(props, web), Launcher.bundleSets(web), log.stream(),
                        options.verbose(), b -> false);
            } catch (LauncherException e) {
                log.line("could not start: " + e.getMessage());
                throw e;
            }
            Thread watcher = new Thread(() -> {
                try {
                    platform.awaitStop();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                ended.countDown();
            }, "warpdrive-framework-watch");
            watcher.setDaemon(true);
            watcher.start();

            CommandSocket commands = CommandSocket.openIfEnabled(layout, platform, options.emulate(), log.stream());
            log.line(RUNNING + ", home " + layout.home() + ", pid " + ProcessHandle.current().pid()
                    + (web == null ? "" : ", web console " + web.url())
                    + (commands == null ? "" : ", one-shot commands on " + commands.path()) + "; SIGTERM stops it");
            try {
                ended.await();
            } finally {
                if (commands != null) {
                    commands.close(); // no new command while the platform drains
                }
            }
            if (signal.get() == null) {
                log.line("the OSGi framework stopped without a stop signal; exit " + ExitCodes.FAILURE);
                return ExitCodes.FAILURE;
            }
            long inFlight = requestsInFlight();
            log.line("stopping on " + signal.get() + ": draining "
                    + (inFlight < 0 ? "the requests in flight" : inFlight + " requests in flight")
                    + " (at most " + drain.toSeconds() + " s)");
            long t0 = System.nanoTime();
            if (platform.stop(drain)) {
                log.line(STOPPED + " in " + Duration.ofNanos(System.nanoTime() - t0).toMillis() + " ms; exit " + ExitCodes.OK);
                return ExitCodes.OK;
            }
            log.line("not stopped within " + drain.toSeconds() + " s: requests still in flight may be lost; exit "
                    + ExitCodes.STOP_TIMEOUT);
            return ExitCodes.STOP_TIMEOUT;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCodes.FAILURE;
        }
    }

    /**
     * Requests in flight on every driver, from the platform's MBeans (io.warpdrive:type=Driver),
     * or -1 when they are not there.
     */
    static long requestsInFlight() {
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            long sum = 0;
            var names = server.queryNames(new ObjectName("io.warpdrive:type=Driver,*"), null);
            if (names.isEmpty()) {
                return -1;
            }
            for (ObjectName n : names) {
                sum += ((Number) server.getAttribute(n, "InFlight")).longValue();
            }
            return sum;
        } catch (JMException | RuntimeException e) {
            return -1;
        }
    }
}
