package io.warpdrive.core.model;

import io.warpdrive.admin.ModelInfo;
import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Operation;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the platform knows of one device of one driver (an engine: a hardware device, or a CPU
 * driver's workers): its {@link ServiceModel}, the work queued on it now as predicted service
 * time, and the cost of a sync caller's path to it (how long from a job's completion until its
 * caller runs again, and whether sync jobs run on the caller's own thread). Shared by all queues
 * of the device; updated on the completion path without locks or allocation.
 *
 * <p>An engine that runs on the host's cores (a CPU driver's workers, an emulated device's thread)
 * is not free beside the others that do: the work queued on all of them shares those cores, so its
 * wait is at least the host's queued work over the number of cores. Otherwise a second CPU driver
 * would look idle and take requests that only slow the first one down.
 */
public final class DeviceModel implements ModelInfo {
    private static final double PATH_WEIGHT = 1.0 / 16;
    /** A failed job counts as this many times its expected time: a failing device loses its traffic. */
    private static final int FAILURE_PENALTY = 8;
    /** A persisted cell more than this many times off its calibration either way is learned afresh. */
    private static final int RECHECK_BOUND = 2;
    /**
     * The prediction of a device that does not know the kind of request yet and already holds as
     * many jobs as it needs to learn it: later than any known one, so it is tried again once
     * some of them are back.
     */
    public static final long TRIED_AND_BUSY = Long.MAX_VALUE / 4;

    private final String driver;
    private final String device;
    private final boolean hardware;
    private final int parallelism;
    /** Jobs a device that does not know a kind of request yet takes at once to learn it. */
    private final int triedAtOnce;
    private final ServiceModel service = new ServiceModel();
    /** Predicted service time of the jobs sent to the device and not yet completed (inline sync jobs aside). */
    private final AtomicLong queuedNanos = new AtomicLong();
    private final AtomicInteger queuedJobs = new AtomicInteger();
    private volatile long lastCompletionNanos;
    /** The averages of the sync path, written by completions only. */
    private double handBackAverage;
    private double syncInline;
    private long syncSamples;
    /**
     * What the pick reads of the path, published whole after each update: one plain volatile
     * read each, no conversion, however many queues of the device a pick looks at.
     */
    private volatile long handBackNanos;
    private volatile boolean syncRunsInline;
    private final AtomicLong failures = new AtomicLong();
    /** The work queued on every engine that runs on the host's cores, or null for a device of its own. */
    private final HostCores host;
    private volatile String refused;
    /**
     * Whether the engine reports the CPU time its jobs took (a CPU driver, on some of its jobs).
     * Its model then learns from those alone: their wall time also counts the time the thread
     * waited for a core, which grows with the host's load, so an engine used all the time would
     * read slower than one last tried when the host was quiet, and lose traffic to it. The wait
     * for a core is the {@link HostCores}' part of the prediction instead.
     */
    private volatile boolean measuresCpu;
    private volatile long lastCalibrationMillis;
    /** Explored jobs still to complete before the model learns from them again ({@link #exploring}). */
    private final AtomicInteger warmUpLeft = new AtomicInteger();

    /**
     * @param parallelism jobs the device serves at the same time (a CPU driver's workers; 1 for a
     *        device that does not say)
     */
    public DeviceModel(String driver, String device, boolean hardware, int parallelism) {
        this(driver, device, hardware, parallelism, null);
    }

    /** @param host the host's cores when the engine runs on them, else null */
    public DeviceModel(String driver, String device, boolean hardware, int parallelism, HostCores host) {
        this.host = host;
        this.driver = driver;
        this.device = device;
        this.hardware = hardware;
        this.parallelism = Math.max(1, parallelism);
        this.triedAtOnce = Math.max(this.parallelism, ServiceModel.TO_PREDICT);
    }

    /**
     * Expected time until a request of this cell and size sent now would be back with its caller:
     * the work queued ahead on the device (unless a sync job runs on its caller's thread), its own
     * service time, and for a sync caller the hand-back. 0 while the cell is not known yet and the
     * device holds fewer jobs than it needs to predict ({@link ServiceModel#TO_PREDICT}, or one per
     * server if it has more): the pick then tries this device, which is how every device gets its
     * first samples; {@link #TRIED_AND_BUSY} while it is not known and holds that many.
     */
    public long finishNanos(int cell, long bytes, boolean sync) {
        long own = service.predict(cell, bytes);
        if (own < 0) {
            // Tried by as many jobs at once as it needs to predict: read as finishing at once
            // however much it holds, it would take every request of the kind until the first came
            // back, and an async window of 16 would wait on a device that may be the slowest there is.
            return queuedJobs.get() < triedAtOnce ? 0 : TRIED_AND_BUSY;
        }
        long wait = 0;
        if (!(sync && syncRunsInline)) {
            long queued = queuedNanos.get();
            wait = queued == 0 ? 0 : queued / parallelism; // no division on an idle device
            if (host != null) {
                wait = Math.max(wait, host.waitNanos());
            }
        }
        long path = sync ? handBackNanos : 0;
        return Math.max(1, wait + own + path);
    }

    /**
     * How long a sync caller whose job was just sent (and {@linkplain #enqueue enqueued}) should
     * spin before it parks: while the job is predicted back within {@code thresholdNanos} — the
     * device's queued work, this job's included, over its parallelism (at least the job's own
     * service time), plus the hand-back — twice the prediction, at least {@code minSpinNanos} and
     * at most twice the threshold; 0 (park) when it is predicted to take longer. A short request
     * sent behind a long one thus parks. -1 while the model does not know this kind of request.
     */
    public long spinNanos(int cell, long bytes, long thresholdNanos, long minSpinNanos) {
        long own = cell < 0 ? -1 : service.predict(cell, bytes);
        if (own < 0) {
            return -1;
        }
        long queued = queuedNanos.get() / parallelism;
        if (host != null) {
            queued = Math.max(queued, host.waitNanos());
        }
        long expected = Math.max(own, queued) + handBackNanos;
        if (expected > thresholdNanos) {
            return 0;
        }
        return Math.min(2 * thresholdNanos, Math.max(minSpinNanos, 2 * expected));
    }

    /** Predicted service time alone, or -1 when the cell is not known yet. */
    public long serviceNanos(int cell, long bytes) {
        return service.predict(cell, bytes);
    }

    /** A sync request costs its caller the service time plus the hand-back; -1 when not known. */
    public long syncNanos(int cell, long bytes) {
        long own = service.predict(cell, bytes);
        return own < 0 ? -1 : own + handBackNanos;
    }

    /** The host's cores when the engine runs on them (a CPU driver, an emulated device), else null. */
    public HostCores host() {
        return host;
    }

    /** Whether this sync job will queue on the device (false when sync jobs run on their callers' threads). */
    public boolean queuesSync() {
        return !syncRunsInline;
    }

    /**
     * A job of {@code predictedNanos} was sent and waits behind the ones already there.
     *
     * @return the jobs it found queued ahead of it
     */
    public int enqueue(long predictedNanos) {
        queuedNanos.addAndGet(predictedNanos);
        if (host != null) {
            host.add(predictedNanos);
        }
        return queuedJobs.getAndIncrement();
    }

    /** Takes back {@link #enqueue} for a job the driver refused. */
    public void cancel(long predictedNanos) {
        queuedNanos.addAndGet(-predictedNanos);
        if (host != null) {
            host.add(-predictedNanos);
        }
        queuedJobs.decrementAndGet();
    }

    /**
     * A job completed (or failed): the queued work goes down and the model learns its service time.
     * A job that found the device busy ({@code ahead} at least its parallelism) started when an
     * earlier one finished, so its service time is counted from then, not from its sending.
     *
     * @param queued whether it was {@linkplain #enqueue enqueued} (with {@code predictedNanos}, {@code ahead})
     * @param deviceFault the device failed it (not the caller's input): counted as a slow sample
     * @param measuredCpuNanos the job's CPU time by its thread's CPU clock, or -1 when not measured:
     *        once an engine reports it, its model learns from measured jobs only (see {@link #measuresCpu})
     */
    public void completed(int cell, long bytes, boolean queued, long predictedNanos, int ahead, long sentNanos,
            long now, boolean ok, boolean deviceFault, long measuredCpuNanos) {
        long elapsed = now - sentNanos;
        if (queued) {
            queuedNanos.addAndGet(-predictedNanos);
            if (host != null) {
                host.add(-predictedNanos);
            }
            queuedJobs.decrementAndGet();
            long last = lastCompletionNanos;
            lastCompletionNanos = now;
            if (ahead >= parallelism) {
                long started = last - sentNanos > 0 ? last : sentNanos;
                elapsed = Math.min(elapsed, (now - started) * parallelism);
            }
        }
        if (cell < 0) {
            return;
        }
        if (ok) {
            if (measuredCpuNanos >= 0) {
                if (!measuresCpu) {
                    measuresCpu = true;
                }
                service.record(cell, bytes, measuredCpuNanos, now);
            } else if (!measuresCpu) {
                service.record(cell, bytes, elapsed, now);
            }
        } else if (deviceFault) {
            failures.incrementAndGet();
            long expected = Math.max(elapsed, service.predict(cell, bytes));
            service.record(cell, bytes, Math.max(1, expected) * FAILURE_PENALTY, now);
        }
    }

    /**
     * A burst of explored requests begins: the first {@code warmUp} of its jobs to complete find
     * the engine cold and are not learned from ({@link #warmingUp}).
     */
    public void exploring(int warmUp) {
        warmUpLeft.set(warmUp);
    }

    /** Whether an explored job that completed now is one of its burst's warm-up jobs (then counted). */
    public boolean warmingUp() {
        for (int left = warmUpLeft.get(); left > 0; left = warmUpLeft.get()) {
            if (warmUpLeft.compareAndSet(left, left - 1)) {
                return true;
            }
        }
        return false;
    }

    /** A calibration job took this long on the device (nothing queued ahead of it). */
    public void calibrated(int cell, long bytes, long nanos, long now) {
        service.record(cell, bytes, nanos, now);
    }

    /**
     * What a calibration run measured, given at its end: each cell that came from the data folder
     * is checked first — one whose prediction is off from the median calibration time of its
     * size by more than {@value #RECHECK_BOUND} times either way is forgotten and learns afresh
     * from the run, as on a first start; one that agrees is kept and learns from the run too.
     *
     * @param cells the cell of each calibration job (the arrays are read up to {@code jobs})
     * @param bytes each job's size
     * @param nanos each job's time on the device
     * @param ends when each job completed (the model's clock)
     * @param jobs how many jobs ran
     * @return what was forgotten, a line per kind of request and size: its prediction kept and the
     *         run's median time (empty when nothing was, or nothing came from the data folder)
     */
    public List<String> calibrated(int[] cells, long[] bytes, long[] nanos, long[] ends, int jobs) {
        List<String> forgotten = new ArrayList<>();
        for (int i = 0; i < jobs; i++) {
            int cell = cells[i];
            if (!service.restored(cell)) {
                continue;
            }
            long predicted = service.predict(cell, bytes[i]);
            long measured = medianOfCell(cells, nanos, jobs, cell);
            boolean disagrees = predicted < 0 || measured > RECHECK_BOUND * predicted
                    || predicted > RECHECK_BOUND * measured;
            service.checked(cell, disagrees);
            if (disagrees) {
                forgotten.add(RequestClass.describe(cell) + ": kept " + micros(predicted) + ", calibrated "
                        + micros(measured));
            }
        }
        for (int i = 0; i < jobs; i++) {
            service.record(cells[i], bytes[i], nanos[i], ends[i]);
        }
        return forgotten;
    }

    private static String micros(long nanos) {
        return nanos < 0 ? "nothing" : String.format(java.util.Locale.ROOT, "%.1f µs", nanos / 1000.0);
    }

    private static long medianOfCell(int[] cells, long[] nanos, int jobs, int cell) {
        long[] times = new long[jobs];
        int n = 0;
        for (int i = 0; i < jobs; i++) {
            if (cells[i] == cell) {
                times[n++] = nanos[i];
            }
        }
        java.util.Arrays.sort(times, 0, n);
        return times[n / 2];
    }

    /**
     * A sync job completed: on its caller's thread while being sent ({@code inline}), or elsewhere.
     * Averages of path costs are read-modify-write without a lock: two completions racing lose one
     * sample of an average, which moves it by at most {@code PATH_WEIGHT} of one sample.
     */
    public void syncCompleted(boolean inline) {
        double old = syncInline;
        syncInline = syncSamples == 0 ? (inline ? 1 : 0) : old + PATH_WEIGHT * ((inline ? 1 : 0) - old);
        syncSamples++;
        syncRunsInline = syncInline > 0.5;
    }

    /** A sync caller ran again this long after its job completed. */
    public void handedBack(long nanos) {
        if (nanos >= 0) {
            double old = handBackAverage;
            // A caller descheduled by the host counts as at most four times the usual hand-back (plus 10 µs).
            double sample = old == 0 ? nanos : Math.min(nanos, 4 * old + 10_000);
            handBackAverage = old == 0 ? sample : old + PATH_WEIGHT * (sample - old);
            handBackNanos = (long) handBackAverage;
        }
    }

    /** Refuses the device traffic for the reason given (a failed self-test), or accepts it again (null). */
    public void refuse(String reason) {
        this.refused = reason;
    }

    /** Why the device gets no traffic, or null. */
    @Override
    public String refused() {
        return refused;
    }

    @Override
    public long predictNanos(Operation operation, Algorithm algorithm, int level, long bytes, boolean sync) {
        int cell = RequestClass.of(operation, algorithm, level, bytes);
        return sync ? syncNanos(cell, bytes) : serviceNanos(cell, bytes);
    }

    @Override
    public long samples(Operation operation, Algorithm algorithm, int level, long bytes) {
        return service.samples(RequestClass.of(operation, algorithm, level, bytes));
    }

    @Override
    public double confidence(Operation operation, Algorithm algorithm, int level, long bytes) {
        return service.confidence(RequestClass.of(operation, algorithm, level, bytes));
    }

    /** The device passed its calibration now (wall clock, for people). */
    public void calibrationPassed(long epochMillis) {
        lastCalibrationMillis = epochMillis;
    }

    @Override
    public long lastCalibrationMillis() {
        return lastCalibrationMillis;
    }

    public ServiceModel service() {
        return service;
    }

    @Override
    public String driver() {
        return driver;
    }

    @Override
    public String device() {
        return device;
    }

    @Override
    public boolean hardware() {
        return hardware;
    }

    /** Whether the model learns from the CPU time the engine measures (see {@link #completed}). */
    public boolean measuresCpu() {
        return measuresCpu;
    }

    public int parallelism() {
        return parallelism;
    }

    public long queuedNanos() {
        return queuedNanos.get();
    }

    @Override
    public long handBackNanos() {
        return handBackNanos;
    }

    @Override
    public long failures() {
        return failures.get();
    }

    @Override
    public String toString() {
        return driver + "/" + device;
    }
}
