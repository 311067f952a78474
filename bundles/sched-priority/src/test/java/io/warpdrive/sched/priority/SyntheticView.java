package io.warpdrive.sched.priority;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.FallbackPolicy;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.WindowSize;
import io.warpdrive.lib.CalcType;
import io.warpdrive.lib.CompletionMode;
import io.warpdrive.lib.QueueMode;
import io.warpdrive.sched.PriorityLevel;
import io.warpdrive.sched.QueueInfo;
import io.warpdrive.sched.QueueView;
import io.warpdrive.sched.SchedKey;
import io.warpdrive.sched.SchedSession;
import java.util.ArrayList;
import java.util.List;

/** A queue view made up by a test: policies are checked on it with no engine and no timing. */
final class SyntheticView implements QueueView {
    final List<Q> queues = new ArrayList<>();

    Q add(String driver, CalcType type, int priority, int node, int inFlight, int depth) {
        Q q = new Q(queues.size(), driver, type, priority, node, inFlight, depth);
        queues.add(q);
        return q;
    }

    @Override
    public int size() {
        return queues.size();
    }

    @Override
    public QueueInfo get(int index) {
        return queues.get(index);
    }

    @Override
    public int distance(int fromNode, int toNode) {
        return fromNode == toNode ? 10 : 10 + 10 * Math.abs(fromNode - toNode);
    }

    static final class Q implements QueueInfo {
        final int index;
        final String driver;
        final CalcType type;
        final int priority;
        final int node;
        int inFlight;
        final int depth;
        boolean available = true;
        Operation operation = Operation.COMPRESS;
        long reservedBy = -1;

        Q(int index, String driver, CalcType type, int priority, int node, int inFlight, int depth) {
            this.index = index;
            this.driver = driver;
            this.type = type;
            this.priority = priority;
            this.node = node;
            this.inFlight = inFlight;
            this.depth = depth;
        }

        @Override
        public int index() {
            return index;
        }

        @Override
        public long id() {
            return index;
        }

        @Override
        public String driver() {
            return driver;
        }

        @Override
        public CalcType calcType() {
            return type;
        }

        @Override
        public int driverPriority() {
            return priority;
        }

        @Override
        public String device() {
            return driver + "-" + node;
        }

        @Override
        public int numaNode() {
            return node;
        }

        @Override
        public Operation operation() {
            return operation;
        }

        @Override
        public QueueMode mode() {
            return QueueMode.SHARED;
        }

        @Override
        public CompletionMode completionMode() {
            return CompletionMode.PUSH;
        }

        @Override
        public int depth() {
            return depth;
        }

        @Override
        public int inFlight() {
            return inFlight;
        }

        @Override
        public long queuedBytes() {
            return 0;
        }

        @Override
        public double throughput() {
            return 0;
        }

        @Override
        public boolean isAvailable() {
            return available;
        }

        @Override
        public boolean hasRoom() {
            return available && inFlight < depth;
        }

        @Override
        public boolean serves(Algorithm algorithm, WindowSize window) {
            return true;
        }

        @Override
        public long reservedBy() {
            return reservedBy;
        }

        @Override
        public boolean canTake(SchedKey key) {
            boolean hw = type.isHardware();
            boolean allowed = key.fallback() == FallbackPolicy.AUTO
                    || (key.fallback() == FallbackPolicy.HARDWARE_ONLY) == hw;
            return hasRoom() && allowed && key.operation() == operation
                    && (reservedBy < 0 || reservedBy == key.consumerId())
                    && (key.requiredDriver() == null || key.requiredDriver().equals(driver));
        }

        @Override
        public String toString() {
            return driver + "#" + index;
        }
    }

    /** A request key with settable fields. */
    static final class Key implements SchedKey {
        FallbackPolicy fallback = FallbackPolicy.AUTO;
        int node = -1;
        Operation operation = Operation.COMPRESS;
        String requiredDriver;
        long consumerId = 1;

        @Override
        public String consumer() {
            return "test";
        }

        @Override
        public long consumerId() {
            return consumerId;
        }

        @Override
        public Operation operation() {
            return operation;
        }

        @Override
        public Algorithm algorithm() {
            return Algorithm.GZIP;
        }

        @Override
        public WindowSize window() {
            return WindowSize.W32K;
        }

        @Override
        public boolean sync() {
            return true;
        }

        @Override
        public boolean stream() {
            return requiredDriver != null;
        }

        @Override
        public String requiredDriver() {
            return requiredDriver;
        }

        @Override
        public long size() {
            return 4096;
        }

        @Override
        public int numaNode() {
            return node;
        }

        @Override
        public PriorityLevel priority() {
            return PriorityLevel.THIRD_PARTY_LOW;
        }

        @Override
        public FallbackPolicy fallback() {
            return fallback;
        }

        @Override
        public SchedSession session() {
            return null;
        }

        @Override
        public String contextTag() {
            return null;
        }
    }
}
