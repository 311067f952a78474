package io.warpdrive.sched.hypervisor;

import io.warpdrive.comp.Operation;
import io.warpdrive.sched.QueueInfo;
import io.warpdrive.stats.QueueUsage;

/** What the hypervisor knows of one managed queue (its thread only). */
final class QueueState {
    static final int NOT_MOVING = Integer.MIN_VALUE;
    /** Weight of a new sample in the speed average. */
    private static final double SPEED_WEIGHT = 0.3;
    /** Busy time below which a tick's bytes say nothing about speed. */
    private static final long MIN_BUSY_SAMPLE_NANOS = 1_000_000;

    final long id;
    final Operation operation;
    QueueInfo info;
    /** A context index or {@link Assignment#REMAINDER}. */
    int owner = Assignment.REMAINDER;
    /** Where it is moving (a context or the remainder) once it has drained, or {@link #NOT_MOVING}. */
    int movingTo = NOT_MOVING;
    /** When it last had a job in flight or finished one. */
    long lastActive;
    /** When its current owner got it. */
    long assignedAt;
    /** Input bytes per second of busy time, averaged; 0 before the first measurement. */
    double speed;
    private long lastBytes = -1;
    private long lastBusy;
    private long lastRequests;

    QueueState(QueueInfo info, long now) {
        this.id = info.id();
        this.operation = info.operation();
        this.info = info;
        this.lastActive = now;
        this.assignedAt = now;
    }

    boolean moving() {
        return movingTo != NOT_MOVING;
    }

    /** The owner a context counts the queue for: where it is going if it moves. */
    int destination() {
        return moving() ? movingTo : owner;
    }

    long idleNanos(long now) {
        return now - Math.max(lastActive, assignedAt);
    }

    /** Reads the engine's counters of the queue for this tick. */
    void sample(QueueUsage counters, long now, long elapsed) {
        boolean active = info.inFlight() > 0;
        if (counters != null) {
            long bytes = counters.bytesIn();
            long busy = counters.busyNanos();
            long requests = counters.requests() + counters.failed();
            if (lastBytes >= 0) {
                long dBytes = bytes - lastBytes;
                long dBusy = busy - lastBusy;
                if (dBytes < 0 || dBusy < 0) {
                    dBytes = Math.max(0, bytes); // counters were reset
                    dBusy = Math.max(0, busy);
                }
                active |= dBusy > 0 || requests != lastRequests;
                if (dBusy >= MIN_BUSY_SAMPLE_NANOS && dBytes > 0) {
                    double sample = dBytes * 1e9 / dBusy;
                    speed = speed == 0 ? sample : speed + SPEED_WEIGHT * (sample - speed);
                }
            }
            lastBytes = bytes;
            lastBusy = busy;
            lastRequests = requests;
        }
        if (active) {
            lastActive = now;
        }
    }

    void handOver(long now) {
        owner = movingTo;
        movingTo = NOT_MOVING;
        assignedAt = now;
    }
}
