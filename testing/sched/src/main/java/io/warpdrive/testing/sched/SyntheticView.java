package io.warpdrive.testing.sched;

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
public final class SyntheticView implements QueueView {
    public final List<Q> queues = new ArrayList<>();

    public Q add(String driver, CalcType type, int priority, int node, int inFlight, int depth) {
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

    /** A session whose policy state is a plain field. */
    public static final class Session implements SchedSession {
        private static long ids;
        private final long id = ++ids;
        private Object state;

        @Override
        public long id() {
            return id;
        }

        @Override
        public Object policyState() {
            return state;
        }

        @Override
        public void policyState(Object value) {
            state = value;
        }
    }

    @Override
    public int distance(int fromNode, int toNode) {
        return fromNode == toNode ? 10 : 10 + 10 * Math.abs(fromNode - toNode);
    }

    /** A queue with settable state. */
    public static final class Q implements QueueInfo {
        public final int index;
        public final String driver;
        public final CalcType type;
        public final int priority;
        public final int node;
        public int inFlight;
        public final int depth;
        public boolean available = true;
        public Operation operation = Operation.COMPRESS;
        public long reservedBy = -1;
        /** What the platform would predict for any request on this queue: finish and service time (0: none). */
        public long finishNanos;
        public long serviceNanos;

        /** Sets the predictions ({@code predictedFinishNanos}, {@code predictedServiceNanos}) in microseconds. */
        public Q predicts(long finishMicros, long serviceMicros) {
            this.finishNanos = finishMicros * 1000;
            this.serviceNanos = serviceMicros * 1000;
            return this;
        }

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
        public long predictedFinishNanos(SchedKey key) {
            return finishNanos;
        }

        @Override
        public long predictedServiceNanos(SchedKey key) {
            return serviceNanos;
        }

        @Override
        public String toString() {
            return driver + "#" + index;
        }
    }

    /** A request key with settable fields. */
    public static final class Key implements SchedKey {
        public FallbackPolicy fallback = FallbackPolicy.AUTO;
        public int node = -1;
        public Operation operation = Operation.COMPRESS;
        public String requiredDriver;
        public long consumerId = 1;
        public String consumer = "test";
        public PriorityLevel priority = PriorityLevel.THIRD_PARTY_LOW;
        public int hardwareInFlight;
        public boolean sync = true;
        public SchedSession session;
        public String contextTag;

        @Override
        public String consumer() {
            return consumer;
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
            return sync;
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
            return priority;
        }

        @Override
        public int hardwareInFlight() {
            return hardwareInFlight;
        }

        @Override
        public FallbackPolicy fallback() {
            return fallback;
        }

        @Override
        public SchedSession session() {
            return session;
        }

        @Override
        public String contextTag() {
            return contextTag;
        }
    }
}
