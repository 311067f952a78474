package io.warpdrive.driver.hisi_zip.zip;

import io.warpdrive.comp.Operation;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.driver.hisi_zip.qm.QmApi;
import io.warpdrive.driver.hisi_zip.qm.QmQueuePair;
import io.warpdrive.driver.hisi_zip.qm.QmRing;
import io.warpdrive.lib.CompletionMode;
import io.warpdrive.lib.Device;
import io.warpdrive.lib.Job;
import io.warpdrive.lib.Queue;
import io.warpdrive.lib.QueueMode;
import io.warpdrive.lib.StreamState;
import io.warpdrive.lib.format.Lz4Format;
import io.warpdrive.lib.ring.MpmcRing;
import io.warpdrive.uacce.UacceDevice;
import io.warpdrive.uacce.UacceSeam;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.osgi.service.log.Logger;

/**
 * One hisi_zip queue pair as a platform {@link Queue}: jobs become SQEs on the QM ring,
 * completions are reaped from the CQ by whoever calls {@link #receive} (the platform's
 * poller, or a sync caller spinning on its request), POLL mode.
 *
 * <p>Each job has a slot ({@link JobContext}) by its tag, and the SQE carries the tag,
 * which is how a completion finds its job. A job has at most one SQE in the device, and
 * the queue accepts at most {@code sqDepth - 1} jobs (the ring's one reserved slot), so a
 * job's next SQE always has room. Sending holds one lock, reaping another (a reaper that
 * finds it taken returns at once); what a reaped SQE means, and completing the job, is
 * done outside both, so a completion callback may send again or even wait on this queue.
 *
 * <p>{@link #close} keeps the contract: jobs the device finished complete normally, then
 * {@code PUT_Q} stops the queue, the jobs it still held fail with QUEUE_CLOSED (a
 * stateless request is re-sent by the platform), the regions are unmapped and the fd
 * closed, and only then are the slots' native stream contexts freed.
 */
public final class ZipQueue implements Queue {
    /** The most one deflate-family SQE carries on the hardware ({@code HZ_MAX_SIZE}). */
    public static final int HARDWARE_MAX_SQE_BYTES = ZipProfile.HARDWARE_MAX_SQE_BYTES;
    /** The most one lz77_zstd SQE takes ({@code ZSTD_MAX_SIZE}): one zstd block. */
    public static final int LZ77_ZSTD_MAX_SQE_BYTES = ZstdBlocks.MAX_BLOCK;
    /** The most one lz4 SQE takes here: one block of the LZ4 frame format's largest (the device takes 8 MiB). */
    public static final int LZ4_MAX_SQE_BYTES = Lz4Format.blockMaxSize(7);
    private static final long CLOSE_WAIT_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final Device device;
    private final Operation operation;
    private final QueueMode mode;
    private final QmQueuePair queuePair;
    private final QmRing ring;
    private final ZipProfile profile;
    private final ZipFlows flows;
    private final JobContext[] contexts;
    private final MpmcRing<JobContext> reaped;
    private final AtomicInteger jobs = new AtomicInteger();
    private final ReentrantLock sendLock = new ReentrantLock();
    private final ReentrantLock receiveLock = new ReentrantLock();
    private final Object closeLock = new Object();
    private final Logger log;
    private final Consumer<ZipQueue> onClosed;
    private final AtomicLong strayCompletions = new AtomicLong();
    private volatile boolean closed;
    private volatile Thread closer;
    /** The queue pair is released: no address of its regions may be touched (guarded by both locks). */
    private boolean released;
    private boolean closeDone;

    private ZipQueue(Device device, Operation operation, QueueMode mode, QmQueuePair queuePair, QmApi api,
            int maxSqeBytes, Logger log, Consumer<ZipQueue> onClosed) {
        this.device = device;
        this.operation = operation;
        this.mode = mode;
        this.queuePair = queuePair;
        this.ring = QmRing.of(queuePair, api);
        this.profile = new ZipProfile(api.sqeType(), maxSqeBytes);
        this.flows = new ZipFlows(profile);
        this.log = log;
        this.onClosed = onClosed;
        this.contexts = new JobContext[ring.capacity()];
        for (int tag = 0; tag < contexts.length; tag++) {
            contexts[tag] = new JobContext(tag);
        }
        this.reaped = new MpmcRing<>(contexts.length);
    }

