package io.warpdrive.core.engine.usage;

import io.warpdrive.core.engine.queue.EngineQueue;
import java.util.concurrent.atomic.LongAdder;

/**
 * What a device's closed queues did: when a queue closes, its counters are added here, so
 * a device's (and a driver's) figures survive queues coming and going and driver restarts.
 */
public final class DeviceCounters {
    final String driver;
    final String device;
    final LongAdder completed = new LongAdder();
    final LongAdder failed = new LongAdder();
    final LongAdder bytesIn = new LongAdder();
    final LongAdder bytesOut = new LongAdder();
    final LongAdder faults = new LongAdder();
    final LongAdder busyNanos = new LongAdder();
    final LongAdder idleNanos = new LongAdder();
    /** Counted on the device itself, not its queues: a wrong output is the device's, whichever queue returned it. */
    final LongAdder wrongOutputs = new LongAdder();

    DeviceCounters(String driver, String device) {
        this.driver = driver;
        this.device = device;
    }

    /** Adds the final counters of a queue that closed. */
    void retire(EngineQueue q, long now) {
        QueueCounters c = q.counters();
        completed.add(c.completed.sum());
        failed.add(c.failed.sum());
        bytesIn.add(c.bytesIn.sum());
        bytesOut.add(c.bytesOut.sum());
        faults.add(c.faults.sum());
        busyNanos.add(c.busyNanos(false, now));
        idleNanos.add(c.idleNanos(false, now));
    }

    void reset() {
        completed.reset();
        failed.reset();
        bytesIn.reset();
        bytesOut.reset();
        faults.reset();
        busyNanos.reset();
        idleNanos.reset();
        wrongOutputs.reset();
    }
}
