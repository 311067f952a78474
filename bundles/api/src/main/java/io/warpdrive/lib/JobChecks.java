package io.warpdrive.lib;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Flush;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.SgList;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.comp.WindowSize;
import java.nio.ByteBuffer;
import java.util.Locale;

/**
 * The checks a driver makes on a job or stream before touching any state, so that a
 * request it cannot serve fails with a clear status (INVALID_ARGUMENT, UNSUPPORTED) and the
 * same message on every driver, instead of an exception of the codec underneath.
 *
 * @since 1.3
 */
public final class JobChecks {
    /** The platform's compression levels. */
    public static final int MIN_LEVEL = 1;
    public static final int MAX_LEVEL = 9;

    private JobChecks() {
    }

    /** @throws WdException INVALID_ARGUMENT without an algorithm or operation */
    public static void checkKind(Algorithm algorithm, Operation operation) {
        if (algorithm == null) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, "no algorithm given");
        }
        if (operation == null) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, "no operation given");
        }
    }

    /**
     * {@link #checkKind(Algorithm, Operation)}, and an algorithm the driver serves.
     *
     * @throws WdException UNSUPPORTED for an algorithm outside {@link DriverInfo#algorithms()}
     */
    public static void checkKind(DriverInfo driver, Algorithm algorithm, Operation operation) {
        checkKind(algorithm, operation);
        if (!driver.algorithms().contains(algorithm)) {
            StringBuilder served = new StringBuilder();
            for (Algorithm a : Algorithm.values()) { // the enum's order: the record's set has none
                if (driver.algorithms().contains(a)) {
                    served.append(served.length() == 0 ? "" : ", ").append(a.uadkName());
                }
            }
            throw new WdException(WdStatus.UNSUPPORTED, "the " + driver.name() + " driver serves " + served + ", not "
                    + algorithm.uadkName());
        }
    }

    /** @throws WdException INVALID_ARGUMENT for a level the algorithm does not have ({@link Algorithm#isLevel}) */
    public static void checkLevel(Algorithm algorithm, int level) {
        if (!algorithm.isLevel(level)) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, algorithm.uadkName() + " level " + level + " outside "
                    + algorithm.minLevel() + ".." + algorithm.maxLevel());
        }
    }

    /** @throws WdException INVALID_ARGUMENT for a level outside {@value #MIN_LEVEL}..{@value #MAX_LEVEL} */
    public static void checkLevel(int level) {
        if (level < MIN_LEVEL || level > MAX_LEVEL) {
            throw new WdException(WdStatus.INVALID_ARGUMENT,
                    "compression level " + level + " outside " + MIN_LEVEL + ".." + MAX_LEVEL);
        }
    }

    /**
     * A compression window the driver compresses with ({@link DriverInfo#compressionWindows()}):
     * a caller that asks for less (for a decoder with less memory) must not silently get a
     * stream its decoder cannot read. Decompression takes any window.
     *
     * @throws WdException INVALID_ARGUMENT without a window, UNSUPPORTED for one the driver
     *         does not compress with
     */
    public static void checkCompressionWindow(DriverInfo driver, WindowSize window) {
        if (window == null) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, "no window given");
        }
        if (!driver.compressionWindows().contains(window)) {
            StringBuilder windows = new StringBuilder();
            for (WindowSize w : WindowSize.values()) {
                if (driver.compressionWindows().contains(w)) {
                    windows.append(windows.length() == 0 ? "" : ", ").append(w.bytes() / 1024);
                }
            }
            throw new WdException(WdStatus.UNSUPPORTED, "the " + driver.name() + " driver compresses with a "
                    + windows + " KiB window only; " + window + " was requested");
        }
    }

    /** @throws WdException INVALID_ARGUMENT for a missing list, a read-only destination or a negative limit */
    public static void checkBuffers(SgList source, SgList destination, long outputLimit) {
        if (source == null || destination == null) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, source == null ? "no source" : "no destination");
        }
        if (destination.isReadOnly()) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, "the destination has a read-only segment");
        }
        checkOutputLimit(outputLimit);
    }

    /** @throws WdException INVALID_ARGUMENT for a negative output limit */
    public static void checkOutputLimit(long outputLimit) {
        if (outputLimit < 0) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, "negative output limit " + outputLimit);
        }
    }

    /** @throws WdException INVALID_ARGUMENT without a flush mode */
    public static void checkFlush(Flush flush) {
        if (flush == null) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, "no flush mode given");
        }
    }

    /**
     * A preset dictionary the driver can take: only raw deflate compression has one (the
     * formats with a header would need it marked there), and only on a driver with
     * {@link DriverInfo#presetDictionary()}. A null or empty dictionary always passes.
     *
     * @throws WdException INVALID_ARGUMENT for a dictionary on another algorithm or operation,
     *         UNSUPPORTED for one on a driver that takes none
     * @since 1.4
     */
    public static void checkDictionary(DriverInfo driver, Algorithm algorithm, Operation operation,
            ByteBuffer dictionary) {
        checkDictionary(algorithm, operation, dictionary);
        if (dictionary != null && dictionary.hasRemaining() && !driver.presetDictionary()) {
            throw new WdException(WdStatus.UNSUPPORTED, "the " + driver.name() + " driver takes no preset dictionary");
        }
    }

    /**
     * A preset dictionary where the formats have a place for one: raw deflate compression.
     * A null or empty dictionary always passes.
     *
     * @throws WdException INVALID_ARGUMENT for a dictionary on another algorithm or operation
     * @since 1.4
     */
    public static void checkDictionary(Algorithm algorithm, Operation operation, ByteBuffer dictionary) {
        if (dictionary == null || !dictionary.hasRemaining()) {
            return;
        }
        if (algorithm != Algorithm.DEFLATE || operation != Operation.COMPRESS) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, "a preset dictionary primes raw deflate compression"
                    + " only, not " + (algorithm == null ? "no algorithm" : algorithm.uadkName()) + " "
                    + (operation == null ? "without an operation" : operation.name().toLowerCase(Locale.ROOT)));
        }
    }
}