    /**
     * Opens a queue pair of {@code uacceDevice} for one direction.
     *
     * @throws io.warpdrive.comp.WdException BUSY when the device has no free instance;
     *         DEVICE_ERROR when setting the queue up fails
     */
    public static ZipQueue open(Device device, UacceSeam seam, UacceDevice uacceDevice, QmApi api,
            Operation operation, QueueMode mode, int fallbackDepth, int maxSqeBytes, Logger log,
            Consumer<ZipQueue> onClosed) {
        int qcType = operation == Operation.COMPRESS ? QmQueuePair.QC_COMPRESS : QmQueuePair.QC_DECOMPRESS;
        QmQueuePair queuePair = QmQueuePair.open(seam, uacceDevice, qcType, fallbackDepth);
        try {
            return new ZipQueue(device, operation, mode, queuePair, api, maxSqeBytes, log, onClosed);
        } catch (RuntimeException | LinkageError e) {
            queuePair.file().release();
            throw e;
        }
    }

    // ---- Queue --------------------------------------------------------------------------

    @Override
    public Device device() {
        return device;
    }

    @Override
    public Operation operation() {
        return operation;
    }

    @Override
    public QueueMode mode() {
        return mode;
    }

    @Override
    public int depth() {
        return contexts.length;
    }

    @Override
    public CompletionMode completionMode() {
        return CompletionMode.POLL;
    }

    @Override
    public boolean send(Job job) {
        int tag = job.tag();
        if (tag < 0 || tag >= contexts.length) {
            job.fail(WdStatus.INVALID_ARGUMENT, "tag " + tag + " outside 0.." + (contexts.length - 1));
            return true;
        }
        int n;
        do {
            n = jobs.get();
            if (n >= contexts.length) {
                return false;
            }
        } while (!jobs.compareAndSet(n, n + 1));
        // Counted first, then the closed flag: a close either sees this job or this send sees the close.
        if (closed) {
            jobDone();
            job.fail(WdStatus.QUEUE_CLOSED, "queue " + this + " is closed");
            return true;
        }
        JobContext c = contexts[tag];
        if (c.job != null) {
            jobDone();
            job.fail(WdStatus.INTERNAL, "tag " + tag + " is already in flight on queue " + this);
            return true;
        }
        if (!c.bind(job) || !attachStream(c, job.stream())) {
            finish(c);
            return true;
        }
        c.flow = flows.flowFor(c.algorithm, operation, job.stream() != null);
        boolean sqeReady;
        try {
            sqeReady = c.flow == null ? c.fail(WdStatus.UNSUPPORTED, "hisi_zip does not serve " + c.algorithm
                    + (job.stream() != null ? " streams" : "") + " " + operation.name().toLowerCase())
                    // The device's zstd and LZ4 frames are written one way (FrameOptions.DEFAULT); the platform
                    // picks no device for other options, so a job with them was sent here by mistake.
                    : operation == Operation.COMPRESS && !job.frame().isDefault()
                            ? c.fail(WdStatus.UNSUPPORTED, "hisi_zip writes " + c.algorithm + " frames one way only, "
                                    + "not with the options asked (" + job.frame() + ")")
                            : c.flow.start(c);
        } catch (RuntimeException e) {
            sqeReady = c.fail(WdStatus.INTERNAL, "hisi_zip driver failed to prepare the job: " + e);
        }
        if (sqeReady) {
            submit(c);
        } else {
            finish(c);
        }
        return true;
    }

