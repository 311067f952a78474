package io.warpdrive.launcher;

import java.time.Duration;
import java.util.function.ToIntFunction;

import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Client side of the CLI protocol between the launcher and the shell bundle.
 *
 * <p>The shell bundle registers a service under the interface name
 * {@code java.util.function.ToIntFunction} with the service property
 * {@code warpdrive.cli=true}. {@code applyAsInt} takes a {@code String[]} (the command name
 * followed by its arguments) and returns the exit code; the command reads System.in and writes
 * System.out / System.err itself. Or it takes a {@code Map<String, Object>} for a command with
 * streams of its own ({@link CommandSocket}): {@code args} ({@code String[]}), {@code in}
 * ({@code InputStream}), {@code out} and {@code err} ({@code OutputStream}), {@code directory}
 * (the absolute directory relative file names are resolved against), {@code stdoutTerminal} and
 * {@code console} ({@code Boolean}: the client's stdout and stderr are terminals). Only java.*
 * types cross the boundary, so the launcher (on the class path, outside OSGi) and the bundle share
 * no class of their own.
 */
final class CliClient implements AutoCloseable {

    static final String FILTER = "(&(objectClass=" + ToIntFunction.class.getName() + ")(warpdrive.cli=true))";

    private final ServiceTracker<Object, Object> tracker;

    CliClient(BundleContext systemContext) {
        try {
            tracker = new ServiceTracker<>(systemContext, FrameworkUtil.createFilter(FILTER), null);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        tracker.open(true);
    }

    /**
     * Waits at most {@code timeout} for the CLI service.
     *
     * @return the service, or null if none appeared
     */
    @SuppressWarnings("unchecked")
    ToIntFunction<Object> await(Duration timeout) throws InterruptedException {
        Object service = tracker.waitForService(Math.max(1, timeout.toMillis()));
        if (service == null) {
            return null;
        }
        if (!(service instanceof ToIntFunction)) {
            throw new IllegalStateException("the CLI service " + service.getClass().getName() + " is not a ToIntFunction");
        }
        return (ToIntFunction<Object>) service;
    }

    /** Runs one command line through the CLI service and returns its exit code. */
    static int run(ToIntFunction<Object> cli, String... commandLine) {
        return cli.applyAsInt(commandLine);
    }

    @Override
    public void close() {
        tracker.close();
    }
}
