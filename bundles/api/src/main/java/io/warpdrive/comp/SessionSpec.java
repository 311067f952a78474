package io.warpdrive.comp;

import java.time.Duration;
import java.util.Objects;

/**
 * Immutable settings of a session ({@code wd_comp_sess_setup} plus what the scheduler
 * should know): algorithm, level, window, fallback policy, priority within the
 * caller's class, back-pressure, timeout, NUMA hint, context tag, driver, output limit and
 * zstd/LZ4 frame options.
 * Every {@code with} method refuses a bad value (null included) with
 * {@link WdException} INVALID_ARGUMENT.
 *
 * <pre>{@code
 * SessionSpec spec = SessionSpec.of(Algorithm.GZIP).withLevel(1).withFallback(FallbackPolicy.AUTO);
 * }</pre>
 */
public final class SessionSpec {
    /** Level used when none is given for the deflate family (zlib's default); see {@link Algorithm#defaultLevel()}. */
    public static final int DEFAULT_LEVEL = 6;
    /** The deflate family's lowest level; see {@link Algorithm#minLevel()} for the others. */
    public static final int MIN_LEVEL = 1;
    /** The deflate family's highest level; see {@link Algorithm#maxLevel()} for the others. */
    public static final int MAX_LEVEL = 9;
    /** Stands for "no level given": {@link #level()} is then the algorithm's default. */
    private static final int UNSET = Integer.MIN_VALUE;

    private final Algorithm algorithm;
    private final int level;
    private final WindowSize window;
    private final FallbackPolicy fallback;
    private final Priority priority;
    private final Backpressure backpressure;
    private final Duration timeout;
    private final int numaNode;
    private final String contextTag;
    private final String driver;
    private final long outputLimit;
    private final FrameOptions frame;

    private SessionSpec(Algorithm algorithm, int level, WindowSize window, FallbackPolicy fallback,
            Priority priority, Backpressure backpressure, Duration timeout, int numaNode, String contextTag,
            String driver, long outputLimit, FrameOptions frame) {
        this.algorithm = algorithm;
        this.level = level;
        this.window = window;
        this.fallback = fallback;
        this.priority = priority;
        this.backpressure = backpressure;
        this.timeout = timeout;
        this.numaNode = numaNode;
        this.contextTag = contextTag;
        this.driver = driver;
        this.outputLimit = outputLimit;
        this.frame = frame;
    }

