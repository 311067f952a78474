package io.warpdrive.sched.coordinator;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.service.log.Logger;

/** The coordinator's log: the OSGi Logger in a framework, nothing in plain unit tests. */
final class CoordinatorLog {
    static final CoordinatorLog NONE = new CoordinatorLog(null);

    private final Logger logger;
    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    CoordinatorLog(Logger logger) {
        this.logger = logger;
    }

    void info(String message) {
        if (logger != null) {
            logger.info(message);
        }
    }

    void warn(String message) {
        if (logger != null) {
            logger.warn(message);
        }
    }

    /** Warns the first time {@code key} is reported until {@link #clear}. */
    void warnOnce(String key, String message) {
        if (reported.add(key)) {
            warn(message);
        }
    }

    void clear(String key) {
        reported.remove(key);
    }
}
