package io.warpdrive.core.engine;

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
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A driver for engine tests: its "codec" copies input to output (so results are easy to
 * check), and a test can hold jobs, complete them later, or make them fail.
 *
 * <p>{@linkplain #timed Timed}, it is an engine of a given speed in simulated time: each job takes
 * a fixed cost plus a cost per byte on one server per device, one after the other, and completes
 * as an event of the {@link Simulation}; a sync job of a driver that runs sync jobs on the caller's
 * thread (a CPU driver) runs at once and its time passes for the caller.
 */
final class FakeDriver implements Driver {
    final String name;
    final CalcType calcType;
    final int priority;
    boolean scatterGather = true;
    boolean directOnly;
    CompletionMode completionMode = CompletionMode.PUSH;
    int depth = 8;
    int instances = 64;
    volatile boolean hold;
    volatile WdStatus failWith;
    /** When set, starting a stream fails with this status (its devices went away, say). */
    volatile WdStatus refuseStreams;
    /** Told of every job a queue accepts, on the sending thread (tests check where jobs go). */
    volatile java.util.function.BiConsumer<FakeQueue, Job> onSend;
    /** The output limit of the job sent last. */
    volatile long lastOutputLimit;
    final List<FakeDevice> devices = new CopyOnWriteArrayList<>();
    final List<DeviceListener> listeners = new CopyOnWriteArrayList<>();
    final ConcurrentLinkedQueue<Job> held = new ConcurrentLinkedQueue<>();
    final List<FakeQueue> queues = new CopyOnWriteArrayList<>();
    final AtomicInteger streamsOpened = new AtomicInteger();
    static final java.util.Queue<Throwable> WORKER_ERRORS = new ConcurrentLinkedQueue<>();
    final AtomicInteger streamsClosed = new AtomicInteger();
    // Timed engine (null: the jobs complete on the fake's workers as soon as they can).
    private Simulation simulation;
    private volatile long fixedNanos;
    private volatile double nanosPerByte;
    private boolean syncOnCaller;
    /** Jobs really compress and decompress gzip (java.util.zip) instead of copying. */
    volatile boolean gzip;
    /** Service times are multiplied by this (10: the engine slowed down tenfold). */
    volatile double slowdown = 1;
    /** Its jobs run on the one simulated host core that other such drivers share (a CPU driver). */
    volatile boolean onHostCore;
    /**
     * A sync job on its caller's thread takes this many times its service time of wall time, as
     * when the host's other threads keep the caller waiting for a core (1: a quiet host).
     */
    volatile double waitForCore = 1;
    /** The engine reports each job's CPU time (its service time) as a CPU driver does. */
    volatile boolean measuresCpu;
    private final ExecutorService workers = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "fake-worker");
        t.setDaemon(true);
        return t;
    });

    /** The capability matrix its info() gives (null: every algorithm both ways, stateless and stream). */
    volatile List<io.warpdrive.lib.Capability> capabilities;

    /** The best zlib level this driver's output reaches ({@link Driver#ratioLevel}); 9: every level honoured. */
    volatile int ratioCeiling = 9;

    @Override
    public int ratioLevel(int level) {
        return Math.min(level, ratioCeiling);
    }

    FakeDriver(String name, CalcType calcType, int priority) {
        this.name = name;
        this.calcType = calcType;
        this.priority = priority;
        devices.add(new FakeDevice(name + "-0"));
    }

    /**
     * Makes this an engine of the given speed in {@code simulation}'s time.
     *
     * @param syncOnCaller sync jobs run on the caller's thread, as a CPU driver's do
     */
    FakeDriver timed(Simulation simulation, long fixedNanos, double bytesPerSecond, boolean syncOnCaller) {
        this.simulation = simulation;
        this.fixedNanos = fixedNanos;
        this.nanosPerByte = 1e9 / bytesPerSecond;
        this.syncOnCaller = syncOnCaller;
        return this;
    }

    private long serviceNanos(Job job) {
        return (long) ((fixedNanos + nanosPerByte * job.source().remaining()) * slowdown);
    }

    /**
     * A timed job: a sync one of a CPU driver runs now while its caller's time passes; any other
     * takes the device's server after the jobs ahead and completes then. A sync caller of a device
     * waits in simulated time too: the test's one thread is the caller, the device and the clock.
     */
    private void runTimed(FakeQueue q, Job tracked, boolean sync) {
        long service = serviceNanos(tracked);
        if (measuresCpu) {
            tracked.measuredCpuTime(service);
        }
        if (sync && syncOnCaller) {
            simulation.advance((long) (service * waitForCore));
            q.runOrFail(tracked);
            return;
        }
        Object server = onHostCore ? Simulation.class : q.device;
        long start = Math.max(simulation.nanoTime(), simulation.freeAt(server));
        long done = start + service;
        simulation.busyUntil(server, done);
        if (sync) {
            simulation.advance(done - simulation.nanoTime());
            q.runOrFail(tracked);
        } else {
            simulation.at(done, () -> q.runOrFail(tracked));
        }
    }

    void shutdown() throws InterruptedException {
        workers.shutdownNow();
        workers.awaitTermination(5, TimeUnit.SECONDS);
    }

    /** Completes (or fails, per {@link #failWith}) every held job. */
    int releaseHeld() {
        int n = 0;
        Job j;
        while ((j = held.poll()) != null) {
            execute(j);
            n++;
        }
        return n;
    }

    /** Completes the oldest held job only. */
    void releaseOne() {
        Job j = held.poll();
        if (j != null) {
            execute(j);
        }
    }

    void fireDevicesChanged() {
        for (DeviceListener l : listeners) {
            l.devicesChanged(this);
        }
    }

    static void execute(Job job) {
        if (job.stream() != null && ((FakeStream) job.stream()).closed) {
            job.fail(WdStatus.INVALID_STATE, "stream state used after close");
            return;
        }
        SgList src = job.source();
        SgList dst = job.destination();
        long limit = job.outputLimit();
        if (src.remaining() > limit && dst.remaining() > limit) {
            job.fail(WdStatus.OUTPUT_LIMIT_EXCEEDED, "fake: output limit of " + limit + " bytes");
            return;
        }
        int si = 0;
        int di = 0;
        while (si < src.size() && di < dst.size()) {
            ByteBuffer s = src.get(si);
            ByteBuffer d = dst.get(di);
            if (!s.hasRemaining()) {
                si++;
                continue;
            }
            if (!d.hasRemaining()) {
                di++;
                continue;
            }
            int n = Math.min(s.remaining(), d.remaining());
            d.put(d.position(), s, s.position(), n);
            d.position(d.position() + n);
            s.position(s.position() + n);
        }
        if (src.hasRemaining()) {
            job.fail(WdStatus.OUTPUT_TOO_SMALL, "fake: output space too small");
        } else {
            job.complete(job.flush() == io.warpdrive.comp.Flush.FINISH);
        }
    }

    /** gzip through java.util.zip, flat buffers: a driver whose output is right. */
    static void executeGzip(Job job) {
        ByteBuffer src = job.source().get(0);
        byte[] in = new byte[src.remaining()];
        src.get(in);
        byte[] out;
        try {
            if (job.operation() == Operation.COMPRESS) {
                java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
                try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(bytes)) {
                    gz.write(in);
                }
                out = bytes.toByteArray();
            } else {
                try (java.util.zip.GZIPInputStream gz = new java.util.zip.GZIPInputStream(
                        new java.io.ByteArrayInputStream(in))) {
                    out = gz.readAllBytes();
                }
            }
        } catch (java.io.IOException e) {
            job.fail(WdStatus.CORRUPT_INPUT, e.toString());
            return;
        }
        ByteBuffer dst = job.destination().get(0);
        if (out.length > dst.remaining()) {
            job.fail(WdStatus.OUTPUT_TOO_SMALL, "fake: output space too small");
            return;
        }
        dst.put(out);
        job.complete(true);
    }

    @Override
    public io.warpdrive.lib.DriverInfo info() {
        io.warpdrive.lib.DriverInfo all = Driver.super.info();
        List<io.warpdrive.lib.Capability> rows = capabilities;
        return rows == null ? all : new io.warpdrive.lib.DriverInfo(name, calcType, priority, all.algorithms(),
                all.compressionWindows(), scatterGather, directOnly, rows);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public CalcType calcType() {
        return calcType;
    }

    @Override
    public int priority() {
        return priority;
    }

    @Override
    public List<? extends Device> devices() {
        return new ArrayList<>(devices);
    }

    @Override
    public void addDeviceListener(DeviceListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeDeviceListener(DeviceListener listener) {
        listeners.remove(listener);
    }

    @Override
    public boolean scatterGather() {
        return scatterGather;
    }

    @Override
    public boolean directMemoryOnly() {
        return directOnly;
    }

    @Override
    public StreamState openStream(Algorithm algorithm, Operation operation, int level, WindowSize window) {
        WdStatus refuse = refuseStreams;
        if (refuse != null) {
            throw new WdException(refuse, "fake driver " + name + " refuses to start a stream");
        }
        streamsOpened.incrementAndGet();
        return new FakeStream(this);
    }

    static final class FakeStream implements StreamState {
        final FakeDriver driver;
        volatile boolean closed;

        FakeStream(FakeDriver driver) {
            this.driver = driver;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                driver.streamsClosed.incrementAndGet();
            }
        }
    }

    final class FakeDevice implements Device {
        final String name;
        volatile DeviceHealth health = DeviceHealth.ONLINE;
        final AtomicInteger open = new AtomicInteger();
        volatile boolean smallWindowCompress = true;

        FakeDevice(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Set<Algorithm> algorithms() {
            return EnumSet.allOf(Algorithm.class);
        }

        @Override
        public boolean serves(Algorithm algorithm, Operation operation, WindowSize window) {
            return smallWindowCompress || operation == Operation.DECOMPRESS || window == WindowSize.W32K;
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
            return health;
        }

        @Override
        public Queue openQueue(Operation operation, QueueMode mode) {
            if (open.incrementAndGet() > instances) {
                open.decrementAndGet();
                throw new WdException(WdStatus.BUSY, "no free instance");
            }
            FakeQueue q = new FakeQueue(this, operation, mode);
            queues.add(q);
            return q;
        }
    }

    final class FakeQueue implements Queue {
        final FakeDevice device;
        final Operation operation;
        final QueueMode mode;
        final AtomicInteger inFlight = new AtomicInteger();
        final ConcurrentLinkedQueue<Job> done = new ConcurrentLinkedQueue<>();
        volatile boolean closed;
        /** Jobs being executed outside the lock; close() waits for them, as the SPI requires. */
        final AtomicInteger running = new AtomicInteger();
        volatile boolean stuck;
        volatile boolean stopped;

        FakeQueue(FakeDevice device, Operation operation, QueueMode mode) {
            this.device = device;
            this.operation = operation;
            this.mode = mode;
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
            return completionMode;
        }

        @Override
        public synchronized boolean send(Job job) {
            if (closed) {
                job.fail(WdStatus.QUEUE_CLOSED, "fake queue closed");
                return true;
            }
            if (inFlight.incrementAndGet() > depth) {
                inFlight.decrementAndGet();
                return false;
            }
            lastOutputLimit = job.outputLimit();
            String unfit = unfit(job);
            if (unfit != null) {
                // What it declares it cannot take, it refuses, as a device would: the platform must bounce.
                inFlight.decrementAndGet();
                job.fail(WdStatus.INVALID_ARGUMENT, "fake driver " + name + ": " + unfit);
                return true;
            }
            Job tracked = new TrackedJob(job, this);
            java.util.function.BiConsumer<FakeQueue, Job> spy = onSend;
            if (spy != null) {
                spy.accept(this, job);
            }
            if (stuck) {
                return true;
            }
            if (simulation != null) {
                runTimed(this, tracked, job.senderWaits());
            } else if (hold) {
                held.add(tracked);
            } else if (completionMode == CompletionMode.POLL) {
                done.add(tracked);
            } else {
                running.incrementAndGet();
                workers.execute(() -> {
                    try {
                        runOrFail(tracked);
                    } finally {
                        running.decrementAndGet();
                    }
                });
            }
            return true;
        }

        /** Why the job breaks what the driver declares ({@code scatterGather}, {@code directMemoryOnly}), or null. */
        private String unfit(Job job) {
            SgList[] lists = { job.source(), job.destination() };
            for (SgList l : lists) {
                if (!scatterGather && l.size() > 1) {
                    return "a list of " + l.size() + " buffers, but it takes one flat buffer";
                }
                for (int i = 0; directOnly && i < l.size(); i++) {
                    if (!l.get(i).isDirect()) {
                        return "a heap buffer, but it takes direct memory only";
                    }
                }
            }
            return null;
        }

        private void runOrFail(Job job) {
            try {
                WdStatus f = failWith;
                if (f != null) {
                    job.fail(f, "fake failure");
                } else if (gzip) {
                    executeGzip(job);
                } else {
                    execute(job);
                }
            } catch (RuntimeException e) {
                WORKER_ERRORS.add(e);
                throw e;
            }
        }

        @Override
        public int receive(int budget) {
            int n = 0;
            while (n < budget) {
                Job j;
                synchronized (this) {
                    j = closed ? null : done.poll();
                    if (j == null) {
                        break;
                    }
                    running.incrementAndGet();
                }
                try {
                    runOrFail(j);
                } finally {
                    running.decrementAndGet();
                }
                n++;
            }
            return n;
        }

        @Override
        public boolean isStopped() {
            return stopped;
        }

        @Override
        public void close() {
            synchronized (this) {
                if (closed) {
                    return;
                }
                closed = true;
            }
            device.open.decrementAndGet();
            Job j;
            while ((j = done.poll()) != null) {
                j.fail(WdStatus.QUEUE_CLOSED, "fake queue closed");
            }
            for (Job h : held.toArray(new Job[0])) {
                if (((TrackedJob) h).queue == this && held.remove(h)) {
                    h.fail(WdStatus.QUEUE_CLOSED, "fake queue closed");
                }
            }
            while (running.get() > 0 && !stuck) {
                Thread.onSpinWait();
            }
        }
    }

    /** Decrements the queue's in-flight count when the job completes, whoever completes it. */
    static final class TrackedJob implements Job {
        final Job job;
        final FakeQueue queue;

        TrackedJob(Job job, FakeQueue queue) {
            this.job = job;
            this.queue = queue;
        }

        @Override
        public int tag() {
            return job.tag();
        }

        @Override
        public Operation operation() {
            return job.operation();
        }

        @Override
        public Algorithm algorithm() {
            return job.algorithm();
        }

        @Override
        public int level() {
            return job.level();
        }

        @Override
        public WindowSize window() {
            return job.window();
        }

        @Override
        public SgList source() {
            return job.source();
        }

        @Override
        public SgList destination() {
            return job.destination();
        }

        @Override
        public io.warpdrive.comp.Flush flush() {
            return job.flush();
        }

        @Override
        public StreamState stream() {
            return job.stream();
        }

        @Override
        public long outputLimit() {
            return job.outputLimit();
        }

        @Override
        public void addCpuTime(long nanos) {
            job.addCpuTime(nanos);
        }

        @Override
        public void measuredCpuTime(long nanos) {
            job.measuredCpuTime(nanos);
        }

        @Override
        public void complete(boolean endOfStream) {
            queue.inFlight.decrementAndGet();
            job.complete(endOfStream);
        }

        @Override
        public void fail(WdStatus status, String detail) {
            queue.inFlight.decrementAndGet();
            job.fail(status, detail);
        }
    }
}
