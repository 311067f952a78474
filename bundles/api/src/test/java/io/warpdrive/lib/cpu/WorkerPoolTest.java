package io.warpdrive.lib.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Flush;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.SgList;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.comp.WindowSize;
import io.warpdrive.lib.Job;
import io.warpdrive.lib.Queue;
import io.warpdrive.lib.QueueMode;
import io.warpdrive.lib.StreamState;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * What the CPU drivers rely on beyond the soft driver's queue tests: every codec the pool
 * makes is closed when it stops (the isal driver's native memory), and the driver's name
 * and capabilities come through.
 */
class WorkerPoolTest {
    private final AtomicInteger made = new AtomicInteger();
    private final AtomicInteger open = new AtomicInteger();
    private final List<String> warnings = new CopyOnWriteArrayList<>();

    /** Completes every job, or fails the ones of level -1 as a codec bug would. */
    private final class CountingCodec implements CpuCodec {
        private boolean closed;

        CountingCodec() {
            made.incrementAndGet();
            open.incrementAndGet();
        }

        @Override
        public boolean execute(Job job) {
            if (job.level() < 0) {
                throw new IllegalStateException("codec bug");
            }
            return true;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                open.decrementAndGet();
            }
        }
    }

    private WorkerPool pool(int workers, int capacity) {
        WorkerPool pool = new WorkerPool("test", workers, capacity, TimeUnit.MICROSECONDS.toNanos(10), true,
                CountingCodec::new, warnings::add);
        pool.start();
        return pool;
    }

    private static CpuDevice device(WorkerPool pool, int depth) {
        return new CpuDevice("test-0", 2, depth, 0, Set.of(WindowSize.W32K), Map.of("codec", "counting"), pool);
    }

    @Test
    void everyCodecIsClosedWhenThePoolStops() throws Exception {
        WorkerPool pool = pool(3, 64);
        CpuDevice device = device(pool, 32);
        Queue async = device.openQueue(Operation.COMPRESS, QueueMode.SHARED);
        Queue sync = device.openQueue(Operation.COMPRESS, QueueMode.SYNC);
        List<TestJob> jobs = new ArrayList<>();
        List<Thread> callers = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            TestJob job = new TestJob(t, 1, true);
            jobs.add(job);
            callers.add(new Thread(() -> sync.send(job), "caller-" + t));
        }
        callers.forEach(Thread::start);
        for (int tag = 0; tag < 32; tag++) {
            TestJob job = new TestJob(tag, 1, false);
            jobs.add(job);
            assertTrue(async.send(job));
            if (tag == 10) {
                // Growing only: a worker retired by shrinking closes its codec when it leaves, which stop does not await.
                pool.resize(4, TimeUnit.MICROSECONDS.toNanos(10), true);
            }
        }
        for (Thread t : callers) {
            t.join(20_000);
        }
        for (TestJob job : jobs) {
            assertTrue(job.done.await(20, TimeUnit.SECONDS), "job " + job.tag + " completed");
            assertNull(job.failure);
        }
        device.remove();
        pool.stop();
        assertTrue(made.get() >= 4, "at least the workers' codecs: " + made.get());
        assertEquals(0, open.get(), "codecs left open of " + made.get());
        assertTrue(warnings.isEmpty(), warnings.toString());
    }

    @Test
    void theDriversNameNamesWorkersAndFailures() throws Exception {
        WorkerPool pool = pool(1, 8);
        Queue q = device(pool, 8).openQueue(Operation.COMPRESS, QueueMode.SHARED);
        TestJob fine = new TestJob(0, 1, false);
        TestJob buggy = new TestJob(1, -1, false);
        assertTrue(q.send(fine));
        assertTrue(q.send(buggy));
        assertTrue(fine.done.await(20, TimeUnit.SECONDS));
        assertTrue(buggy.done.await(20, TimeUnit.SECONDS));
        pool.stop();
        assertTrue(fine.completedOn.getName().startsWith("wd-test-"), fine.completedOn.getName());
        assertEquals(WdStatus.INTERNAL, buggy.failure);
        assertTrue(buggy.detail.startsWith("the test codec failed"), buggy.detail);
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith("test job on wd-test-"), warnings.get(0));
    }

    @Test
    void aDeviceCompressesWithItsCodecsWindowsAndDecompressesAll() {
        WorkerPool pool = pool(2, 8);
        CpuDevice device = device(pool, 8);
        pool.stop();
        assertTrue(device.serves(Algorithm.GZIP, Operation.COMPRESS, WindowSize.W32K));
        assertFalse(device.serves(Algorithm.GZIP, Operation.COMPRESS, WindowSize.W4K));
        assertTrue(device.serves(Algorithm.ZLIB, Operation.DECOMPRESS, WindowSize.W4K));
        assertEquals(Map.of("codec", "counting", "depth", "8", "workers", "2"), device.attributes());
    }

    @Test
    void aLargeJobReportsTheCpuTimeItsWorkerSpentOnIt() throws Exception {
        Assumptions.assumeTrue(ManagementFactory.getThreadMXBean().isCurrentThreadCpuTimeSupported(),
                "this JVM has no thread CPU clock");
        WorkerPool pool = pool(1, 8);
        Queue q = device(pool, 8).openQueue(Operation.COMPRESS, QueueMode.SHARED);
        TestJob large = new TestJob(0, 1, false);
        large.source = SgList.of(ByteBuffer.allocate(ThreadCpuClock.ALWAYS_BYTES));
        assertTrue(q.send(large));
        assertTrue(large.done.await(20, TimeUnit.SECONDS));
        pool.stop();
        assertNull(large.failure);
        assertTrue(large.measuredBeforeCompletion, "measured CPU time reported before the job completed");
        assertTrue(large.measuredCpuNanos >= 0, "measured CPU time: " + large.measuredCpuNanos);
    }

    /**
     * A small job is measured one time in eight, unless the platform wants its CPU time (a
     * calibration job, an explored request): then every one is, on a worker and on its caller.
     */
    @Test
    void everySmallJobThatWantsItsCpuTimeReportsIt() throws Exception {
        Assumptions.assumeTrue(ManagementFactory.getThreadMXBean().isCurrentThreadCpuTimeSupported(),
                "this JVM has no thread CPU clock");
        WorkerPool pool = pool(1, 8);
        CpuDevice device = device(pool, 8);
        Queue async = device.openQueue(Operation.COMPRESS, QueueMode.SHARED);
        Queue sync = device.openQueue(Operation.COMPRESS, QueueMode.SYNC);
        int unwanted = 0;
        for (int i = 0; i < 200; i++) {
            TestJob wanted = new TestJob(0, 1, i % 2 == 0);
            wanted.wantsCpuTime = true;
            wanted.source = SgList.of(ByteBuffer.allocate(16));
            assertTrue((wanted.senderWaits ? sync : async).send(wanted));
            assertTrue(wanted.done.await(20, TimeUnit.SECONDS));
            assertTrue(wanted.measuredCpuNanos >= 0, "job " + i + " wanted its CPU time and got none");
            TestJob other = new TestJob(0, 1, false);
            other.source = SgList.of(ByteBuffer.allocate(16));
            assertTrue(async.send(other));
            assertTrue(other.done.await(20, TimeUnit.SECONDS));
            if (other.measuredCpuNanos < 0) {
                unwanted++;
            }
        }
        pool.stop();
        assertTrue(unwanted > 100, "small jobs that did not ask were measured " + (200 - unwanted) + " times of 200");
    }

    /** A stateless job that records how it ended. */
    private static final class TestJob implements Job {
        final int tag;
        final int level;
        final boolean senderWaits;
        final CountDownLatch done = new CountDownLatch(1);
        volatile WdStatus failure;
        volatile String detail;
        volatile Thread completedOn;
        volatile SgList source;
        volatile long measuredCpuNanos = -1;
        volatile boolean measuredBeforeCompletion;
        volatile boolean wantsCpuTime;

        TestJob(int tag, int level, boolean senderWaits) {
            this.tag = tag;
            this.level = level;
            this.senderWaits = senderWaits;
        }

        @Override
        public int tag() {
            return tag;
        }

        @Override
        public Operation operation() {
            return Operation.COMPRESS;
        }

        @Override
        public Algorithm algorithm() {
            return Algorithm.GZIP;
        }

        @Override
        public int level() {
            return level;
        }

        @Override
        public WindowSize window() {
            return WindowSize.W32K;
        }

        @Override
        public SgList source() {
            return source;
        }

        @Override
        public void measuredCpuTime(long nanos) {
            measuredCpuNanos = nanos;
            measuredBeforeCompletion = done.getCount() == 1;
        }

        @Override
        public boolean wantsCpuTime() {
            return wantsCpuTime;
        }

        @Override
        public SgList destination() {
            return null;
        }

        @Override
        public Flush flush() {
            return Flush.FINISH;
        }

        @Override
        public StreamState stream() {
            return null;
        }

        @Override
        public long outputLimit() {
            return Long.MAX_VALUE;
        }

        @Override
        public void addCpuTime(long nanos) {
        }

        @Override
        public boolean senderWaits() {
            return senderWaits;
        }

        @Override
        public void complete(boolean endOfStream) {
            completedOn = Thread.currentThread();
            done.countDown();
        }

        @Override
        public void fail(WdStatus status, String detail) {
            this.failure = status;
            this.detail = detail;
            completedOn = Thread.currentThread();
            done.countDown();
        }
    }
}
