package io.warpdrive.core.engine;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.service.log.Logger;

/**
 * The engine's log: the OSGi Log Service's Logger inside a framework, standard error in
 * plain unit tests. Also remembers which conditions were already reported, so an
 * expected condition that repeats (a missing policy, a faulty one) is logged once.
 */
public final class EngineLog {
    private volatile Logger logger;
    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    /** Sets where messages go (null: standard error for warnings and errors only). */
    void use(Logger value) {
        this.logger = value;
    }

    public void debug(String message) {
        Logger logger = this.logger;
        if (logger != null) {
            logger.debug(message);
        }
    }

    public void info(String message) {
        Logger logger = this.logger;
        if (logger != null) {
            logger.info(message);
        }
    }

    public void warn(String message) {
        Logger logger = this.logger;
        if (logger != null) {
            logger.warn(message);
        } else {
            System.err.println("WARN  " + message);
        }
    }

    public void error(String message, Throwable cause) {
        Logger logger = this.logger;
        if (logger != null) {
            logger.error(message, cause);
        } else {
            System.err.println("ERROR " + message + ": " + cause);
        }
    }

    /** Logs a warning the first time {@code key} is reported since the last {@link #clear(String)}. */
    public void warnOnce(String key, String message) {
        if (reported.add(key)) {
            warn(message);
        }
    }

    /** Logs at info level the first time {@code key} is reported since the last {@link #clear(String)}. */
    public void infoOnce(String key, String message) {
        if (reported.add(key)) {
            info(message);
        }
    }

    /** Allows {@code key} to be reported again (the condition went away). */
    public void clear(String key) {
        reported.remove(key);
    }
}