    private boolean attachStream(JobContext c, StreamState state) {
        if (state == null) {
            return true;
        }
        if (!(state instanceof ZipStream)) {
            return c.fail(WdStatus.INVALID_STATE, "the stream's state does not belong to the hisi_zip driver");
        }
        ZipStream stream = (ZipStream) state;
        if (stream.isClosed()) {
            return c.fail(WdStatus.INVALID_STATE, "the stream is closed");
        }
        if (stream.isBroken()) {
            return c.fail(WdStatus.INVALID_STATE, "stream is broken after an earlier error; reset it");
        }
        if (stream.operation() != operation) {
            return c.fail(WdStatus.INVALID_STATE, "a " + stream.operation() + " stream on a " + operation + " queue");
        }
        c.stream = stream.context();
        c.zipStream = stream;
        return true;
    }

    /**
     * Puts the job's SQE on the ring; when the queue was closed or stopped meanwhile the job
     * fails instead.
     *
     * @return true when the SQE went to the device; false when the job was finished here
     */
    private boolean submit(JobContext c) {
        String refused;
        sendLock.lock();
        try {
            if (closed) {
                refused = "queue " + this + " was closed";
            } else if (ring.sendStopped()) {
                refused = "the device stopped queue " + this;
            } else {
                c.state = JobContext.IN_DEVICE;
                ring.submit(c.sqe.image());
                return true;
            }
        } finally {
            sendLock.unlock();
        }
        c.fail(WdStatus.QUEUE_CLOSED, refused);
        finish(c);
        return false;
    }

    @Override
    public int receive(int budget) {
        if (budget <= 0) {
            return 0;
        }
        if (receiveLock.tryLock()) {
            try {
                if (!released) {
                    reap(budget);
                }
            } finally {
                receiveLock.unlock();
            }
        }
        return processReaped();
    }

    /** Moves up to {@code budget} completions from the CQ to the reaped ring (receive lock held). */
    private void reap(int budget) {
        if (ring.receiveStopped()) {
            return; // the watchdog sees isStopped() and replaces the queue
        }
        int n = 0;
        int tagWord = profile.tagWord();
        while (n < budget) {
            int slot = ring.peekCompletion();
            if (slot < 0) {
                break;
            }
            n++;
            if (slot >= ring.sqDepth()) {
                stray("a CQE names SQE slot " + slot + " beyond the depth " + ring.sqDepth());
                ring.advance();
                continue;
            }
            int tag = ZipResult.tagOf(ring, slot, tagWord);
            JobContext c = tag >= 0 && tag < contexts.length ? contexts[tag] : null;
            if (c == null || c.state != JobContext.IN_DEVICE) {
                stray("the SQE in slot " + slot + " carries tag " + tag + ", which has no job in the device");
                ring.advance();
                continue;
            }
            c.result.read(ring, slot);
            c.deviceCpuNanos += c.result.cpuNanos;
            c.state = JobContext.REAPED;
            ring.advance();
            reaped.offer(c);
        }
        if (n > 0) {
            ring.acknowledge();
        }
    }

    private void stray(String what) {
        if (strayCompletions.incrementAndGet() == 1) {
            log.warn("hisi_zip queue {}: {}; completion ignored (further ones are counted, not logged)", this, what);
        }
    }

    /** Decides what each reaped SQE means: the job's next SQE, or its completion. Any thread. */
    private int processReaped() {
        int completed = 0;
        JobContext c;
        while ((c = reaped.poll()) != null) {
            boolean more;
            try {
                more = c.flow.completed(c);
            } catch (RuntimeException e) {
                more = c.fail(WdStatus.INTERNAL, "hisi_zip driver failed on a completion: " + e);
            }
            if (more) {
                if (!submit(c)) {
                    completed++;
                }
            } else {
                finish(c);
                completed++;
            }
        }
        return completed;
    }

    /** Hands the outcome to the job, after letting go of the slot (the job may be re-sent from its callback). */
    private void finish(JobContext c) {
        boolean ok = c.succeeded;
        boolean eos = c.endOfStream;
        WdStatus status = c.failure == null ? WdStatus.INTERNAL : c.failure;
        String detail = c.detail;
        Job job = c.job;
        if (c.deviceCpuNanos > 0) {
            // The emulated device's work ran on the host's cores: charged to the consumer like a CPU
            // driver's. Not its service time (measuredCpuTime): a device's service time is what the
            // model learns from the wall clock, the emulator's latency model included.
            job.addCpuTime(c.deviceCpuNanos);
        }
        // Nothing is read from the job here but its completion: the stream is the one the send attached.
        ZipStream stream = c.zipStream;
        if (!ok && stream != null) {
            stream.markBroken();
        }
        c.state = JobContext.IDLE;
        c.unbind();
        jobDone();
        try {
            if (ok) {
                job.complete(eos);
            } else {
                job.fail(status, detail);
            }
        } catch (RuntimeException e) {
            // The job is completed all the same; the jobs completed after it (a close's stranded ones) still are.
            log.warn("hisi_zip queue {}: a job's completion threw {}", this, e.toString());
        }
    }

