package io.warpdrive.lib.cpu;

import io.warpdrive.comp.Operation;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.lib.CompletionMode;
import io.warpdrive.lib.Device;
import io.warpdrive.lib.Job;
import io.warpdrive.lib.Queue;
import io.warpdrive.lib.QueueMode;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A queue on a CPU device: bounded depth, non-blocking send, jobs completed by the CPU
 * workers (PUSH completion), except a sync caller's job, which the caller's own thread runs
 * inside {@code send} unless configured otherwise.
 */
final class CpuQueue implements Queue {
    private static final long CLOSE_WAIT_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final CpuDevice device;
    private final Operation operation;
    private final QueueMode mode;
    private final int depth;
    private final WorkerPool pool;
    private final WorkItem[] items;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean closed;
    private volatile Thread closer;

    CpuQueue(CpuDevice device, Operation operation, QueueMode mode, int depth, WorkerPool pool) {
        this.device = device;
        this.operation = operation;
        this.mode = mode;
        this.depth = depth;
        this.pool = pool;
        this.items = new WorkItem[depth];
        for (int i = 0; i < depth; i++) {
            items[i] = new WorkItem(this);
        }
    }

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
        return depth;
    }

    @Override
    public CompletionMode completionMode() {
        return CompletionMode.PUSH;
    }

    @Override
    public boolean send(Job job) {
        if (closed) {
            job.fail(WdStatus.QUEUE_CLOSED, "queue on " + device.name() + " is closed");
            return true;
        }
        int n;
        do {
            n = inFlight.get();
            if (n >= depth) {
                return false;
            }
        } while (!inFlight.compareAndSet(n, n + 1));
        int tag = job.tag();
        if (tag < 0 || tag >= depth) {
            jobDone();
            job.fail(WdStatus.INVALID_ARGUMENT, "tag " + tag + " outside 0.." + (depth - 1));
            return true;
        }
        if (job.senderWaits() && pool.syncOnCaller()) {
            pool.runOnCaller(this, job);
            return true;
        }
        WorkItem item = items[tag];
        item.job = job;
        if (!pool.submit(item)) {
            item.job = null;
            jobDone();
            return false;
        }
        // A close that began meanwhile waits for this job: the worker fails it as closed.
        return true;
    }

    @Override
    public int receive(int budget) {
        return 0;
    }

    boolean isClosed() {
        return closed;
    }

    /** A worker or caller finished (completed or failed) one of this queue's jobs. */
    void jobDone() {
        if (inFlight.decrementAndGet() == 0 && closed) {
            Thread t = closer;
            if (t != null) {
                LockSupport.unpark(t);
            }
        }
    }

    /**
     * Closes the queue: queued jobs fail as QUEUE_CLOSED when a worker reaches them, a job
     * being run finishes; returns when none is left (bounded, for a job that would not end).
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closer = Thread.currentThread();
        closed = true;
        long deadline = System.nanoTime() + CLOSE_WAIT_NANOS;
        while (inFlight.get() > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                pool.warn("queue on " + device.name() + " closed with " + inFlight.get() + " jobs still running");
                break;
            }
            LockSupport.parkNanos(this, Math.min(left, TimeUnit.MILLISECONDS.toNanos(10)));
        }
        closer = null;
        device.queueClosed(this);
    }
}
