package io.warpdrive.core.engine.usage;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.core.engine.session.Consumer;
import io.warpdrive.lib.CalcType;
import io.warpdrive.lib.QueueMode;
import io.warpdrive.stats.ConsumerUsage;
import io.warpdrive.stats.MovingAverages;
import io.warpdrive.stats.ContextUsage;
import io.warpdrive.stats.Counts;
import io.warpdrive.stats.DeviceUsage;
import io.warpdrive.stats.DriverUsage;
import io.warpdrive.stats.QueueUsage;
import io.warpdrive.stats.StreamContinuityUsage;
import java.util.Map;

/** The immutable snapshot objects the accounting service hands out. */
final class UsageSnapshots {
    private UsageSnapshots() {
    }

    record CountsSnapshot(long requests, long bytesIn, long bytesOut) implements Counts {
        static final CountsSnapshot ZERO = new CountsSnapshot(0, 0, 0);

        CountsSnapshot plus(long r, long in, long out) {
            return new CountsSnapshot(requests + r, bytesIn + in, bytesOut + out);
        }
    }

    record Consumer(String name, String version, long bundleId, CountsSnapshot total, CountsSnapshot[][] cells,
            long hardwareRequests, Map<WdStatus, Long> errors, long queuedNanos, long serviceNanos,
            long hardwareBusyNanos, long cpuNanos, int reservedQueues, MovingAverages hardwareBusy,
            MovingAverages hardwareBusyShare, MovingAverages cpuTime, MovingAverages cpuTimeShare)
            implements ConsumerUsage {

        @Override
        public Counts of(Algorithm algorithm, Operation operation) {
            return cells[algorithm.ordinal()][operation.ordinal()];
        }

        @Override
        public long cpuRequests() {
            return total.requests() - hardwareRequests;
        }

        @Override
        public double hardwareShare() {
            return total.requests() == 0 ? 0 : (double) hardwareRequests / total.requests();
        }
    }

    record Queue(long id, String driver, String device, Operation operation, QueueMode mode, int depth,
            long reservedBy, long requests, long failed, long bytesIn, long bytesOut, int inFlight, long busyNanos,
            long idleNanos, double throughput, long faults) implements QueueUsage {
    }

    record Device(String driver, String device, int queues, long requests, long failed, long bytesIn, long bytesOut,
            int inFlight, long busyNanos, long idleNanos, double throughput, long faults, long wrongOutputs)
            implements DeviceUsage {
    }

    record Driver(String driver, CalcType calcType, boolean present, long requests, long failed, long bytesIn,
            long bytesOut, int inFlight, long busyNanos, long idleNanos, double throughput, long faults)
            implements DriverUsage {
    }

    record StreamContinuity(long moves, long keptInput, long keptInputLimit, long keptInputRefusals)
            implements StreamContinuityUsage {
    }

    /**
     * {@code cells[operation][submitted requests, submitted bytes, completed requests, completed
     * bytes, submitted work, completed work]}.
     */
    record Context(String consumer, String contextTag, long[][] cells) implements ContextUsage {

        @Override
        public long submittedRequests(Operation operation) {
            return cells[operation.ordinal()][0];
        }

        @Override
        public long submittedBytes(Operation operation) {
            return cells[operation.ordinal()][1];
        }

        @Override
        public long completedRequests(Operation operation) {
            return cells[operation.ordinal()][2];
        }

        @Override
        public long completedBytes(Operation operation) {
            return cells[operation.ordinal()][3];
        }

        @Override
        public long submittedWork(Operation operation) {
            return cells[operation.ordinal()][4];
        }

        @Override
        public long completedWork(Operation operation) {
            return cells[operation.ordinal()][5];
        }
    }
}
