package io.warpdrive.core.engine.health;

import io.warpdrive.core.engine.Engine;
import io.warpdrive.core.engine.queue.DriverBinding;
import io.warpdrive.core.engine.queue.EngineQueue;
import io.warpdrive.core.model.Calibration;
import io.warpdrive.core.model.DeviceModel;
import io.warpdrive.core.model.ModelStore;
import io.warpdrive.lib.Device;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Devices taken out of service: a device whose output was wrong (compress-and-verify) or that
 * failed {@code quarantine.errors.per.hour} jobs within an hour is <em>quarantined</em>: it gets no
 * traffic (its model {@linkplain DeviceModel#refuse refuses} it, as a failed self-test does) and
 * {@code wd:devices}, JMX ({@code Refused}) and the web console say "quarantined" and why; logged
 * once per quarantine. A probe, the calibration's known-answer test, brings it back when it passes;
 * a device quarantined {@code quarantine.flap.limit} times within the flap window stays out until an
 * administrator {@linkplain #reset resets} it. Only failures take a device's lock, never a request
 * that succeeds. Quarantines are kept across restarts in the data folder ({@link #keepIn}): a device
 * comes back out of service when it opens its first queue, unless its identity changed.
 */
public final class Quarantine {
    /** How a quarantined device's reason begins, wherever it is shown. */
    public static final String QUARANTINED = "quarantined: ";
    private static final long HOUR = TimeUnit.HOURS.toNanos(1);

    private final Engine engine;
    private final Map<String, DeviceRecord> devices = new ConcurrentHashMap<>();
    private volatile QuarantineRules rules = QuarantineRules.defaults();
    /** Where quarantines are kept across restarts, or null (no data folder). */
    private volatile QuarantineStore store;
    /** Quarantines kept from before the restart whose device has opened no queue yet, by identity. */
    private final Map<String, QuarantineStore.Kept> kept = new ConcurrentHashMap<>();
    /** A write of the quarantines in force is on its way to the engine's admin thread. */
    private final AtomicBoolean writeDue = new AtomicBoolean();
    /** The last write failed (a stop interrupts the admin thread's): the engine's stop writes again. */
    private volatile boolean writeFailed;

    /** What one device did wrong, and whether it is out. Guarded by itself. */
    static final class DeviceRecord {
        final String device;
        final LongAdder quarantines = new LongAdder();
        String driver;
        /** As the models name it (driver, its version, the device's name and attributes); null until a queue opened. */
        String identity;
        DeviceModel model;
        volatile String reason;
        boolean heldOut;
        long quarantinedAt;
        boolean probing;
        /** The last queue of the device the watchdog found stuck: its jobs' failures were counted once, as one error. */
        long stuckQueueId = -1;
        long[] errorTimes = new long[0];
        int errorCount;
        long[] quarantineTimes = new long[0];
        int quarantineCount;

        DeviceRecord(String device) {
            this.device = device;
        }
    }

    public Quarantine(Engine engine) {
        this.engine = engine;
    }

    public void rules(QuarantineRules value) {
        rules = value;
    }

    /**
     * Keeps quarantines in {@code file} from now on, and reads those kept before (a null file: none
     * are kept). Called before any queue opens.
     */
    public void keepIn(File file) {
        if (file == null) {
            return;
        }
        QuarantineStore s = new QuarantineStore(file.toPath());
        try {
            kept.putAll(s.load());
        } catch (IOException | RuntimeException e) {
            engine.log().warn("the quarantined devices kept in " + file + " could not be read (" + e + "); none is "
                    + "quarantined at start");
        }
        store = s;
    }

    /**
     * A queue opened on {@code device}: a quarantine kept for the device from before the restart
     * applies again, and one kept under the same device name with another identity (another driver
     * version, other attributes) is dropped.
     */
    public void opened(EngineQueue q, Device device) {
        if (!q.isHardware()) {
            return;
        }
        String identity = ModelStore.identity(q.driver(), q.binding().version(), device);
        DeviceRecord r = record(q);
        synchronized (r) {
            r.identity = identity;
        }
        if (kept.isEmpty()) {
            return;
        }
        QuarantineStore.Kept k = kept.remove(identity);
        if (kept.values().removeIf(o -> o.driver().equals(q.driver()) && o.device().equals(q.device()))) {
            engine.log().info("device " + q.device() + " of driver " + q.driver() + ": the quarantine kept for it is "
                    + "dropped, its identity changed (driver version or attributes)");
            persist();
        }
        if (k != null) {
            restore(r, k);
        }
    }

    private void restore(DeviceRecord r, QuarantineStore.Kept k) {
        DeviceModel model;
        synchronized (r) {
            if (r.reason != null) {
                return;
            }
            r.reason = k.reason();
            r.heldOut = k.heldOut();
            r.quarantinedAt = engine.clock().nanoTime(); // probed one interval from now
            model = r.model;
        }
        model.refuse(k.reason());
        engine.log().warn("device " + r.device + " of driver " + r.driver + " gets no traffic, still " + k.reason()
                + " (kept across a restart)");
        engine.views().publish();
    }

    /**
     * Has the quarantines now in force written to the data folder, on the engine's admin thread: a
     * quarantine is decided on the thread that completed the job, which is not to wait for a file.
     * Writes due together are one write, which reads the state when it runs. Written here when the
     * engine is not running.
     */
    private void persist() {
        if (store == null || !writeDue.compareAndSet(false, true)) {
            return;
        }
        ScheduledExecutorService admin = engine.admin();
        try {
            if (admin == null) {
                throw new RejectedExecutionException("the engine is not running");
            }
            admin.execute(this::writeIfDue);
        } catch (RejectedExecutionException e) {
            writeIfDue();
        }
    }

    private void writeIfDue() {
        if (writeDue.compareAndSet(true, false)) {
            write();
        }
    }

    /** The engine stops: a write the admin thread has not done, or one that failed, is done now. */
    public void writePending() {
        if (writeDue.getAndSet(false) || writeFailed) {
            write();
        }
    }

    /** Writes the quarantines now in force, and those kept for devices not seen yet, to the data folder. */
    private void write() {
        QuarantineStore s = store;
        if (s == null) {
            return;
        }
        synchronized (s) { // the snapshot under the lock: the last write holds the latest state
            List<QuarantineStore.Kept> all = new ArrayList<>(kept.values());
            for (DeviceRecord r : devices.values()) {
                synchronized (r) {
                    if (r.reason != null && r.identity != null) {
                        all.add(new QuarantineStore.Kept(r.identity, r.driver, r.device, r.reason, r.heldOut));
                    }
                }
            }
            try {
                s.save(all);
                writeFailed = false;
            } catch (IOException | RuntimeException e) {
                writeFailed = true;
                engine.log().warnOnce("quarantine-save", "the quarantined devices could not be kept (" + e + "); they "
                        + "are quarantined again only when they fail again after a restart");
            }
        }
    }

    /** Whether a model's refusal is a quarantine (not a failed self-test). */
    public static boolean isQuarantine(String refused) {
        return refused != null && refused.startsWith(QUARANTINED);
    }

    private DeviceRecord record(EngineQueue q) {
        DeviceRecord r = devices.computeIfAbsent(q.device(), DeviceRecord::new);
        synchronized (r) {
            r.driver = q.driver();
            r.model = q.model();
        }
        return r;
    }

    /** The device of {@code q} returned output that was wrong. */
    /**
     * The driver has queues open and every one's device is out of service (quarantined or held
     * out): a stream whose state it holds should move rather than wait. Read from the published
     * view of the open queues: no lock, nothing allocated.
     */
    public boolean outOfService(DriverBinding b) {
        boolean any = false;
        for (EngineQueue q : engine.views().view().asArray()) {
            if (q.binding() == b) {
                if (q.model().refused() == null) {
                    return false;
                }
                any = true;
            }
        }
        return any;
    }

    void outputMismatch(EngineQueue q, String what) {
        DeviceRecord r = record(q);
        long n = engine.usage().wrongOutput(q);
        quarantine(r, "compress-and-verify: the output of a " + what + " (" + n + " wrong output"
                + (n == 1 ? "" : "s") + " in all)");
    }

    /**
     * A job failed on the hardware device of {@code q} (a device error or a timeout): the
     * {@code quarantine.errors.per.hour}-th such error within an hour quarantines it. The jobs of a
     * queue the watchdog found {@linkplain #stuckQueue stuck} were counted as its one error already.
     */
    public void deviceError(EngineQueue q, String detail) {
        countError(q, detail, false);
    }

    /**
     * The watchdog found {@code q} stuck (a job in flight past the job timeout) and is about to close
     * it: one device error, however many jobs it held; their failures, which follow, count no more.
     */
    public void stuckQueue(EngineQueue q, String detail) {
        countError(q, detail, true);
    }

    private void countError(EngineQueue q, String detail, boolean stuck) {
        int limit = rules.errorsPerHour();
        if (limit == 0 || !q.isHardware()) {
            return; // a CPU engine's failure says nothing of a device going bad
        }
        DeviceRecord r = record(q);
        long now = engine.clock().nanoTime();
        synchronized (r) {
            if (r.stuckQueueId == q.id()) {
                return; // a job of the stuck queue: the queue was counted
            }
            if (stuck) {
                r.stuckQueueId = q.id();
            }
            if (r.reason != null) {
                return;
            }
            if (r.errorTimes.length != limit) {
                r.errorTimes = new long[limit];
                r.errorCount = 0;
            }
            // A ring of the last `limit` errors' times: full, and its oldest within the hour, is too many.
            r.errorTimes[r.errorCount % limit] = now;
            r.errorCount++;
            if (r.errorCount < limit || now - r.errorTimes[r.errorCount % limit] > HOUR) {
                return;
            }
            r.errorCount = 0;
        }
        quarantine(r, limit + " device errors within an hour (isolation; the last: " + detail + ")");
    }

    private void quarantine(DeviceRecord r, String why) {
        QuarantineRules rule = rules;
        long now = engine.clock().nanoTime();
        String reason;
        boolean already;
        DeviceModel model;
        synchronized (r) {
            already = r.reason != null;
            if (!already) {
                r.quarantines.increment();
                r.quarantinedAt = now;
                r.heldOut = flapped(r, rule, now);
            }
            reason = QUARANTINED + why + (r.heldOut ? "; held out after " + rule.flapLimit() + " quarantines within "
                    + TimeUnit.NANOSECONDS.toMinutes(rule.flapWindowNanos()) + " min until an administrator resets it ("
                    + "wd:devices --reset " + r.device + ")" : "");
            r.reason = reason;
            model = r.model;
        }
        model.refuse(reason);
        if (!already) {
            engine.log().warn("device " + r.device + " of driver " + r.driver + " gets no traffic, " + reason);
            engine.views().publish();
        }
        persist();
    }

    /** Records a quarantine at {@code now}: true when it is the flap limit's within the window. */
    private static boolean flapped(DeviceRecord r, QuarantineRules rule, long now) {
        int limit = rule.flapLimit();
        if (limit == 0) {
            return false;
        }
        if (r.quarantineTimes.length != limit) {
            r.quarantineTimes = new long[limit];
            r.quarantineCount = 0;
        }
        r.quarantineTimes[r.quarantineCount % limit] = now;
        r.quarantineCount++;
        long oldest = r.quarantineTimes[r.quarantineCount % limit];
        return r.quarantineCount >= limit && now - oldest <= rule.flapWindowNanos();
    }

    /**
     * Probes each quarantined device whose probe is due (not held out, quarantined or last probed a
     * probe interval ago) on {@code runner}: the calibration's known-answer test on a queue of its
     * own; a device that passes gets traffic again.
     *
     * @return the probes started
     */
    public int probeDue(Executor runner) {
        long interval = rules.probeIntervalNanos();
        if (interval == 0) {
            return 0;
        }
        long now = engine.clock().nanoTime();
        int started = 0;
        for (DeviceRecord r : devices.values()) {
            synchronized (r) {
                if (r.reason == null || r.heldOut || r.probing || now - r.quarantinedAt < interval) {
                    continue;
                }
                r.probing = true;
            }
            started++;
            runner.execute(() -> probe(r));
        }
        return started;
    }

    /** Runs a probe on a thread of its own (it waits for the device's answers). */
    public static void inThread(Runnable probe) {
        Thread t = new Thread(probe, "wd-probe");
        t.setDaemon(true);
        t.start();
    }

    private void probe(DeviceRecord r) {
        String outcome = null;
        try {
            DriverBinding b = liveBinding(r);
            Device d = b == null ? null : device(b, r.device);
            if (d == null) {
                return; // its driver or the device is gone; probed again once it is back
            }
            Calibration.Result result = new Calibration(engine.clock()).run(d, r.model, () -> b.isRemoved());
            switch (result.outcome()) {
                case PASSED:
                    lift(r, "passed the known-answer probe");
                    return;
                case FAILED:
                    outcome = "the probe failed (" + result.detail() + ")";
                    break;
                default:
                    return; // no free instance for the probe's queue: tried again next time
            }
        } catch (RuntimeException e) {
            outcome = "the probe failed (" + e + ")";
        } finally {
            synchronized (r) {
                r.probing = false;
                if (r.reason != null) {
                    r.quarantinedAt = engine.clock().nanoTime(); // the next probe one interval from now
                }
            }
        }
        engine.log().info("device " + r.device + " stays quarantined: " + outcome);
    }

    private DriverBinding liveBinding(DeviceRecord r) {
        for (DriverBinding b : engine.drivers().all()) {
            if (b.name().equals(r.driver) && !b.isRemoved()) {
                return b;
            }
        }
        return null;
    }

    private static Device device(DriverBinding b, String name) {
        for (Device d : b.driver().devices()) {
            if (d.name().equals(name)) {
                return d;
            }
        }
        return null;
    }

    private void lift(DeviceRecord r, String why) {
        DeviceModel model;
        synchronized (r) {
            if (r.reason == null) {
                return;
            }
            r.reason = null;
            r.heldOut = false;
            r.errorCount = 0;
            model = r.model;
        }
        model.refuse(null);
        engine.log().info("device " + r.device + " of driver " + r.driver + " gets traffic again: " + why);
        engine.views().publish();
        persist();
    }

    /**
     * An administrator's reset: the device gets traffic again (a device that is still wrong is
     * caught again) and its flap history is forgotten; so is a quarantine kept for it from before a
     * restart.
     *
     * @return false when the device is not quarantined
     */
    public boolean reset(String device) {
        boolean keptOne = kept.values().removeIf(k -> k.device().equals(device));
        DeviceRecord r = devices.get(device);
        if (r == null || r.reason == null) {
            if (keptOne) {
                persist();
            }
            return keptOne;
        }
        synchronized (r) {
            r.quarantineCount = 0;
        }
        lift(r, "reset by an administrator");
        return true;
    }

    /** Wrong outputs verification found on the device so far (its usage counter, {@code DeviceUsage.wrongOutputs}). */
    public long mismatches(String device) {
        DeviceRecord r = devices.get(device);
        return r == null ? 0 : engine.usage().wrongOutputs(r.driver, device);
    }

    /** Why the device is quarantined, or null. */
    public String reason(String device) {
        DeviceRecord r = devices.get(device);
        return r == null ? null : r.reason;
    }

    /** Whether the device reached the flap limit and waits for an administrator. */
    public boolean heldOut(String device) {
        DeviceRecord r = devices.get(device);
        if (r == null) {
            return false;
        }
        synchronized (r) {
            return r.heldOut;
        }
    }
}
