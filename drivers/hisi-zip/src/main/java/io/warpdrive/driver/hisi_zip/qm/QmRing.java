package io.warpdrive.driver.hisi_zip.qm;

import com.sun.jna.Pointer;
import io.warpdrive.uacce.Doorbell;
import io.warpdrive.uacce.QueuePairFile;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The QM submission and completion rings of one queue pair, over its mapped DUS region:
 *
 * <pre>
 * SQ[sqDepth × sqeSize] | CQ[cqDepth × 16] | pad | status page (last u32: TX stopped, the one before: RX stopped)
 * </pre>
 *
 * Send: copy the SQE into the slot at the SQ tail, advance the tail, a full fence, then a
 * single 64-bit SQ doorbell store with the new tail. One slot always stays free, so at
 * most {@code sqDepth - 1} SQEs are in flight. Receive: the CQE at the CQ head is new when
 * its phase bit (bit 0 of w7) equals the expected phase, which starts at 1 and flips each
 * time the head wraps; its {@code sq_head} names the SQE slot the device wrote the result
 * into. After reaping, one CQ doorbell store with the new head gives the CQEs back.
 *
 * <p>Not thread-safe by itself: the owner serialises the send side (one lock) and the
 * receive side (another); the in-flight count is shared between them atomically.
 */
public final class QmRing {
    private static final VarHandle INT = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int CQE_SQ_HEAD = 8;
    private static final int CQE_SQ_NUM = 10;
    /** The u32 holding rsvd2 (low half) and w7 (high half, bit 0 the phase): read as one aligned word. */
    private static final int CQE_W7_WORD = 12;
    /** rsvd0, the CQE's first u32: 0 on hardware; the emulator's worker CPU time, bits 31..0. */
    private static final int CQE_RSVD0 = 0;

    private final ByteBuffer dus;
    private final int sqeSize;
    private final int sqDepth;
    private final int cqDepth;
    private final int cqBase;
    private final int txStoppedWord;
    private final int rxStoppedWord;
    private final int sqn;
    private final DoorbellFormat format;
    private final Doorbell doorbell;
    private final AtomicInteger inFlight = new AtomicInteger();
    /** Send side. */
    private int sqTail;
    /** Receive side. */
    private int cqHead;
    private int phase = 1;

    public QmRing(ByteBuffer dus, int sqeSize, int sqDepth, int cqDepth, int sqn, DoorbellFormat format,
            Doorbell doorbell) {
        this.dus = dus.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        this.sqeSize = sqeSize;
        this.sqDepth = sqDepth;
        this.cqDepth = cqDepth;
        this.cqBase = sqDepth * sqeSize;
        this.txStoppedWord = dus.capacity() - 4;
        this.rxStoppedWord = dus.capacity() - 8;
        this.sqn = sqn;
        this.format = format;
        this.doorbell = doorbell;
    }

    /** The rings of an opened queue pair: a direct buffer over its DUS region, its doorbell register. */
    public static QmRing of(QmQueuePair qp, QmApi api) {
        QueuePairFile file = qp.file();
        ByteBuffer dus = new Pointer(file.dusAddress()).getByteBuffer(0, file.dusLength());
        Doorbell doorbell = file.seam().doorbell(file.mmioAddress() + api.doorbellOffset());
        return new QmRing(dus, qp.sqeSize(), qp.sqDepth(), qp.cqDepth(), qp.sqn(), api.doorbellFormat(), doorbell);
    }

    /** SQEs that may be in flight at once: the depth less the slot that always stays free. */
    public int capacity() {
        return sqDepth - 1;
    }

    public int sqDepth() {
        return sqDepth;
    }

    public int inFlight() {
        return inFlight.get();
    }

    /** The kernel stopped the queue for sending (reset, error): no doorbell may be rung. */
    public boolean sendStopped() {
        return (int) INT.getAcquire(dus, txStoppedWord) == 1;
    }

    /** The kernel stopped the queue for receiving: the CQ must not be read. */
    public boolean receiveStopped() {
        return (int) INT.getAcquire(dus, rxStoppedWord) == 1;
    }

    // ---- send side ------------------------------------------------------------------

    /**
     * Copies {@code sqe} (its first {@code sqeSize} bytes) into the slot at the SQ tail and
     * rings the SQ doorbell. The caller has checked {@link #inFlight()} against
     * {@link #capacity()} and the stop word.
     *
     * @return the slot the SQE went to
     */
    public int submit(ByteBuffer sqe) {
        int slot = sqTail;
        dus.put(slot * sqeSize, sqe, 0, sqeSize);
        sqTail = slot + 1 == sqDepth ? 0 : slot + 1;
        inFlight.incrementAndGet();
        // Everything written to the SQ is visible before the device sees the new tail (UADK: dsb sy).
        VarHandle.fullFence();
        doorbell.ring(format.encode(sqn, DoorbellFormat.SQ, sqTail, 0));
        return slot;
    }

    // ---- receive side ---------------------------------------------------------------

    /**
     * The SQ slot named by the CQE at the head when the device has posted it (its phase
     * matches), or -1 when nothing new has completed. The phase is read with acquire
     * semantics: the device stores it last, so the CQE and the SQE's results are visible.
     */
    public int peekCompletion() {
        int cqe = cqBase + cqHead * QmQueuePair.CQE_SIZE;
        int word = (int) INT.getAcquire(dus, cqe + CQE_W7_WORD);
        if ((word >>> 16 & 1) != phase) {
            return -1;
        }
        return dus.getShort(cqe + CQE_SQ_HEAD) & 0xffff;
    }

    /**
     * What the emulated device's worker spent on the SQE of the CQE at the head by its
     * thread's CPU clock, in nanoseconds: the emulator writes it into the CQE's reserved
     * fields (rsvd0 bits 31..0, rsvd2 bits 47..32), which hardware leaves 0. So 0 means
     * "not measured" (a real device, whose work takes no host core).
     */
    public long completionCpuNanos() {
        int cqe = cqBase + cqHead * QmQueuePair.CQE_SIZE;
        long low = (int) INT.get(dus, cqe + CQE_RSVD0) & 0xffffffffL;
        long high = (int) INT.get(dus, cqe + CQE_W7_WORD) & 0xffffL;
        return high << 32 | low;
    }

    /** The queue number in the CQE at the head (for a consistency check). */
    public int completionQueueNumber() {
        return dus.getShort(cqBase + cqHead * QmQueuePair.CQE_SIZE + CQE_SQ_NUM) & 0xffff;
    }

    /** Moves past the CQE at the head, once its SQE slot has been read; the phase flips on wrap. */
    public void advance() {
        if (++cqHead == cqDepth) {
            cqHead = 0;
            phase ^= 1;
        }
        inFlight.decrementAndGet();
    }

    /** Gives the consumed CQEs back to the device: one CQ doorbell store with the new head. */
    public void acknowledge() {
        // The reads of the reaped CQEs and SQE slots are done before the device may reuse them.
        VarHandle.fullFence();
        doorbell.ring(format.encode(sqn, DoorbellFormat.CQ, cqHead, 0));
    }

    /** A 32-bit word of the SQE in {@code slot} (the device wrote its results there). */
    public int sqeWord(int slot, int dword) {
        return dus.getInt(slot * sqeSize + dword * 4);
    }

    public int sqn() {
        return sqn;
    }
}
