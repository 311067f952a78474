package io.warpdrive.testing.kit;

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
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one fake driver of the test kit, configurable to be any kind of driver a test needs.
 *
 * <ul>
 * <li>What it is: name, calc type and priority; its devices (one by default, more with
 * {@link #addDevice}), their NUMA nodes, instances and health; queue depth and completion mode;
 * scatter-gather and direct-memory support; the algorithms it serves; streams (or
 * {@link #refuseStreams refused}).
 * <li>Its "codec": copies input to output (results easy to check), real gzip through
 * java.util.zip ({@link #gzip}), or a token of one byte for all input ({@link #tokenOutput}: a
 * driver whose work costs nothing, so what is measured is the platform's request path).
 * <li>Where and when jobs run: on two worker threads at once (PUSH), on the reaper (POLL),
 * inside {@code send} on the sending thread ({@link #inline}), after a service time on a timer
 * ({@link #serviceTime}), or {@linkplain #timed timed} in {@link SimulatedTime}: each job takes a
 * fixed cost plus a cost per byte on one server per device, one after the other, and completes
 * as an event of the simulation; a sync job of a driver that runs sync jobs on the caller's
 * thread (a CPU driver) runs at once and its time passes for the caller.
 * <li>What a test controls: hold jobs and release them later ({@link #hold}), make them fail
 * ({@link #failWith}), make queues stuck, watch every job sent ({@link #onSend}).
 * </ul>
 *
 * <p>It uses the exported API only, so the engine's own tests and every module after it share it.
 * Its switches are public fields: a test flips them while the engine runs.
 */
public final class FakeDriver implements Driver {
    public final String name;
    public final CalcType calcType;
    public final int priority;
    public boolean scatterGather = true;
    public boolean directOnly;
    public CompletionMode completionMode = CompletionMode.PUSH;
    public int depth = 8;
    public int instances = 64;
    public volatile boolean hold;
    public volatile WdStatus failWith;
    /** When set, starting a stream fails with this status (its devices went away, say). */
    public volatile WdStatus refuseStreams;
    /** Told of every job a queue accepts, on the sending thread (tests check where jobs go). */
    public volatile java.util.function.BiConsumer<FakeQueue, Job> onSend;
    /** The output limit of the job sent last. */
    public volatile long lastOutputLimit;
    public final List<FakeDevice> devices = new CopyOnWriteArrayList<>();
    public final List<DeviceListener> listeners = new CopyOnWriteArrayList<>();
    public final ConcurrentLinkedQueue<Job> held = new ConcurrentLinkedQueue<>();
    public final List<FakeQueue> queues = new CopyOnWriteArrayList<>();
    public final AtomicInteger streamsOpened = new AtomicInteger();
    public static final java.util.Queue<Throwable> WORKER_ERRORS = new ConcurrentLinkedQueue<>();
    public final AtomicInteger streamsClosed = new AtomicInteger();
    // Timed engine (null: the jobs complete on the fake's workers as soon as they can).
    private SimulatedTime simulation;
    private volatile long fixedNanos;
    private volatile double nanosPerByte;
    private boolean syncOnCaller;
    /** Jobs really compress and decompress gzip (java.util.zip) instead of copying. */
    public volatile boolean gzip;
    /** The next N gzip compressions complete OK with one bit of their output flipped (the emulator's bitflip fault). */
    public final AtomicInteger bitFlips = new AtomicInteger();
    /**
     * Compression streams really compress (java.util.zip's Deflater, gzip, zlib or raw deflate, each
     * request ending at a sync flush or the end) instead of copying; {@link #bitFlips} flips a bit of
     * the next N such requests' output.
     */
    public volatile boolean deflateStreams;
    /** Service times are multiplied by this (10: the engine slowed down tenfold). */
    public volatile double slowdown = 1;
    /** Its jobs run on the one simulated host core that other such drivers share (a CPU driver). */
    public volatile boolean onHostCore;
    /**
     * A sync job on its caller's thread takes this many times its service time of wall time, as
     * when the host's other threads keep the caller waiting for a core (1: a quiet host).
     */
    public volatile double waitForCore = 1;
    /**
     * A timed job that starts more than {@link #coldAfterNanos} after this driver's previous job
     * ended takes this much longer: its caches and code went cold meanwhile (0: never).
     */
    public volatile long coldNanos;
    public volatile long coldAfterNanos;
    private long lastJobEnd = Long.MIN_VALUE / 2;
    /** The engine reports each job's CPU time (its service time) as a CPU driver does. */
    public volatile boolean measuresCpu;
    /** Jobs run inside {@code send}, on the sending thread (as a driver that executes at once). */
    public volatile boolean inline;
    /**
     * The "codec" consumes all input and writes one byte: a driver whose work costs nothing, so
     * that what a request through it costs is the platform's request path alone.
     */
    public volatile boolean tokenOutput;
    /** The algorithms its devices serve. */
    public volatile Set<Algorithm> algorithms = EnumSet.allOf(Algorithm.class);
    /** Wall time a job takes, on a timer (0: none); jobs complete on the timer's threads. */
    private volatile long serviceNanos;
    private final ScheduledExecutorService workers = new ScheduledThreadPoolExecutor(2, r -> {
        Thread t = new Thread(r, "fake-worker");
        t.setDaemon(true);
        return t;
    });

    /** The capability matrix its info() gives (null: every algorithm both ways, stateless and stream). */
    public volatile List<io.warpdrive.lib.Capability> capabilities;

    /** The best zlib level this driver's output reaches ({@link Driver#ratioLevel}); 9: every level honoured. */
    public volatile int ratioCeiling = 9;

    @Override
    public int ratioLevel(int level) {
        return Math.min(level, ratioCeiling);
    }

    public FakeDriver(String name, CalcType calcType, int priority) {
        this.name = name;
        this.calcType = calcType;
        this.priority = priority;
        devices.add(new FakeDevice(name + "-0", 0));
    }

    /**
     * A driver that costs nothing (the benchmarks' driver): {@code devices} devices on NUMA nodes
     * 0 and 1 in turn, queues of depth 64 whose jobs complete inside {@code send} with a token of
     * output, no streams.
     */
    public static FakeDriver costless(String name, CalcType calcType, int priority, int devices) {
        FakeDriver d = new FakeDriver(name, calcType, priority);
        for (int i = 1; i < devices; i++) {
            d.addDevice(name + "-" + i, i % 2);
        }
        d.depth = 64;
        d.inline = true;
        d.tokenOutput = true;
        d.refuseStreams = WdStatus.UNSUPPORTED;
        return d;
    }

    /**
     * A hardware driver of a fixed speed, to saturate on purpose (the integration tests' fake):
     * calc type HW, priority 100, one device with {@code instances} instances, queues of depth 1
     * whose jobs take {@code serviceNanos} on a timer, flat buffers only, the deflate family,
     * no streams.
     */
    public static FakeDriver fixedSpeedHardware(String name, int instances, long serviceNanos) {
        FakeDriver d = new FakeDriver(name, CalcType.HW, 100);
        d.instances = instances;
        d.depth = 1;
        d.scatterGather = false;
        d.algorithms = EnumSet.of(Algorithm.DEFLATE, Algorithm.ZLIB, Algorithm.GZIP);
        d.refuseStreams = WdStatus.UNSUPPORTED;
        return d.serviceTime(serviceNanos);
    }

    /** One more device, on {@code numaNode}; returns this driver. */
    public FakeDriver addDevice(String deviceName, int numaNode) {
        devices.add(new FakeDevice(deviceName, numaNode));
        return this;
    }

    /**
     * Each job takes {@code nanos} of wall time on a timer, as a device of a fixed speed does,
     * and completes on the timer's thread.
     */
    public FakeDriver serviceTime(long nanos) {
        this.serviceNanos = nanos;
        return this;
    }

    /**
     * Makes this an engine of the given speed in {@code simulation}'s time.
     *
     * @param syncOnCaller sync jobs run on the caller's thread, as a CPU driver's do
     */
    public FakeDriver timed(SimulatedTime simulation, long fixedNanos, double bytesPerSecond, boolean syncOnCaller) {
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
        long now = simulation.nanoTime();
        if (coldNanos > 0 && now - lastJobEnd > coldAfterNanos) {
            service += coldNanos;
        }
        lastJobEnd = Math.max(lastJobEnd, now) + service;
        if (measuresCpu) {
            tracked.measuredCpuTime(service);
        }
        if (sync && syncOnCaller) {
            simulation.advance((long) (service * waitForCore));
            q.runOrFail(tracked);
            return;
        }
        Object server = onHostCore ? SimulatedTime.class : q.device;
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

    public void shutdown() throws InterruptedException {
        workers.shutdownNow();
        workers.awaitTermination(5, TimeUnit.SECONDS);
    }

    /** Completes (or fails, per {@link #failWith}) every held job. */
    public int releaseHeld() {
        int n = 0;
        Job j;
        while ((j = held.poll()) != null) {
            execute(j);
            n++;
        }
        return n;
    }

    /** Completes the oldest held job only. */
    public void releaseOne() {
        Job j = held.poll();
        if (j != null) {
            execute(j);
        }
    }

    public void fireDevicesChanged() {
        for (DeviceListener l : listeners) {
            l.devicesChanged(this);
        }
    }

    public static void execute(Job job) {
        if (job.stream() != null && ((FakeStream) job.stream()).closed) {
            job.fail(WdStatus.INVALID_STATE, "stream state used after close");
            return;
        }
        execute(job, false);
    }

    private static void execute(Job job, boolean token) {
        if (token) {
            SgList in = job.source();
            for (int i = 0; i < in.size(); i++) {
                ByteBuffer b = in.get(i);
                b.position(b.limit());
            }
            ByteBuffer out = job.destination().firstRemaining();
            if (out == null || !out.hasRemaining()) {
                job.fail(WdStatus.OUTPUT_TOO_SMALL, "fake: no output space for the token");
                return;
            }
            out.put((byte) 1);
            job.complete(true);
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
    public static void executeGzip(Job job) {
        executeGzip(job, false);
    }

    private static void executeGzip(Job job, boolean flipBit) {
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
        if (flipBit) {
            out[out.length / 2] ^= 0x10;
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
        return new FakeStream(this, algorithm, level);
    }

    public static final class FakeStream implements StreamState {
        public final FakeDriver driver;
        public volatile boolean closed;
        private final Algorithm algorithm;
        private final int level;
        /** For {@link FakeDriver#deflateStreams}: created at the stream's first job. */
        private java.util.zip.Deflater deflater;
        private final java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        private long length;

        FakeStream(FakeDriver driver, Algorithm algorithm, int level) {
            this.driver = driver;
            this.algorithm = algorithm;
            this.level = level;
        }

        /** Compresses the job's input (one flat buffer each way), ending at a sync flush or the end. */
        synchronized void deflate(Job job, boolean flipBit) {
            ByteBuffer src = job.source().get(0);
            byte[] in = new byte[src.remaining()];
            src.get(in);
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            if (deflater == null) {
                deflater = new java.util.zip.Deflater(level, algorithm != Algorithm.ZLIB);
                if (algorithm == Algorithm.GZIP) {
                    out.writeBytes(new byte[] { 0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff });
                }
            }
            boolean finish = job.flush() == io.warpdrive.comp.Flush.FINISH;
            crc.update(in);
            length += in.length;
            deflater.setInput(in);
            if (finish) {
                deflater.finish();
            }
            byte[] chunk = new byte[4096];
            int n;
            do {
                n = deflater.deflate(chunk, 0, chunk.length,
                        finish ? java.util.zip.Deflater.NO_FLUSH : java.util.zip.Deflater.SYNC_FLUSH);
                out.write(chunk, 0, n);
            } while (n == chunk.length || finish && !deflater.finished());
            if (finish && algorithm == Algorithm.GZIP) {
                ByteBuffer t = ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN);
                out.writeBytes(t.putInt((int) crc.getValue()).putInt((int) length).array());
            }
            byte[] bytes = out.toByteArray();
            ByteBuffer dst = job.destination().get(0);
            if (bytes.length > dst.remaining()) {
                job.fail(WdStatus.OUTPUT_TOO_SMALL, "fake: output space too small for a stream request's output");
                return;
            }
            if (flipBit && bytes.length > 0) {
                bytes[bytes.length / 2] ^= 0x10;
            }
            dst.put(bytes);
            job.complete(finish);
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                driver.streamsClosed.incrementAndGet();
                if (deflater != null) {
                    deflater.end();
                }
            }
        }
    }

    public final class FakeDevice implements Device {
        public final String name;
        public volatile DeviceHealth health = DeviceHealth.ONLINE;
        public final AtomicInteger open = new AtomicInteger();
        public volatile boolean smallWindowCompress = true;
        /** What it says of itself: part of its identity, which kept models and quarantines are tied to. */
        public volatile Map<String, String> attributes = Map.of("fake", "true");

        public final int numaNode;

        FakeDevice(String name, int numaNode) {
            this.name = name;
            this.numaNode = numaNode;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Set<Algorithm> algorithms() {
            return algorithms;
        }

        @Override
        public boolean serves(Algorithm algorithm, Operation operation, WindowSize window) {
            return smallWindowCompress || operation == Operation.DECOMPRESS || window == WindowSize.W32K;
        }

        @Override
        public int numaNode() {
            return numaNode;
        }

        @Override
        public Map<String, String> attributes() {
            return attributes;
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

    public final class FakeQueue implements Queue {
        public final FakeDevice device;
        public final Operation operation;
        public final QueueMode mode;
        public final AtomicInteger inFlight = new AtomicInteger();
        public final ConcurrentLinkedQueue<Job> done = new ConcurrentLinkedQueue<>();
        public volatile boolean closed;
        /** Jobs being executed outside the lock; close() waits for them, as the SPI requires. */
        public final AtomicInteger running = new AtomicInteger();
        public volatile boolean stuck;
        public volatile boolean stopped;

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
        public boolean send(Job job) {
            if (inline && !hold && !stuck && onSend == null && simulation == null) {
                // Completes before send returns: no lock, no tracking, nothing allocated, so a
                // benchmark through it measures the platform's request path alone.
                if (closed) {
                    job.fail(WdStatus.QUEUE_CLOSED, "fake queue closed");
                } else {
                    runOrFail(job);
                }
                return true;
            }
            return sendTracked(job);
        }

        private synchronized boolean sendTracked(Job job) {
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
            } else if (inline) {
                runOrFail(tracked);
            } else if (serviceNanos > 0) {
                running.incrementAndGet();
                workers.schedule(() -> {
                    try {
                        runOrFail(tracked);
                    } finally {
                        running.decrementAndGet();
                    }
                }, serviceNanos, TimeUnit.NANOSECONDS);
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
                } else if (deflateStreams && job.stream() != null && job.operation() == Operation.COMPRESS) {
                    ((FakeStream) job.stream()).deflate(job, bitFlips.getAndUpdate(n -> Math.max(0, n - 1)) > 0);
                } else if (gzip) {
                    executeGzip(job, job.operation() == Operation.COMPRESS
                            && bitFlips.getAndUpdate(n -> Math.max(0, n - 1)) > 0);
                } else if (tokenOutput) {
                    execute(job, true);
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
        public io.warpdrive.comp.FrameOptions frame() {
            return job.frame();
        }

        @Override
        public boolean wantsCpuTime() {
            return job.wantsCpuTime();
        }

        @Override
        public boolean senderWaits() {
            return job.senderWaits();
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
