package io.warpdrive.itests;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.SgList;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.comp.WindowSize;
import io.warpdrive.lib.CalcType;
import io.warpdrive.lib.CompletionMode;
import io.warpdrive.lib.Device;
import io.warpdrive.lib.DeviceHealth;
import io.warpdrive.lib.DeviceListener;
import io.warpdrive.lib.Driver;
import io.warpdrive.lib.Job;
import io.warpdrive.lib.Queue;
import io.warpdrive.lib.QueueMode;
import io.warpdrive.lib.StreamState;
import java.nio.ByteBuffer;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A hardware driver registered by a test, to saturate on purpose: one device with a fixed
 * number of instances, queues of depth 1, and a fixed service time per job. Its "codec"
 * copies input to output: tests using it look at who served a request, not at the bytes.
 */
final class FakeHardwareDriver implements Driver, Device {
    static final String NAME = "fakehw";

    private final int instances;
    private final long serviceNanos;
    private final AtomicInteger open = new AtomicInteger();
    private final ScheduledExecutorService device;
    /** Told of every job a queue accepts (the queue, the job), on the sending thread: tests see where jobs go. */
    volatile java.util.function.BiConsumer<Object, Job> onSend;

    FakeHardwareDriver(int instances, long serviceNanos) {
        this.instances = instances;
        this.serviceNanos = serviceNanos;
        ScheduledThreadPoolExecutor ex = new ScheduledThreadPoolExecutor(2, r -> {
            Thread t = new Thread(r, "fakehw-device");
            t.setDaemon(true);
            return t;
        });
        this.device = ex;
    }

    void shutdown() {
        device.shutdownNow();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CalcType calcType() {
        return CalcType.HW;
    }

    @Override
    public int priority() {
        return 100;
    }

    @Override
    public List<? extends Device> devices() {
        return List.of(this);
    }

    @Override
    public void addDeviceListener(DeviceListener listener) {
    }

    @Override
    public void removeDeviceListener(DeviceListener listener) {
    }

    @Override
    public boolean scatterGather() {
        return false;
    }

    @Override
    public boolean directMemoryOnly() {
        return false;
    }

    @Override
    public StreamState openStream(Algorithm algorithm, Operation operation, int level, WindowSize window) {
        throw new WdException(WdStatus.UNSUPPORTED, "the fake hardware driver has no streams");
    }

    // ---- Device -------------------------------------------------------------------------

    @Override
    public Set<Algorithm> algorithms() {
        return EnumSet.of(Algorithm.DEFLATE, Algorithm.ZLIB, Algorithm.GZIP);
    }

    @Override
    public int numaNode() {
        return 0;
    }

    @Override
    public int instances() {
        return instances;
    }

    @Override
    public int availableInstances() {
        return instances - open.get();
    }

    @Override
    public DeviceHealth health() {
        return DeviceHealth.ONLINE;
    }

    @Override
    public Map<String, String> attributes() {
        return Map.of("fake", "true");
    }

    @Override
    public Queue openQueue(Operation operation, QueueMode mode) {
        if (open.incrementAndGet() > instances) {
            open.decrementAndGet();
            throw new WdException(WdStatus.BUSY, "all " + instances + " instances in use");
        }
        return new OneSlotQueue(operation, mode);
    }

    /** A queue of depth 1 whose job completes after the service time. */
    private final class OneSlotQueue implements Queue {
        private final Operation operation;
        private final QueueMode mode;
        private final AtomicInteger inFlight = new AtomicInteger();
        private volatile boolean closed;

        OneSlotQueue(Operation operation, QueueMode mode) {
            this.operation = operation;
            this.mode = mode;
        }

        @Override
        public Device device() {
            return FakeHardwareDriver.this;
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
            return 1;
        }

        @Override
        public CompletionMode completionMode() {
            return CompletionMode.PUSH;
        }

        @Override
        public synchronized boolean send(Job job) {
            if (closed) {
                job.fail(WdStatus.QUEUE_CLOSED, "fake hardware queue closed");
                return true;
            }
            if (!inFlight.compareAndSet(0, 1)) {
                return false;
            }
            java.util.function.BiConsumer<Object, Job> spy = onSend;
            if (spy != null) {
                spy.accept(this, job);
            }
            device.schedule(() -> run(job), serviceNanos, TimeUnit.NANOSECONDS);
            return true;
        }

        private void run(Job job) {
            SgList src = job.source();
            SgList dst = job.destination();
            ByteBuffer out = dst.firstRemaining();
            src.gatherInto(out);
            inFlight.set(0);
            if (src.hasRemaining()) {
                job.fail(WdStatus.OUTPUT_TOO_SMALL, "fake: output too small");
            } else {
                job.complete(true);
            }
        }

        @Override
        public int receive(int budget) {
            return 0;
        }

        @Override
        public void close() {
            synchronized (this) {
                closed = true;
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (inFlight.get() > 0 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            open.decrementAndGet();
        }
    }
}