    private void jobDone() {
        if (jobs.decrementAndGet() == 0 && closed) {
            Thread t = closer;
            if (t != null) {
                LockSupport.unpark(t);
            }
        }
    }

    /**
     * True when this queue takes no more jobs: the kernel raised a queue-stopped word, the
     * device is gone (poll says ENXIO), or the driver closed it.
     */
    @Override
    public boolean isStopped() {
        if (closed) {
            return true;
        }
        receiveLock.lock();
        try {
            return released || ring.sendStopped() || ring.receiveStopped() || queuePair.file().pollNow() < 0;
        } finally {
            receiveLock.unlock();
        }
    }

    @Override
    public void close() {
        synchronized (closeLock) {
            if (closeDone) {
                return;
            }
            closer = Thread.currentThread();
            closed = true;
            // a send in progress has put its SQE on the ring; later ones see the flag
            sendLock.lock();
            sendLock.unlock();
            // jobs the device already finished complete normally
            receiveLock.lock();
            try {
                if (!released) {
                    reap(Integer.MAX_VALUE);
                }
            } finally {
                receiveLock.unlock();
            }
            processReaped();
            List<JobContext> stranded = new ArrayList<>();
            String problem;
            receiveLock.lock();
            sendLock.lock();
            try {
                problem = queuePair.file().release();
                released = true;
                for (JobContext c : contexts) {
                    if (c.state == JobContext.IN_DEVICE) {
                        c.state = JobContext.REAPED;
                        stranded.add(c);
                    }
                }
            } finally {
                sendLock.unlock();
                receiveLock.unlock();
            }
            if (problem != null) {
                log.warn("hisi_zip queue {}: releasing it failed:{}", this, problem);
            }
            for (JobContext c : stranded) {
                c.fail(WdStatus.QUEUE_CLOSED, "queue " + this + " was closed while the job was in the device");
                finish(c);
            }
            processReaped();
            awaitJobs();
            for (JobContext c : contexts) {
                c.freeScratch();
            }
            closer = null;
            closeDone = true;
        }
        onClosed.accept(this);
    }

    /** Waits for jobs other threads are still finishing (they are past the device; bounded). */
    private void awaitJobs() {
        long deadline = System.nanoTime() + CLOSE_WAIT_NANOS;
        while (jobs.get() > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                log.error("hisi_zip queue {}: {} jobs still being completed {} s after close", this, jobs.get(),
                        TimeUnit.NANOSECONDS.toSeconds(CLOSE_WAIT_NANOS));
                return;
            }
            processReaped();
            LockSupport.parkNanos(this, Math.min(left, TimeUnit.MILLISECONDS.toNanos(1)));
        }
    }

    // ---- for the driver and tests --------------------------------------------------------

    public boolean isClosed() {
        return closed;
    }

    /** Jobs accepted and not yet completed. */
    public int jobsInFlight() {
        return jobs.get();
    }

    /** The queue number (sqn) the kernel gave this queue pair. */
    public int queueNumber() {
        return queuePair.sqn();
    }

    public int sqDepth() {
        return queuePair.sqDepth();
    }

    public boolean depthFromKernel() {
        return queuePair.depthFromKernel();
    }

    /** Completions that named no job in the device (a misbehaving device); should stay 0. */
    public long strayCompletions() {
        return strayCompletions.get();
    }

    @Override
    public String toString() {
        return device.name() + "/qp" + queuePair.sqn() + " " + operation.name().toLowerCase();
    }
}
