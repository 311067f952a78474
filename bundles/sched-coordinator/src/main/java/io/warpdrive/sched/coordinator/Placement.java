package io.warpdrive.sched.coordinator;

import io.warpdrive.sched.QueueInfo;
import io.warpdrive.sched.QueueView;
import io.warpdrive.sched.SchedKey;

/**
 * What the values in force mean for placing a request, precomputed when tunes change so that
 * {@code pick} reads plain final fields: no lock, no allocation. Levels are ordinals of
 * {@link io.warpdrive.sched.PriorityLevel} (0 = SYSTEM_HIGH); a value in force from level L
 * acts on requests of a level below L (a larger ordinal).
 */
final class Placement {
    /** At most this many hardware resources: their state in pick is one long of bits. */
    static final int MAX_GROUPS = 64;
    static final Placement NONE = new Placement(new Group[0], new int[0], new long[0]);

    /** Hardware groups with instances held back (value in force above 0). */
    final Group[] groups;
    /** Per-consumer hardware limits in force (not unlimited): the level each comes from, and the limit. */
    private final int[] limitLevels;
    private final long[] limits;

    Placement(Group[] groups, int[] limitLevels, long[] limits) {
        this.groups = groups;
        this.limitLevels = limitLevels;
        this.limits = limits;
    }

    /** Whether a consumer of {@code level} that holds {@code held} hardware instances may take one more. */
    boolean hardwareAllowed(int level, int held) {
        for (int i = 0; i < limits.length; i++) {
            if (level > limitLevels[i] && held >= limits[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The groups a request of {@code level} may not use now (bit g for {@code groups[g]}): those
     * holding instances back for a level above it that have no more than that many free in the
     * request's direction.
     */
    long closedGroups(SchedKey key, QueueView view, int level) {
        long closed = 0;
        for (int g = 0; g < groups.length; g++) {
            Group group = groups[g];
            if (level <= group.level) {
                continue; // the request's level is one the instances are held back for
            }
            long capacity = 0;
            long used = 0;
            for (int i = 0, n = view.size(); i < n; i++) {
                QueueInfo q = view.get(i);
                if (q.reservedBy() < 0 && q.operation() == key.operation() && q.isAvailable() && group.covers(q)) {
                    capacity += q.depth();
                    used += q.inFlight();
                }
            }
            if (capacity - used <= group.heldBack) {
                closed |= 1L << g;
            }
        }
        return closed;
    }

    /**
     * Whether the hardware queue {@code q} is held back from a request of {@code level}: a group
     * covering it holds instances back for a level above and has fewer than that many free in the
     * queue's direction. Fewer, not "no more" as in {@link #closedGroups}: the platform asks before
     * taking a slot and again once it holds it (then the request's own slot counts as used), so a
     * request that may take the last instance above those held back passes both times, and one
     * that would take a held-back instance is refused the second time at the latest.
     */
    boolean heldBack(QueueInfo q, QueueView view, int level) {
        for (int g = 0; g < groups.length; g++) {
            Group group = groups[g];
            if (level <= group.level || !group.covers(q)) {
                continue;
            }
            long capacity = 0;
            long used = 0;
            for (int i = 0, n = view.size(); i < n; i++) {
                QueueInfo other = view.get(i);
                if (other.reservedBy() < 0 && other.operation() == q.operation() && other.isAvailable()
                        && group.covers(other)) {
                    capacity += other.depth();
                    used += other.inFlight();
                }
            }
            if (capacity - used < group.heldBack) {
                return true;
            }
        }
        return false;
    }

    /** True if {@code q} belongs to a group whose bit is set in {@code closed}. */
    boolean inClosedGroup(QueueInfo q, long closed) {
        for (int g = 0; closed != 0 && g < groups.length; g++) {
            if ((closed & (1L << g)) != 0 && groups[g].covers(q)) {
                return true;
            }
        }
        return false;
    }

    /** A device group holding instances back for a level and the levels above it. */
    static final class Group {
        /** Null: every hardware driver. */
        final String driver;
        /** Null: every device of the driver. */
        final String device;
        final long heldBack;
        final int level;

        Group(String driver, String device, long heldBack, int level) {
            this.driver = driver;
            this.device = device;
            this.heldBack = heldBack;
            this.level = level;
        }

        boolean covers(QueueInfo q) {
            if (driver == null) {
                return q.calcType().isHardware();
            }
            return driver.equals(q.driver()) && (device == null || device.equals(q.device()));
        }
    }
}
