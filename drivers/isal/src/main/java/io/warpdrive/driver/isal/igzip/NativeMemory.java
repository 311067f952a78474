package io.warpdrive.driver.isal.igzip;

import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import java.nio.ByteBuffer;

/**
 * A block of native memory from {@link Igzip#allocate}, with a view for reading and writing
 * it from Java. Its owner frees it exactly once with {@link #close()}; the view must not be
 * used afterwards.
 */
public final class NativeMemory implements AutoCloseable {
    private final Igzip igzip;
    private final long address;
    private final int size;
    private final ByteBuffer view;
    private boolean freed;

    private NativeMemory(Igzip igzip, long address, int size) {
        this.igzip = igzip;
        this.address = address;
        this.size = size;
        this.view = igzip.view(address, size);
    }

    /**
     * @throws WdException DEVICE_ERROR when the process has no native memory left (the
     *         platform then retries the request elsewhere)
     */
    public static NativeMemory allocate(Igzip igzip, int size) {
        long address = igzip.allocate(size);
        if (address == 0) {
            throw new WdException(WdStatus.DEVICE_ERROR, "no native memory for " + size + " bytes of igzip state");
        }
        try {
            return new NativeMemory(igzip, address, size);
        } catch (RuntimeException | Error e) {
            igzip.free(address);
            throw e;
        }
    }

    public long address() {
        return address;
    }

    public int size() {
        return size;
    }

    /** The memory as a direct buffer in native byte order; absolute gets and puts only. */
    public ByteBuffer view() {
        return view;
    }

    /** Frees the memory. Idempotent. */
    @Override
    public synchronized void close() {
        if (!freed) {
            freed = true;
            igzip.free(address);
        }
    }
}
