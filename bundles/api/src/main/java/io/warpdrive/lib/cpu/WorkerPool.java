package io.warpdrive.lib.cpu;

import io.warpdrive.comp.SgList;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.lib.Job;
import io.warpdrive.lib.ring.MpmcRing;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The CPU workers behind every queue of a CPU driver: a lock-free ring of jobs and a few
 * threads, each with its own codec. An idle worker spins briefly (a job arriving soon is
 * picked up within a microsecond) and then parks; a submitter wakes exactly one parked worker.
 *
 * <p>Sync callers run their job themselves ({@link #runOnCaller}) with a codec borrowed
 * from a small pool, so a sync request costs no hand-off and no wake-up. Every codec's
 * memory is freed when the pool stops: a worker frees its own when it leaves, the
 * pool frees the borrowed ones, and a caller still running frees the one it has.
 */
public final class WorkerPool {
    private static final int CALLER_CODECS = 64;

    private final MpmcRing<WorkItem> work;
    /** The driver's name, for thread names and messages. */
    private final String driver;
    private final Supplier<? extends CpuCodec> codecs;
    private final Consumer<String> warn;
    /** The workers serving now; replaced as a whole when the pool is resized. */
    private volatile Worker[] workers;
    private volatile long spinNanos;
    private volatile boolean syncOnCaller;
    private volatile boolean running = true;
    private int nextIndex;
    private final AtomicInteger parkedWorkers = new AtomicInteger();
    /** Codecs of callers running their own sync jobs, kept between jobs. */
    private final MpmcRing<CpuCodec> callerCodecs = new MpmcRing<>(CALLER_CODECS);
    private final ThreadCpuClock cpuClock = new ThreadCpuClock();

    /**
     * @param driver the driver's name, for thread names ({@code wd-<driver>-<n>}) and messages
     * @param capacity how many jobs may wait: at least every queue's depth together
     * @param codecs makes a codec for each worker and each sync caller
     * @param warn where unexpected conditions are reported (the driver's logger)
     */
    public WorkerPool(String driver, int threads, int capacity, long spinNanos, boolean syncOnCaller,
            Supplier<? extends CpuCodec> codecs, Consumer<String> warn) {
        this.driver = driver;
        this.work = new MpmcRing<>(capacity);
        this.spinNanos = spinNanos;
        this.syncOnCaller = syncOnCaller;
        this.codecs = codecs;
        this.warn = warn;
        Worker[] initial = new Worker[threads];
        for (int i = 0; i < threads; i++) {
            initial[i] = new Worker(nextIndex++);
        }
        this.workers = initial;
    }

    /** Starts the workers; once, before the first job. */
    public void start() {
        for (Worker w : workers) {
            w.thread.start();
        }
    }

    /** The number of workers now. */
    public int size() {
        return workers.length;
    }

    /** Changes the number of workers live: new ones start at once, surplus ones finish their job and leave. */
    public synchronized void resize(int threads, long newSpinNanos, boolean newSyncOnCaller) {
        spinNanos = newSpinNanos;
        syncOnCaller = newSyncOnCaller;
        Worker[] now = workers;
        if (threads == now.length || !running) {
            return;
        }
        Worker[] next = Arrays.copyOf(now, threads);
        for (int i = now.length; i < threads; i++) {
            next[i] = new Worker(nextIndex++);
        }
        workers = next;
        for (int i = now.length; i < threads; i++) {
            next[i].thread.start();
        }
        for (int i = threads; i < now.length; i++) {
            now[i].retiring = true;
            LockSupport.unpark(now[i].thread);
        }
    }

    /** Sync jobs may run on their caller's thread instead of a worker's. */
    boolean syncOnCaller() {
        return syncOnCaller && running;
    }

    /** Runs a sync job on the calling thread, which would otherwise wait for a worker; completes or fails it. */
    void runOnCaller(CpuQueue queue, Job job) {
        CpuCodec codec = callerCodecs.poll();
        if (codec == null) {
            codec = codecs.get();
        }
        try {
            execute(codec, queue, job, Thread.currentThread().getName());
        } finally {
            if (!running || !callerCodecs.offer(codec)) {
                codec.close();
            }
            if (!running) {
                closeCallerCodecs();
            }
        }
    }

    private void closeCallerCodecs() {
        CpuCodec codec;
        while ((codec = callerCodecs.poll()) != null) {
            codec.close();
        }
    }

    /** Queues a job for the workers; false when the ring is full. */
    boolean submit(WorkItem item) {
        if (!work.offer(item)) {
            return false;
        }
        if (parkedWorkers.get() > 0) {
            wakeOne();
        }
        return true;
    }

    private void wakeOne() {
        for (Worker w : workers) {
            if (w.isParked && w.claimWake()) {
                LockSupport.unpark(w.thread);
                return;
            }
        }
    }

    /** Stops the workers after the jobs they run; jobs still queued fail with DRIVER_GONE. */
    public void stop() {
        running = false;
        for (Worker w : workers) {
            LockSupport.unpark(w.thread);
        }
        for (Worker w : workers) {
            try {
                w.thread.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (w.thread.isAlive()) {
                warn.accept(driver + " worker " + w.thread.getName() + " did not stop within 30 s");
            }
        }
        WorkItem item;
        while ((item = work.poll()) != null) {
            Job job = item.job;
            item.job = null;
            try {
                job.fail(WdStatus.DRIVER_GONE, "the " + driver + " driver stopped before the job ran");
            } finally {
                item.queue.jobDone();
            }
        }
        closeCallerCodecs();
    }

    /** Reports an unexpected condition of one of the pool's queues. */
    void warn(String message) {
        warn.accept(message);
    }

    /** Runs one job on a codec and completes or fails it; the queue learns it is done. */
    private void execute(CpuCodec codec, CpuQueue q, Job job, String runner) {
        try {
            if (q.isClosed()) {
                job.fail(WdStatus.QUEUE_CLOSED, "the queue was closed before the job ran");
            } else {
                // The codec runs without blocking, so its wall time is the CPU time charged to the consumer.
                SgList source = job.source();
                boolean measured = cpuClock.measures(source == null ? 0 : source.remaining(), job.wantsCpuTime());
                long cpuStart = measured ? cpuClock.now() : 0;
                long start = System.nanoTime();
                boolean endOfStream = codec.execute(job);
                job.addCpuTime(System.nanoTime() - start);
                if (measured) {
                    job.measuredCpuTime(cpuClock.now() - cpuStart);
                }
                job.complete(endOfStream);
            }
        } catch (WdException e) {
            job.fail(e.status(), e.detail());
        } catch (RuntimeException | OutOfMemoryError e) {
            warn.accept(driver + " job on " + runner + " failed unexpectedly: " + e);
            job.fail(WdStatus.INTERNAL, "the " + driver + " codec failed: " + e);
        } finally {
            q.jobDone();
        }
    }

    private final class Worker implements Runnable {
        final Thread thread;
        volatile boolean isParked;
        volatile boolean retiring;
        private final AtomicInteger wake = new AtomicInteger();

        Worker(int index) {
            this.thread = new Thread(this, "wd-" + driver + "-" + index);
            this.thread.setDaemon(true);
        }

        /** Takes this worker's park flag for one wake-up; only one submitter wins it. */
        boolean claimWake() {
            if (wake.compareAndSet(1, 0)) {
                parkedWorkers.decrementAndGet();
                return true;
            }
            return false;
        }

        @Override
        public void run() {
            try (CpuCodec codec = codecs.get()) {
                while (running && !retiring) {
                    WorkItem item = work.poll();
                    if (item == null) {
                        item = idle();
                        if (item == null) {
                            continue;
                        }
                    }
                    Job job = item.job;
                    item.job = null;
                    execute(codec, item.queue, job, thread.getName());
                }
            }
        }

        /** Spins for work, then parks until woken; returns an item if one came. */
        private WorkItem idle() {
            long end = System.nanoTime() + spinNanos;
            int n = 0;
            do {
                WorkItem item = work.poll();
                if (item != null) {
                    return item;
                }
                Thread.onSpinWait();
            } while ((++n & 63) != 0 || System.nanoTime() - end < 0);
            wake.set(1);
            parkedWorkers.incrementAndGet();
            isParked = true;
            WorkItem item = work.poll();
            if (item == null && running && !retiring) {
                LockSupport.park(this);
            }
            isParked = false;
            claimWake();
            return item;
        }
    }
}
