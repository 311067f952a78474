package io.warpdrive.comp;

/**
 * How a zstd or LZ4 compression frame is written: the window (zstd), whether the frame header
 * declares the content size, and whether the frame ends with a content checksum. Immutable;
 * {@link #DEFAULT} is what every session gets unless it asks otherwise
 * ({@link SessionSpec#withFrame}). Only drivers that honour these options
 * ({@code io.warpdrive.lib.Driver#honoursFrameOptions}) serve a session whose options are not
 * the default; decompression reads any frame whatever the options.
 *
 * <pre>{@code
 * SessionSpec spec = SessionSpec.of(Algorithm.ZSTD)
 *         .withFrame(FrameOptions.DEFAULT.withWindowLog(20).withContentSize(false));
 * }</pre>
 *
 * @since 1.5
 */
public final class FrameOptions {
    /** The library's window for the level (and, stateless, the input's size), content size declared, checksum on. */
    public static final FrameOptions DEFAULT = new FrameOptions(0, true, true);
    /** zstd's smallest window: 1 KiB. */
    public static final int MIN_WINDOW_LOG = 10;
    /**
     * The largest window offered: 128 MiB, the most a zstd decoder accepts without being told
     * to allow more ({@code ZSTD_WINDOWLOG_LIMIT_DEFAULT}; the {@code zstd} tool's
     * {@code --long} or {@code --memory}), so every frame written stays readable everywhere.
     */
    public static final int MAX_WINDOW_LOG = 27;

    private final int windowLog;
    private final boolean contentSize;
    private final boolean contentChecksum;

    private FrameOptions(int windowLog, boolean contentSize, boolean contentChecksum) {
        this.windowLog = windowLog;
        this.contentSize = contentSize;
        this.contentChecksum = contentChecksum;
    }

    /** zstd's window as a power of two ({@value #MIN_WINDOW_LOG}..{@value #MAX_WINDOW_LOG}); 0: the library's choice. */
    public int windowLog() {
        return windowLog;
    }

    /**
     * Whether the frame header declares the content size where it is known: always for a
     * stateless request, never for a stream's frames (their size is not known when the header
     * is written).
     */
    public boolean contentSize() {
        return contentSize;
    }

    /** Whether the frame ends with a checksum of its content (zstd's XXH64, LZ4's XXH32). */
    public boolean contentChecksum() {
        return contentChecksum;
    }

    /**
     * zstd only: the window the frame is written with, 2^{@code log} bytes (its header declares
     * it); 0 goes back to the library's choice.
     *
     * @throws WdException INVALID_ARGUMENT outside {@value #MIN_WINDOW_LOG}..{@value #MAX_WINDOW_LOG} and 0
     */
    public FrameOptions withWindowLog(int log) {
        if (log != 0 && (log < MIN_WINDOW_LOG || log > MAX_WINDOW_LOG)) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, "window log " + log + " is not " + MIN_WINDOW_LOG
                    + ".." + MAX_WINDOW_LOG + " (or 0 for the library's choice)");
        }
        return new FrameOptions(log, contentSize, contentChecksum);
    }

    public FrameOptions withContentSize(boolean declared) {
        return new FrameOptions(windowLog, declared, contentChecksum);
    }

    public FrameOptions withContentChecksum(boolean on) {
        return new FrameOptions(windowLog, contentSize, on);
    }

    /** Whether these are the default options (the pick asks this of every driver it considers). */
    public boolean isDefault() {
        return this == DEFAULT || equals(DEFAULT);
    }

    /**
     * Whether these options can be applied to {@code algorithm}'s frames: the default always;
     * otherwise zstd, and LZ4 without a window log (LZ4's window is always 64 KiB).
     *
     * @throws WdException INVALID_ARGUMENT naming the option that does not apply
     */
    void checkFor(Algorithm algorithm) {
        if (isDefault() || algorithm == Algorithm.ZSTD) {
            return;
        }
        if (algorithm != Algorithm.LZ4) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, "frame options (" + this + ") apply to zstd and LZ4 "
                    + "frames, not to " + algorithm.uadkName());
        }
        if (windowLog != 0) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, "LZ4's window is always 64 KiB: a window log applies "
                    + "to zstd only");
        }
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof FrameOptions)) {
            return false;
        }
        FrameOptions f = (FrameOptions) o;
        return windowLog == f.windowLog && contentSize == f.contentSize && contentChecksum == f.contentChecksum;
    }

    @Override
    public int hashCode() {
        return windowLog * 4 + (contentSize ? 2 : 0) + (contentChecksum ? 1 : 0);
    }

    @Override
    public String toString() {
        return "window log " + (windowLog == 0 ? "auto" : Integer.toString(windowLog)) + ", content size "
                + (contentSize ? "declared" : "omitted") + ", content checksum " + (contentChecksum ? "on" : "off");
    }
}
