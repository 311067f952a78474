package io.warpdrive.launcher;

import java.io.PrintStream;

import org.apache.felix.framework.Logger;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.ServiceReference;

/**
 * Felix's own messages (resolver errors, bundle start failures), sent to stderr instead of
 * Felix's default stdout, where they would mix with a command's output (e.g. compressed data).
 * Installed through the framework configuration key {@code felix.log.logger}; the level is
 * {@code felix.log.level}. Stack traces only in verbose mode.
 */
final class FrameworkLog extends Logger {

    private final PrintStream err;
    private final boolean verbose;

    FrameworkLog(PrintStream err, boolean verbose) {
        this.err = err;
        this.verbose = verbose;
    }

    @Override
    protected void doLog(Bundle bundle, ServiceReference sr, int level, String msg, Throwable throwable) {
        String label = switch (level) {
            case LOG_ERROR -> "ERROR";
            case LOG_WARNING -> "WARNING";
            case LOG_INFO -> "INFO";
            default -> "DEBUG";
        };
        StringBuilder line = new StringBuilder("framework ").append(label).append(": ").append(msg);
        Throwable cause = throwable;
        if (cause instanceof BundleException be && be.getCause() != null) {
            cause = be.getCause();
        }
        if (cause != null && !verbose) {
            line.append(" (").append(cause).append(')');
        }
        synchronized (err) {
            err.println(line);
            if (cause != null && verbose) {
                cause.printStackTrace(err);
            }
        }
    }
}
