package io.warpdrive.testing.conformance;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Flush;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.SgList;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.comp.WindowSize;
import io.warpdrive.lib.Job;
import io.warpdrive.lib.StreamState;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A {@link Job} as the platform hands it to a queue or a codec, for driving a driver
 * directly: its parameters are set fluently, and it records how it completed (how many
 * times, with what status and detail) so a test can check the exactly-once contract. Safe
 * to complete from any thread; reusable with {@link #set} without allocating.
 */
public class RecordingJob implements Job {
    private int tag;
    private Operation operation;
    private Algorithm algorithm;
    private int level = 6;
    private WindowSize window = WindowSize.W32K;
    private SgList source;
    private SgList destination;
    private Flush flush = Flush.FINISH;
    private StreamState stream;
    private long outputLimit = Long.MAX_VALUE;

    /** Completions so far: exactly 1 once done. */
    public final AtomicInteger completions = new AtomicInteger();
    public volatile boolean endOfStream;
    /** OK, or the failure's status; null until done. */
    public volatile WdStatus status;
    /** The failure's detail, or null. */
    public volatile String detail;
    /** The thread that completed or failed the job; null until done. */
    public volatile Thread completedOn;
    /** CPU time the driver reported for the job. */
    public volatile long cpuNanos;
    /** What the driver reported through {@link #measuredCpuTime}; -1 when it reported nothing. */
    public volatile long measuredCpuNanos = -1;
    /** The sync caller waiting for this job ({@link #senderWaits()} on that thread), or null. */
    private volatile Thread waiter;

    public RecordingJob() {
    }

    /** A compression of {@code source} into {@code destination}. */
    public static RecordingJob compress(Algorithm algorithm, int level, SgList source, SgList destination) {
        return new RecordingJob().set(Operation.COMPRESS, algorithm, level, source, destination);
    }

    /** A decompression of {@code source} into {@code destination}. */
    public static RecordingJob decompress(Algorithm algorithm, SgList source, SgList destination) {
        return new RecordingJob().set(Operation.DECOMPRESS, algorithm, 6, source, destination);
    }

    /** {@code input} in a direct buffer into {@code room} bytes of direct output (what a hardware queue takes). */
    public static RecordingJob direct(int tag, Operation operation, Algorithm algorithm, byte[] input, int room) {
        ByteBuffer in = ByteBuffer.allocateDirect(Math.max(1, input.length)).put(input).flip();
        return new RecordingJob().tag(tag).set(operation, algorithm, 6, SgList.of(in),
                SgList.of(ByteBuffer.allocateDirect(room)));
    }

    /** {@code input} wrapped on the heap into {@code room} bytes of heap output. */
    public static RecordingJob heap(int tag, Operation operation, Algorithm algorithm, byte[] input, int room) {
        return new RecordingJob().tag(tag).set(operation, algorithm, 6, SgList.of(ByteBuffer.wrap(input)),
                SgList.of(ByteBuffer.allocate(room)));
    }

    /** Sets the job's parameters and forgets any earlier outcome. */
    public RecordingJob set(Operation op, Algorithm alg, int compressionLevel, SgList src, SgList dst) {
        operation = op;
        algorithm = alg;
        level = compressionLevel;
        source = src;
        destination = dst;
        return reset();
    }

    /** Forgets the outcome, for sending the job again. */
    public RecordingJob reset() {
        completions.set(0);
        completedOn = null;
        cpuNanos = 0;
        measuredCpuNanos = -1;
        endOfStream = false;
        status = null;
        detail = null;
        return this;
    }

    /** Makes this a sync caller's job: {@link #senderWaits()} is true on {@code thread}. */
    public RecordingJob waiter(Thread thread) {
        waiter = thread;
        return this;
    }

    public RecordingJob tag(int value) {
        tag = value;
        return this;
    }

    public RecordingJob level(int value) {
        level = value;
        return this;
    }

    public RecordingJob window(WindowSize value) {
        window = value;
        return this;
    }

    public RecordingJob outputLimit(long value) {
        outputLimit = value;
        return this;
    }

    public RecordingJob flush(Flush value) {
        flush = value;
        return this;
    }

    /** A job of a stream: its state and the caller's flush. */
    public RecordingJob stream(StreamState value, Flush flushMode) {
        stream = value;
        flush = flushMode;
        return this;
    }

    public boolean done() {
        return completions.get() > 0;
    }

    /** The failure's status, or null when the job succeeded (or is not done). */
    public WdStatus failure() {
        WdStatus s = status;
        return s == WdStatus.OK ? null : s;
    }

    /** Waits until the job completed; false when it did not in time. */
    public boolean await(long timeout, TimeUnit unit) {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (!done()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            LockSupport.parkNanos(50_000);
        }
        return true;
    }

    /** The bytes produced into the first destination segment (from its start to its position). */
    public byte[] output() {
        ByteBuffer d = destination.get(0).duplicate().flip();
        byte[] b = new byte[d.remaining()];
        d.get(b);
        return b;
    }

    @Override
    public int tag() {
        return tag;
    }

    @Override
    public Operation operation() {
        return operation;
    }

    @Override
    public Algorithm algorithm() {
        return algorithm;
    }

    @Override
    public int level() {
        return level;
    }

    @Override
    public WindowSize window() {
        return window;
    }

    @Override
    public SgList source() {
        return source;
    }

    @Override
    public SgList destination() {
        return destination;
    }

    @Override
    public Flush flush() {
        return flush;
    }

    @Override
    public StreamState stream() {
        return stream;
    }

    @Override
    public long outputLimit() {
        return outputLimit;
    }

    @Override
    public boolean senderWaits() {
        return waiter == Thread.currentThread();
    }

    @Override
    public void addCpuTime(long nanos) {
        cpuNanos += nanos;
    }

    @Override
    public void measuredCpuTime(long nanos) {
        measuredCpuNanos = nanos;
    }

    @Override
    public void complete(boolean eos) {
        completedOn = Thread.currentThread();
        endOfStream = eos;
        status = WdStatus.OK;
        completions.incrementAndGet();
    }

    @Override
    public void fail(WdStatus s, String why) {
        completedOn = Thread.currentThread();
        detail = why;
        status = s;
        completions.incrementAndGet();
    }

    @Override
    public String toString() {
        return "job " + tag + " " + status + (detail == null ? "" : ": " + detail);
    }
}
