package io.warpdrive.driver.hisi_zip.zip;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.WindowSize;
import io.warpdrive.lib.StreamState;
import java.util.function.Consumer;

/**
 * The state of one hisi_zip stream as the platform carries it from job to job: its
 * {@link StreamContext} (the 64 KiB hardware context in native memory, the carries and
 * the framing), whether an earlier failure broke it, and whether it was closed. Any queue
 * of the driver, on any device, can serve its next job: the device finds the stream's
 * history through the context's address.
 *
 * <p>The native context is freed deterministically by {@link #close()} (the platform
 * calls it when the stream is closed or reset, after its last job completed), and by the
 * driver for streams still open when it stops.
 */
public final class ZipStream implements StreamState {
    private final Operation operation;
    private final StreamContext context = new StreamContext();
    private final Consumer<ZipStream> onClose;
    private boolean broken;
    private boolean closed;

    /**
     * @param onClose told once when the stream is closed (the driver stops tracking it)
     */
    public ZipStream(Algorithm algorithm, Operation operation, int level, WindowSize window,
            Consumer<ZipStream> onClose) {
        this.operation = operation;
        this.onClose = onClose;
        if (operation == Operation.COMPRESS) {
            context.startCompression(algorithm, level, window);
        } else {
            context.startDecompression(algorithm);
        }
    }

    public Operation operation() {
        return operation;
    }

    public Algorithm algorithm() {
        return context.algorithm;
    }

    StreamContext context() {
        return context;
    }

    synchronized boolean isClosed() {
        return closed;
    }

    boolean isBroken() {
        return broken;
    }

    /** A job of the stream failed: what was consumed and produced cannot be undone, so it stops here. */
    void markBroken() {
        broken = true;
    }

    /** True when the stream has ended (compress: end written; decompress: at the end of a stream or member). */
    public boolean isFinished() {
        return operation == Operation.COMPRESS ? context.ended : context.phase == StreamContext.Phase.ENDED;
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            context.close();
        }
        onClose.accept(this);
    }
}