    /** Defaults: the algorithm's default level (6 for the deflate family), 32 KiB window, AUTO, LOW priority, WAIT, the platform's timeout, caller's node and output limits. */
    public static SessionSpec of(Algorithm algorithm) {
        if (algorithm == null) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, "algorithm is required");
        }
        return new SessionSpec(algorithm, UNSET, WindowSize.W32K, FallbackPolicy.AUTO, Priority.LOW,
                Backpressure.WAIT, null, -1, null, null, 0, FrameOptions.DEFAULT);
    }

    public Algorithm algorithm() {
        return algorithm;
    }

    /**
     * Compression level, in the algorithm's range ({@link Algorithm#minLevel()} fastest to
     * {@link Algorithm#maxLevel()} smallest: 1 to 9 for the deflate family); the algorithm's
     * {@linkplain Algorithm#defaultLevel() default} when none was given.
     */
    public int level() {
        return level == UNSET ? algorithm.defaultLevel() : level;
    }

    public WindowSize window() {
        return window;
    }

    public FallbackPolicy fallback() {
        return fallback;
    }

    public Priority priority() {
        return priority;
    }

    public Backpressure backpressure() {
        return backpressure;
    }

    /** Bound on waiting for capacity; null means the platform's configured default. */
    public Duration timeout() {
        return timeout;
    }

    /** NUMA node to serve close to; -1 means the caller's own node where the platform can tell. */
    public int numaNode() {
        return numaNode;
    }

    /** Free-form tag a scheduling policy may group requests by (a scheduling context); may be null. */
    public String contextTag() {
        return contextTag;
    }

    /**
     * Another algorithm. A level given before stays (and must be one of the new algorithm's);
     * otherwise the level is the new algorithm's default.
     *
     * @throws WdException INVALID_ARGUMENT when a level was given that the new algorithm does not have
     */
    public SessionSpec withAlgorithm(Algorithm value) {
        if (level != UNSET) {
            checkLevel(required(value, "algorithm"), level);
        }
        frame.checkFor(required(value, "algorithm"));
        return new SessionSpec(required(value, "algorithm"), level, window, fallback, priority,
                backpressure, timeout, numaNode, contextTag, driver, outputLimit, frame);
    }

    /**
     * @throws WdException INVALID_ARGUMENT when the level is not one of the algorithm's (1..9
     *         for the deflate family; see {@link Algorithm})
     */
    public SessionSpec withLevel(int value) {
        checkLevel(algorithm, value);
        return new SessionSpec(algorithm, value, window, fallback, priority, backpressure, timeout, numaNode,
                contextTag, driver, outputLimit, frame);
    }

    public SessionSpec withWindow(WindowSize value) {
        return new SessionSpec(algorithm, level, required(value, "window"), fallback, priority,
                backpressure, timeout, numaNode, contextTag, driver, outputLimit, frame);
    }

    public SessionSpec withFallback(FallbackPolicy value) {
        return new SessionSpec(algorithm, level, window, required(value, "fallback policy"), priority,
                backpressure, timeout, numaNode, contextTag, driver, outputLimit, frame);
    }

    public SessionSpec withPriority(Priority value) {
        return new SessionSpec(algorithm, level, window, fallback, required(value, "priority"),
                backpressure, timeout, numaNode, contextTag, driver, outputLimit, frame);
    }

    public SessionSpec withBackpressure(Backpressure value) {
        return new SessionSpec(algorithm, level, window, fallback, priority,
                required(value, "back-pressure"), timeout, numaNode, contextTag, driver, outputLimit, frame);
    }

    /** @throws WdException INVALID_ARGUMENT for a negative duration */
    public SessionSpec withTimeout(Duration value) {
        if (value != null && value.isNegative()) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, "negative timeout " + value);
        }
        return new SessionSpec(algorithm, level, window, fallback, priority, backpressure, value, numaNode,
                contextTag, driver, outputLimit, frame);
    }

    public SessionSpec withNumaNode(int value) {
        if (value < -1) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, "NUMA node " + value + " (use -1 for the caller's)");
        }
        return new SessionSpec(algorithm, level, window, fallback, priority, backpressure, timeout, value,
                contextTag, driver, outputLimit, frame);
    }

    public SessionSpec withContextTag(String value) {
        return new SessionSpec(algorithm, level, window, fallback, priority, backpressure, timeout, numaNode,
                value, driver, outputLimit, frame);
    }

    /** The driver (by name) requests must be served by, or null for any the fallback policy allows. */
    public String driver() {
        return driver;
    }

    /** Serves requests on this driver only (by name, e.g. {@code soft}); null lifts the restriction. */
    public SessionSpec withDriver(String value) {
        return new SessionSpec(algorithm, level, window, fallback, priority, backpressure, timeout, numaNode,
                contextTag, value == null || value.isBlank() ? null : value.trim(), outputLimit, frame);
    }

    /**
     * The most output, in bytes, one request of a stateless session may produce, or one
     * stream may produce over all its requests; 0 means the platform's limits
     * ({@code output.limit.mb} per request, {@code stream.output.limit.mb} per stream).
     * The guard against decompression bombs: exceeding it fails the request with
     * {@link WdStatus#OUTPUT_LIMIT_EXCEEDED} (and breaks the stream).
     *
     * @since 1.1
     */
    public long outputLimit() {
        return outputLimit;
    }

    /**
     * Limits the output of each request (stateless session) or of the whole stream (stream
     * session) to {@code bytes}; 0 restores the platform's limits. The platform's limits
     * stay the ceiling: a session can only lower them.
     *
     * @throws WdException INVALID_ARGUMENT for a negative value
     * @since 1.1
     */
    public SessionSpec withOutputLimit(long bytes) {
        if (bytes < 0) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, "negative output limit " + bytes);
        }
        return new SessionSpec(algorithm, level, window, fallback, priority, backpressure, timeout, numaNode,
                contextTag, driver, bytes, frame);
    }

    /**
     * How zstd and LZ4 frames are written; {@link FrameOptions#DEFAULT} unless asked otherwise.
     *
     * @since 1.5
     */
    public FrameOptions frame() {
        return frame;
    }

    /**
     * Frame options for a zstd or LZ4 session (stateless or stream): only drivers that honour
     * them serve it, and a driver that cannot is not picked; with none left a request fails
     * {@link WdStatus#NO_DRIVER}.
     *
     * @throws WdException INVALID_ARGUMENT for null, or options that do not apply to the
     *         session's algorithm (any but the default for the deflate family; a window log for LZ4)
     * @since 1.5
     */
    public SessionSpec withFrame(FrameOptions value) {
        required(value, "frame options").checkFor(algorithm);
        return new SessionSpec(algorithm, level, window, fallback, priority, backpressure, timeout, numaNode,
                contextTag, driver, outputLimit, value);
    }

    private static void checkLevel(Algorithm algorithm, int value) {
        if (!algorithm.isLevel(value)) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, "level " + value + " is not a " + algorithm.uadkName()
                    + " level (" + algorithm.minLevel() + ".." + algorithm.maxLevel()
                    + (algorithm.minLevel() < 0 ? ", not 0" : "") + ")");
        }
    }

    private static <T> T required(T value, String what) {
        if (value == null) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, what + " is required");
        }
        return value;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof SessionSpec)) {
            return false;
        }
        SessionSpec s = (SessionSpec) o;
        return algorithm == s.algorithm && level() == s.level() && window == s.window && fallback == s.fallback
                && priority == s.priority && backpressure == s.backpressure && Objects.equals(timeout, s.timeout)
                && numaNode == s.numaNode && Objects.equals(contextTag, s.contextTag) && Objects.equals(driver, s.driver)
                && outputLimit == s.outputLimit && frame.equals(s.frame);
    }

    @Override
    public int hashCode() {
        return Objects.hash(algorithm, level(), window, fallback, priority, backpressure, timeout, numaNode,
                contextTag, driver, outputLimit, frame);
    }

    @Override
    public String toString() {
        return algorithm.uadkName() + " level " + level() + " window " + window + " " + fallback + " " + priority
                + (contextTag == null ? "" : " context " + contextTag) + (driver == null ? "" : " on " + driver)
                + (outputLimit == 0 ? "" : " output limit " + outputLimit) + (frame.isDefault() ? "" : " frame " + frame);
    }
}
