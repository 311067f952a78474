package io.warpdrive.sched.coordinator;

import io.warpdrive.coordinator.ResourceKind;
import io.warpdrive.coordinator.ResourceState;
import io.warpdrive.coordinator.Tune;
import io.warpdrive.coordinator.TunePolicy;
import io.warpdrive.sched.PriorityLevel;
import java.time.Duration;
import java.util.List;

/** Immutable copies of the book's state, handed out by {@link Coordination#resources()}. */
final class Snapshots {
    private Snapshots() {
    }

    static final class TuneSnapshot implements Tune {
        private final long handle;
        private final String resource;
        private final long value;
        private final PriorityLevel level;
        private final String consumer;
        private final long consumerId;
        private final boolean inForce;
        private final Duration remaining;

        TuneSnapshot(TuneNode n, boolean inForce, long nowNanos) {
            this.handle = n.handle;
            this.resource = n.resource;
            this.value = n.value;
            this.level = n.level;
            this.consumer = n.owner.symbolicName;
            this.consumerId = n.owner.bundleId;
            this.inForce = inForce;
            this.remaining = n.request.deadlineNanos == Long.MAX_VALUE ? null
                    : Duration.ofNanos(Math.max(0, n.request.deadlineNanos - nowNanos));
        }

        @Override
        public long handle() {
            return handle;
        }

        @Override
        public String resource() {
            return resource;
        }

        @Override
        public long value() {
            return value;
        }

        @Override
        public PriorityLevel level() {
            return level;
        }

        @Override
        public String consumer() {
            return consumer;
        }

        @Override
        public long consumerId() {
            return consumerId;
        }

        @Override
        public boolean inForce() {
            return inForce;
        }

        @Override
        public Duration remaining() {
            return remaining;
        }

        @Override
        public String toString() {
            return "tune " + handle + " " + resource + "=" + Values.format(value) + " " + level + " by " + consumer
                    + (inForce ? " (in force)" : " (pending)");
        }
    }

    static final class ResourceSnapshot implements ResourceState {
        private final String name;
        private final ResourceKind kind;
        private final String target;
        private final TunePolicy policy;
        private final long defaultValue;
        private final long value;
        private final PriorityLevel level;
        private final List<Tune> tunes;

        ResourceSnapshot(ResourceSpec spec, long defaultValue, long value, PriorityLevel level, List<Tune> tunes) {
            this.name = spec.name;
            this.kind = spec.kind;
            this.target = spec.target();
            this.policy = spec.policy;
            this.defaultValue = defaultValue;
            this.value = value;
            this.level = level;
            this.tunes = List.copyOf(tunes);
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public ResourceKind kind() {
            return kind;
        }

        @Override
        public String target() {
            return target;
        }

        @Override
        public TunePolicy policy() {
            return policy;
        }

        @Override
        public long defaultValue() {
            return defaultValue;
        }

        @Override
        public long value() {
            return value;
        }

        @Override
        public PriorityLevel level() {
            return level;
        }

        @Override
        public List<Tune> tunes() {
            return tunes;
        }

        @Override
        public String toString() {
            return name + "=" + Values.format(value) + (level == null ? " (default)" : " from " + level);
        }
    }
}
