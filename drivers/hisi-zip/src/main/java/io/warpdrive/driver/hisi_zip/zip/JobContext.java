package io.warpdrive.driver.hisi_zip.zip;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Flush;
import io.warpdrive.comp.SgList;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.lib.Job;
import java.nio.ByteBuffer;

/**
 * Everything a queue keeps for the job in one slot (its tag) while the job is in flight:
 * the job, its one flat direct input and output buffer and their addresses, the SQE being
 * composed and the results read back, the flow that decides the next SQE, and the outcome.
 * Preallocated per tag and reused, so the data path allocates nothing.
 *
 * <p>A job has at most one SQE in the device at a time; a job that needs several (gzip
 * members, more output pending, a request larger than one SQE may carry) sends the next
 * when the previous one completes.
 */
final class JobContext {
    /** Where the slot is: free, its SQE in the device, or reaped and being processed. */
    static final int IDLE = 0;
    static final int IN_DEVICE = 1;
    static final int REAPED = 2;

    final int tag;
    final ZipSqe sqe = new ZipSqe();
    final ZipResult result = new ZipResult();
    volatile int state = IDLE;

    Job job;
    Algorithm algorithm;
    ZipFlow flow;
    ByteBuffer src;
    ByteBuffer dst;
    /** Output produced for this job so far (against its output limit). */
    long produced;
    /** The stream context in use: the stream's own, or {@link #scratch} for a request split over SQEs. */
    StreamContext stream;
    /** The stream {@link #stream} belongs to, for its completion (which reads nothing from the job). */
    ZipStream zipStream;
    /** A stateless request split into stateful SQEs (larger than one SQE may carry). */
    boolean statelessChain;
    /** What the SQE in flight was given, to check the device's answer and explain failures. */
    int sentInput;
    /** The emulated device's worker CPU time over the job's SQEs so far (0 on hardware). */
    long deviceCpuNanos;
    int sentSpace;
    boolean sentFinish;
    /** Stateless compression: header bytes written in front of the device's output. */
    int headerLength;
    final byte[] header = new byte[16];
    final ByteBuffer headerBuffer = ByteBuffer.wrap(header);
    /** Stateless decompression: members decoded so far. */
    long members;
    /** The SQE in flight writes into the one-byte probe, not the destination (see StreamDecompression). */
    boolean probing;

    /** Outcome, set by the flow, delivered by the queue once the slot is released. */
    boolean succeeded;
    boolean endOfStream;
    WdStatus failure;
    String detail;

    private StreamContext scratch;
    private Lz77Scratch lz77;
    private Lz4DeviceFrame lz4;
    private ByteBuffer probe;
    private long probeAddress;
    private ByteBuffer lastSource;
    private long lastSourceBase;
    private ByteBuffer lastDestination;
    private long lastDestinationBase;

    JobContext(int tag) {
        this.tag = tag;
    }

    /**
     * Takes the job: its buffers must each be one direct segment (the platform bounces
     * anything else for this driver, which says it needs direct memory without
     * scatter-gather).
     *
     * @return false when the job cannot be served (its outcome is then set)
     */
    boolean bind(Job j) {
        job = j;
        algorithm = j.algorithm();
        flow = null;
        produced = 0;
        deviceCpuNanos = 0;
        stream = null;
        zipStream = null;
        statelessChain = false;
        headerLength = 0;
        members = 0;
        probing = false;
        succeeded = false;
        endOfStream = false;
        failure = null;
        detail = null;
        src = flat(j.source(), "source");
        dst = src == null ? null : flat(j.destination(), "destination");
        return dst != null;
    }

    private ByteBuffer flat(SgList list, String what) {
        if (list == null || list.size() == 0) {
            fail(WdStatus.INVALID_ARGUMENT, "no " + what + " buffer");
            return null;
        }
        if (!list.isFlat()) {
            fail(WdStatus.INVALID_ARGUMENT, "the " + what + " has several segments; hisi_zip takes one flat buffer");
            return null;
        }
        ByteBuffer b = list.firstRemaining();
        if (!b.isDirect()) {
            fail(WdStatus.INVALID_ARGUMENT, "the " + what + " is heap memory; the device reads process addresses,"
                    + " so it must be a direct buffer");
            return null;
        }
        return b;
    }

    /** Lets go of the job and its buffers. */
    Job unbind() {
        Job j = job;
        job = null;
        src = null;
        dst = null;
        stream = null;
        zipStream = null;
        return j;
    }

    Flush flush() {
        return job.flush();
    }

    /**
     * The address of the input's next byte. The buffer's address is looked up once per
     * buffer and kept with the slot (the platform reuses a slot's bounce buffers, and callers
     * reuse theirs), which keeps the last buffer referenced until the slot serves another.
     */
    long sourceAddress() {
        if (src != lastSource) {
            lastSourceBase = Pointer.nativeValue(Native.getDirectBufferPointer(src));
            lastSource = src;
        }
        return lastSourceBase + src.position();
    }

    long destinationAddress() {
        if (dst != lastDestination) {
            lastDestinationBase = Pointer.nativeValue(Native.getDirectBufferPointer(dst));
            lastDestination = dst;
        }
        return lastDestinationBase + dst.position();
    }

    /** A byte of scratch output, kept by the slot, for telling "needs more room" from "ends here". */
    long probeAddress() {
        if (probe == null) {
            probe = ByteBuffer.allocateDirect(8);
            probeAddress = Pointer.nativeValue(Native.getDirectBufferPointer(probe));
        }
        return probeAddress;
    }

    /** Output space for the next SQE: the destination's room within the job's output limit. */
    long outputRoom() {
        return Math.min(dst.remaining(), job.outputLimit() - produced);
    }

    /** True when the output limit, not the destination, is what bounds the output space. */
    boolean limitBinds() {
        return job.outputLimit() - produced < dst.remaining();
    }

    /** Moves the buffers' positions past what the device consumed and produced. */
    void advance(int consumed, int producedBytes) {
        src.position(src.position() + consumed);
        dst.position(dst.position() + producedBytes);
        produced += producedBytes;
    }

    /** The context a stateless request split over several SQEs runs in: kept by the slot and reused. */
    StreamContext scratch() {
        if (scratch == null) {
            scratch = new StreamContext();
        }
        return scratch;
    }

    /** The slot's lz77_zstd buffers (made on its first zstd job). */
    Lz77Scratch lz77() {
        if (lz77 == null) {
            lz77 = new Lz77Scratch();
        }
        return lz77;
    }

    /** The slot's LZ4 frame writer over the device (made on its first LZ4 job). */
    Lz4DeviceFrame lz4() {
        if (lz4 == null) {
            lz4 = new Lz4DeviceFrame();
        }
        return lz4;
    }

    /** Frees the scratch context (the queue is released: the device no longer uses it). */
    void freeScratch() {
        if (scratch != null) {
            scratch.close();
            scratch = null;
        }
    }

    boolean succeed(boolean eos) {
        succeeded = true;
        endOfStream = eos;
        return false;
    }

    /** Records a failure; always false (no SQE to send), so a flow can {@code return c.fail(...)}. */
    boolean fail(WdStatus status, String why) {
        succeeded = false;
        failure = status;
        detail = why;
        return false;
    }

    boolean fail(WdException e) {
        return fail(e.status(), e.detail());
    }
}
