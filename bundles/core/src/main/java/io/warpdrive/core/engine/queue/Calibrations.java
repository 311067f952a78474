package io.warpdrive.core.engine.queue;

import io.warpdrive.core.engine.Engine;
import io.warpdrive.core.engine.health.Quarantine;
import io.warpdrive.core.model.Calibration;
import io.warpdrive.core.model.DeviceModel;
import io.warpdrive.core.model.ModelStore;
import io.warpdrive.lib.Device;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Calibration scheduling: each driver's devices are calibrated and self-tested on a thread
 * of its own when the driver arrives; a driver leaves only after its calibration ended.
 */
public final class Calibrations {
    /**
     * Framework property: "false" turns calibration off for this platform whatever the engine's
     * configuration says. The launcher sets it for a one-shot command that sends no request
     * (drivers, devices, models...): its devices get no traffic, so the self-test guards nothing,
     * and calibrating only spends the command's start-up CPU.
     */
    public static final String FRAMEWORK_PROPERTY = "warpdrive.calibrate";

    /**
     * The framework property's value for a one-shot command that compresses: a device whose kept
     * model (the data folder, {@link ModelStore}) records a passed self-test younger than
     * {@link #KEPT_PASS_MAX_AGE_MILLIS} is not calibrated again; the others are.
     */
    public static final String REUSE_KEPT = "reuse";
    /** How long a kept self-test pass stands in for a calibration (a day: a one-shot command recalibrates daily). */
    static final long KEPT_PASS_MAX_AGE_MILLIS = TimeUnit.DAYS.toMillis(1);

    private final Engine engine;
    private volatile boolean offForPlatform;
    private volatile boolean reuseKept;

    public Calibrations(Engine engine) {
        this.engine = engine;
    }

    /** Whether the platform's framework property {@link #FRAMEWORK_PROPERTY} turns calibration off. */
    public void offForPlatform(boolean off) {
        offForPlatform = off;
    }

    /** Whether a device whose kept model records a recent passed self-test skips its calibration ({@link #REUSE_KEPT}). */
    public void reuseKept(boolean reuse) {
        reuseKept = reuse;
    }

    /** Whether a self-test passed at {@code passedMillis} (0: none kept) stands in for a calibration at {@code nowMillis}. */
    static boolean keptPassStands(long passedMillis, long nowMillis) {
        return passedMillis > 0 && nowMillis >= passedMillis && nowMillis - passedMillis < KEPT_PASS_MAX_AGE_MILLIS;
    }

    /** Whether a driver that registers now is calibrated: configured so, and not off for the platform. */
    boolean wanted(boolean configured) {
        return configured && !offForPlatform;
    }

    /**
     * Calibrates and self-tests each device of a driver on a thread of its own (a slow device must
     * not hold up the engine's other work); a device that fails gets no traffic and says why.
     */
    void calibrateLater(DriverBinding b) {
        Thread t = new Thread(() -> {
            Calibration calibration = new Calibration(engine.clock());
            List<? extends Device> devices;
            try {
                devices = b.driver().devices();
            } catch (RuntimeException e) {
                return;
            }
            for (Device d : devices) {
                if (b.isRemoved()) {
                    return;
                }
                DeviceModel m = engine.models().find(ModelStore.identity(b.name(), b.version(), d));
                if (m == null) {
                    continue; // no queue opened on it (no free instance): it is calibrated by its traffic
                }
                if (reuseKept && keptPassStands(m.lastCalibrationMillis(), System.currentTimeMillis())) {
                    engine.log().info("device " + d.name() + " of driver " + b.name() + " not calibrated: its kept model "
                            + "and the self-test it passed at " + java.time.Instant.ofEpochMilli(m.lastCalibrationMillis())
                            + " are reused");
                    continue;
                }
                Calibration.Result r = calibration.run(d, m, () -> b.isRemoved());
                if (!r.replaced().isEmpty()) {
                    engine.log().info("device " + d.name() + " of driver " + b.name() + ": the model kept in the data "
                            + "folder disagreed with the calibration at start and is learned afresh for "
                            + String.join("; ", r.replaced()));
                }
                switch (r.outcome()) {
                    case FAILED:
                        m.refuse(r.detail());
                        engine.log().warn("device " + d.name() + " of driver " + b.name() + " gets no traffic: "
                                + r.detail());
                        engine.views().publish();
                        break;
                    case SKIPPED:
                        engine.log().info("device " + d.name() + " of driver " + b.name() + " not calibrated: "
                                + r.detail());
                        break;
                    default:
                        if (!Quarantine.isQuarantine(m.refused())) { // a quarantine ends by the probe or a reset
                            m.refuse(null);
                        }
                        engine.log().debug("device " + d.name() + " of driver " + b.name() + " calibrated");
                }
            }
        }, "wd-calibrate-" + b.name());
        t.setDaemon(true);
        b.calibratedBy(t);
        t.start();
    }

    /**
     * Waits until no calibration of a driver bound now runs, at most {@code timeout} in all.
     *
     * @return true when none runs (any more), false when one still ran as the timeout passed
     */
    public boolean awaitAll(java.time.Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (DriverBinding b : engine.drivers().all()) {
            Thread t = b.calibration();
            if (t == null || t == Thread.currentThread()) {
                continue;
            }
            long leftMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (leftMillis > 0) {
                t.join(leftMillis);
            }
            if (t.isAlive()) {
                return false;
            }
        }
        return true;
    }

    /** A calibration still running stops at its next job: wait for it, so the driver goes away after it. */
    void await(DriverBinding b) {
        Thread t = b.calibration();
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(15));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (t.isAlive()) {
                engine.log().warn("driver " + b.name() + ": its calibration did not end within 15 s; removing it anyway");
            }
        }
    }
}
