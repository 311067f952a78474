package io.warpdrive.core.engine.queue;

import io.warpdrive.comp.Operation;
import io.warpdrive.core.engine.Engine;
import io.warpdrive.core.engine.config.Settings;
import io.warpdrive.lib.Device;
import io.warpdrive.lib.Driver;
import io.warpdrive.lib.QueueMode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The drivers the engine uses: one {@link DriverBinding} each, from the driver's arrival
 * (held back until the engine runs) to its retirement.
 */
public final class DriverBindings {
    private final Engine engine;
    private final Object lock = new Object();
    private final Map<Driver, DriverBinding> bindings = new IdentityHashMap<>();
    private final List<Driver> pending = new ArrayList<>();
    private volatile boolean running;

    public DriverBindings(Engine engine) {
        this.engine = engine;
    }

    /** The engine runs: binds the drivers that arrived before. */
    public void start() {
        synchronized (lock) {
            running = true;
            for (Driver d : pending) {
                add(d);
            }
            pending.clear();
        }
    }

    /** The engine stops: the bindings it must retire (none when it was not running). */
    public List<DriverBinding> stop() {
        synchronized (lock) {
            if (!running) {
                return null;
            }
            running = false;
            List<DriverBinding> all = new ArrayList<>(bindings.values());
            bindings.clear();
            pending.clear();
            return all;
        }
    }

    public boolean running() {
        return running;
    }

    /** A driver arrived: bound now, or when the engine starts. True when bound now. */
    public boolean bind(Driver driver) {
        synchronized (lock) {
            if (!running) {
                pending.add(driver);
                return false;
            }
            add(driver);
            return true;
        }
    }

    /** A driver went away: its binding (to retire), or null. */
    public DriverBinding unbind(Driver driver) {
        synchronized (lock) {
            pending.remove(driver);
            return bindings.remove(driver);
        }
    }

    private void add(Driver d) {
        DriverBinding b;
        try {
            b = new DriverBinding(engine, d);
        } catch (RuntimeException e) {
            engine.log().error("a driver service failed to describe itself; ignoring it", e);
            return;
        }
        bindings.put(d, b);
        try {
            d.addDeviceListener(b);
        } catch (RuntimeException e) {
            engine.log().warn("driver " + b.name() + ": addDeviceListener failed (" + e
                    + "); device changes will go unnoticed");
        }
        Settings s = engine.settings();
        b.reconcile(s);
        engine.log().info(b + ": " + b.queues().size() + " queues opened");
        if (engine.calibrations().wanted(s.calibrate())) {
            engine.calibrations().calibrateLater(b);
        }
    }

    /** The bindings now (a copy). */
    public List<DriverBinding> all() {
        synchronized (lock) {
            return new ArrayList<>(bindings.values());
        }
    }

    /** The binding of the driver named {@code name}, or null. */
    public DriverBinding named(String name) {
        for (DriverBinding b : all()) {
            if (b.name().equals(name)) {
                return b;
            }
        }
        return null;
    }

    /** Names of the drivers bound now. */
    public Set<String> names() {
        Set<String> names = new HashSet<>();
        for (DriverBinding b : all()) {
            names.add(b.name());
        }
        return names;
    }

    /** A reason the queue counts of {@code s} cannot be met by the devices present, or null. */
    public String queueCountProblem(Settings s) {
        for (DriverBinding b : all()) {
            for (Device d : b.driver().devices()) {
                int perDirection = 0;
                for (QueueMode mode : QueueMode.values()) {
                    perDirection += s.queuesFor(b.name(), d.name(), mode);
                }
                if (perDirection * Operation.values().length > d.instances()) {
                    return "device " + d.name() + " has " + d.instances() + " instances; " + perDirection
                            + " queues per direction in both directions would need " + perDirection * 2;
                }
            }
        }
        return null;
    }

    /** Every binding reconciled with {@code s}; true when any opened or drained a queue. */
    public boolean reconcileAll(Settings s) {
        boolean changed = false;
        for (DriverBinding b : all()) {
            changed |= b.reconcile(s);
        }
        return changed;
    }
}
