package io.warpdrive.shell;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogLevel;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogReaderService;

/**
 * Shows the Log service's entries on the console (stderr) from a level up: warnings and
 * errors by default, everything from INFO with the framework property
 * {@code warpdrive.log.level=INFO} (set by {@code warpdrive.jar -v}). Stack traces only
 * for errors.
 */
@Component(immediate = true)
public final class ConsoleLog implements LogListener {
    static final String LEVEL_PROPERTY = "warpdrive.log.level";

    @Reference
    private LogReaderService reader;

    private final PrintStream err = System.err;
    private LogLevel threshold = LogLevel.WARN;

    @Activate
    void activate(BundleContext context) {
        String level = context.getProperty(LEVEL_PROPERTY);
        if (level != null) {
            try {
                threshold = LogLevel.valueOf(level.trim().toUpperCase());
            } catch (IllegalArgumentException e) {
                err.println("[WARN] " + LEVEL_PROPERTY + "=" + level + " is not a log level; showing warnings");
            }
        }
        // Entries logged before this bundle started, oldest first.
        List<LogEntry> earlier = new ArrayList<>();
        for (Enumeration<LogEntry> e = reader.getLog(); e.hasMoreElements();) {
            earlier.add(e.nextElement());
        }
        Collections.reverse(earlier);
        reader.addLogListener(this);
        for (LogEntry entry : earlier) {
            logged(entry);
        }
    }

    @Deactivate
    void deactivate() {
        reader.removeLogListener(this);
    }

    @Override
    public void logged(LogEntry entry) {
        if (!threshold.implies(entry.getLogLevel())) {
            return;
        }
        String source = entry.getBundle() == null ? "framework" : entry.getBundle().getSymbolicName();
        err.println("[" + entry.getLogLevel() + "] " + source + ": " + entry.getMessage());
        if (entry.getException() != null && entry.getLogLevel() == LogLevel.ERROR) {
            entry.getException().printStackTrace(err);
        }
    }
}
