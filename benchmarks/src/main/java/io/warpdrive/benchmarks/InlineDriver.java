package io.warpdrive.benchmarks;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.comp.WindowSize;
import io.warpdrive.lib.CalcType;
import io.warpdrive.lib.CompletionMode;
import io.warpdrive.lib.Device;
import io.warpdrive.lib.DeviceHealth;
import io.warpdrive.lib.DeviceListener;
import io.warpdrive.lib.Driver;
import io.warpdrive.lib.Job;
import io.warpdrive.lib.Queue;
import io.warpdrive.lib.QueueMode;
import io.warpdrive.lib.StreamState;
import java.nio.ByteBuffer;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A driver that costs nothing: each queue completes a job inside {@code send}, consuming the
 * source and producing one byte. What the platform's request path costs on its own (pick,
 * tag, bind, send, complete, account, wake) is what a request through it costs.
 */
final class InlineDriver implements Driver {
    private final String name;
    private final CalcType calcType;
    private final int priority;
    private final List<InlineDevice> devices;

    InlineDriver(String name, CalcType calcType, int priority, int devices) {
        this.name = name;
        this.calcType = calcType;
        this.priority = priority;
        InlineDevice[] d = new InlineDevice[devices];
        for (int i = 0; i < devices; i++) {
            d[i] = new InlineDevice(name + "-" + i, i % 2);
        }
        this.devices = List.of(d);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public CalcType calcType() {
        return calcType;
    }

    @Override
    public int priority() {
        return priority;
    }

    @Override
    public List<? extends Device> devices() {
        return devices;
    }

    @Override
    public void addDeviceListener(DeviceListener listener) {
    }

    @Override
    public void removeDeviceListener(DeviceListener listener) {
    }

    @Override
    public boolean scatterGather() {
        return true;
    }

    @Override
    public boolean directMemoryOnly() {
        return false;
    }

    @Override
    public StreamState openStream(Algorithm algorithm, Operation operation, int level, WindowSize window) {
        throw new WdException(WdStatus.UNSUPPORTED, "the inline driver has no streams");
    }

    private static final class InlineDevice implements Device {
        private final String name;
        private final int node;
        private final AtomicInteger open = new AtomicInteger();

        InlineDevice(String name, int node) {
            this.name = name;
            this.node = node;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Set<Algorithm> algorithms() {
            return EnumSet.allOf(Algorithm.class);
        }

        @Override
        public int numaNode() {
            return node;
        }

        @Override
        public int instances() {
            return 64;
        }

        @Override
        public int availableInstances() {
            return 64 - open.get();
        }

        @Override
        public DeviceHealth health() {
            return DeviceHealth.ONLINE;
        }

        @Override
        public Queue openQueue(Operation operation, QueueMode mode) {
            open.incrementAndGet();
            return new InlineQueue(this, operation, mode);
        }
    }

    private static final class InlineQueue implements Queue {
        private final InlineDevice device;
        private final Operation operation;
        private final QueueMode mode;
        private volatile boolean closed;

        InlineQueue(InlineDevice device, Operation operation, QueueMode mode) {
            this.device = device;
            this.operation = operation;
            this.mode = mode;
        }

        @Override
        public Device device() {
            return device;
        }

        @Override
        public Operation operation() {
            return operation;
        }

        @Override
        public QueueMode mode() {
            return mode;
        }

        @Override
        public int depth() {
            return 64;
        }

        @Override
        public CompletionMode completionMode() {
            return CompletionMode.PUSH;
        }

        @Override
        public boolean send(Job job) {
            if (closed) {
                job.fail(WdStatus.QUEUE_CLOSED, "closed");
                return true;
            }
            ByteBuffer in = job.source().get(0);
            in.position(in.limit());
            ByteBuffer out = job.destination().get(0);
            out.put((byte) 1);
            job.complete(true);
            return true;
        }

        @Override
        public int receive(int budget) {
            return 0;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                device.open.decrementAndGet();
            }
        }
    }
}
