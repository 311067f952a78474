package io.warpdrive.driver.soft;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Flush;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.SgList;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.comp.WindowSize;
import io.warpdrive.lib.Job;
import io.warpdrive.lib.Queue;
import io.warpdrive.lib.QueueMode;
import io.warpdrive.lib.StreamState;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The soft driver's queues and workers: depth, instances, close and stop semantics, and a race. */
class SoftQueueTest {
    private final List<String> warnings = new java.util.concurrent.CopyOnWriteArrayList<>();
    private WorkerPool pool;

    private SoftDevice device(int instances, int depth, int workers) {
        return device(instances, depth, workers, true);
    }

    private SoftDevice device(int instances, int depth, int workers, boolean syncOnCaller) {
        pool = new WorkerPool(workers, instances * depth, TimeUnit.MICROSECONDS.toNanos(50), syncOnCaller,
                warnings::add);
        pool.start();
        return new SoftDevice("soft-0", instances, depth, 0, pool, warnings::add);
    }

    @AfterEach
    void stop() {
        if (pool != null) {
            pool.stop();
        }
    }

    /** A job that records how it completed; thread-safe, as the workers complete it. */
    static final class QueueJob implements Job {
        final int tag;
        final SgList source;
        final SgList destination;
        final Operation operation;
        final CountDownLatch done = new CountDownLatch(1);
        final AtomicInteger completions = new AtomicInteger();
        volatile WdStatus status;
        volatile boolean endOfStream;
        /** The sync caller waiting for this job, if it is a sync job; the thread that ran it. */
        volatile Thread waiter;
        volatile Thread ranOn;

        QueueJob(int tag, Operation operation, byte[] input, int outputSize) {
            this.tag = tag;
            this.operation = operation;
            this.source = SgList.of(ByteBuffer.wrap(input));
            this.destination = SgList.of(ByteBuffer.allocate(outputSize));
        }

        @Override
        public int tag() {
            return tag;
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
        public int level() {
            return 1;
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
        public SgList destination() {
            return destination;
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
        public boolean senderWaits() {
            return waiter == Thread.currentThread();
        }

        @Override
        public void addCpuTime(long nanos) {
        }

        @Override
        public void complete(boolean eos) {
            ranOn = Thread.currentThread();
            endOfStream = eos;
            status = WdStatus.OK;
            completions.incrementAndGet();
            done.countDown();
        }

        @Override
        public void fail(WdStatus s, String detail) {
            ranOn = Thread.currentThread();
            status = s;
            completions.incrementAndGet();
            done.countDown();
        }

        byte[] output() {
            ByteBuffer b = destination.get(0);
            byte[] out = new byte[b.position()];
            b.duplicate().flip().get(out);
            return out;
        }

        void await() throws InterruptedException {
            assertTrue(done.await(30, TimeUnit.SECONDS), "job completed");
        }
    }

    @Test
    void compressesAsynchronouslyOnWorkers() throws Exception {
        SoftDevice d = device(4, 8, 2);
        Queue q = d.openQueue(Operation.COMPRESS, QueueMode.SHARED);
        byte[] data = "hello hello hello hello".repeat(100).getBytes();
        QueueJob job = new QueueJob(0, Operation.COMPRESS, data, 4096);
        assertTrue(q.send(job));
        job.await();
        assertEquals(WdStatus.OK, job.status);
        assertTrue(job.endOfStream);
        assertArrayEquals(data, new GZIPInputStream(new java.io.ByteArrayInputStream(job.output())).readAllBytes());
        assertEquals(0, q.receive(16), "PUSH queues reap nothing");
    }

    @Test
    void aFullQueueRefusesAndAFullDeviceIsBusy() throws Exception {
        SoftDevice d = device(2, 2, 1);
        Queue a = d.openQueue(Operation.COMPRESS, QueueMode.SHARED);
        d.openQueue(Operation.DECOMPRESS, QueueMode.SHARED);
        assertEquals(0, d.availableInstances());
        WdException busy = assertThrows(WdException.class, () -> d.openQueue(Operation.COMPRESS, QueueMode.SHARED));
        assertEquals(WdStatus.BUSY, busy.status());
        // hold the only worker with a big job so the queue fills up
        byte[] big = new byte[8 << 20];
        new Random(1).nextBytes(big);
        QueueJob slow = new QueueJob(0, Operation.COMPRESS, big, big.length + 4096);
        QueueJob second = new QueueJob(1, Operation.COMPRESS, new byte[10], 100);
        assertTrue(a.send(slow));
        assertTrue(a.send(second));
        assertFalse(a.send(new QueueJob(0, Operation.COMPRESS, new byte[10], 100)), "depth 2 reached");
        slow.await();
        second.await();
        a.close();
        assertEquals(1, d.availableInstances());
    }

    @Test
    void closeFailsQueuedJobsWaitsForRunningOnesAndFailsLaterSends() throws Exception {
        SoftDevice d = device(2, 16, 1);
        Queue q = d.openQueue(Operation.COMPRESS, QueueMode.SHARED);
        byte[] big = new byte[16 << 20];
        new Random(2).nextBytes(big);
        QueueJob running = new QueueJob(0, Operation.COMPRESS, big, big.length + 8192);
        assertTrue(q.send(running));
        List<QueueJob> queued = new ArrayList<>();
        for (int tag = 1; tag < 16; tag++) {
            QueueJob j = new QueueJob(tag, Operation.COMPRESS, new byte[100], 200);
            assertTrue(q.send(j));
            queued.add(j);
        }
        q.close();
        // when close returns every accepted job has completed, exactly once
        assertEquals(1, running.completions.get());
        for (QueueJob j : queued) {
            assertEquals(1, j.completions.get());
        }
        QueueJob late = new QueueJob(0, Operation.COMPRESS, new byte[10], 100);
        assertTrue(q.send(late), "a closed queue accepts and fails");
        assertEquals(WdStatus.QUEUE_CLOSED, late.status);
        assertEquals(2, d.availableInstances());
    }

    @Test
    void stoppingThePoolFailsWhatIsStillQueued() throws Exception {
        SoftDevice d = device(1, 8, 1);
        Queue q = d.openQueue(Operation.COMPRESS, QueueMode.SHARED);
        byte[] big = new byte[8 << 20];
        new Random(3).nextBytes(big);
        List<QueueJob> jobs = new ArrayList<>();
        for (int tag = 0; tag < 8; tag++) {
            QueueJob j = new QueueJob(tag, Operation.COMPRESS, tag == 0 ? big : new byte[10], tag == 0 ? big.length + 8192 : 100);
            assertTrue(q.send(j));
            jobs.add(j);
        }
        pool.stop();
        pool = null;
        for (QueueJob j : jobs) {
            assertEquals(1, j.completions.get());
            assertTrue(j.status == WdStatus.OK || j.status == WdStatus.DRIVER_GONE, j.status.toString());
        }
    }

    @Test
    void racingSendersAndACloseLoseNothing() throws Exception {
        SoftDevice d = device(4, 32, 2);
        for (int round = 0; round < 20; round++) {
            Queue q = d.openQueue(Operation.COMPRESS, QueueMode.SHARED);
            AtomicInteger tags = new AtomicInteger();
            ConcurrentLinkedQueue<QueueJob> sent = new ConcurrentLinkedQueue<>();
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> senders = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                Thread th = new Thread(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    for (int i = 0; i < 8; i++) {
                        int tag = tags.getAndIncrement();
                        if (tag >= 32) {
                            return;
                        }
                        QueueJob j = new QueueJob(tag, Operation.COMPRESS, new byte[1000], 2000);
                        if (q.send(j)) {
                            sent.add(j);
                        }
                    }
                });
                th.start();
                senders.add(th);
            }
            go.countDown();
            q.close();
            for (Thread th : senders) {
                th.join();
            }
            for (QueueJob j : sent) {
                j.await();
                assertEquals(1, j.completions.get(), "completed exactly once");
            }
        }
        assertEquals(4, d.availableInstances());
    }

    @Test
    void resizingTheWorkersUnderLoadLosesNothing() throws Exception {
        SoftDevice d = device(2, 32, 2);
        Queue q = d.openQueue(Operation.COMPRESS, QueueMode.SHARED);
        List<QueueJob> jobs = new ArrayList<>();
        int[] sizes = { 1, 4, 3, 1, 2, 6, 1 };
        for (int round = 0; round < sizes.length; round++) {
            pool.resize(sizes[round], TimeUnit.MICROSECONDS.toNanos(10), true);
            for (int tag = 0; tag < 32; tag++) {
                QueueJob j = new QueueJob(tag, Operation.COMPRESS, new byte[20_000], 40_000);
                while (!q.send(j)) {
                    Thread.onSpinWait();
                }
                jobs.add(j);
            }
            for (QueueJob j : jobs.subList(jobs.size() - 32, jobs.size())) {
                j.await();
            }
            assertEquals(sizes[round], pool.size());
        }
        for (QueueJob j : jobs) {
            assertEquals(1, j.completions.get());
            assertEquals(WdStatus.OK, j.status);
        }
    }

    @Test
    void aSyncCallersJobRunsOnTheCallersThreadInsideSend() throws Exception {
        SoftDevice d = device(2, 4, 1);
        Queue q = d.openQueue(Operation.COMPRESS, QueueMode.SYNC);
        byte[] data = "sync sync sync sync".repeat(200).getBytes();
        QueueJob job = new QueueJob(0, Operation.COMPRESS, data, 8192);
        job.waiter = Thread.currentThread();
        assertTrue(q.send(job));
        assertEquals(1, job.completions.get(), "completed before send returned");
        assertEquals(Thread.currentThread(), job.ranOn);
        assertArrayEquals(data, new GZIPInputStream(new java.io.ByteArrayInputStream(job.output())).readAllBytes());
        QueueJob async = new QueueJob(1, Operation.COMPRESS, data, 8192);
        assertTrue(q.send(async));
        async.await();
        assertTrue(async.ranOn.getName().startsWith("wd-soft-"), "async jobs run on workers: " + async.ranOn);
    }

    @Test
    void withSyncOnCallerOffTheWorkersRunSyncJobsToo() throws Exception {
        SoftDevice d = device(2, 4, 1, false);
        Queue q = d.openQueue(Operation.COMPRESS, QueueMode.SYNC);
        QueueJob job = new QueueJob(0, Operation.COMPRESS, new byte[1000], 2000);
        job.waiter = Thread.currentThread();
        assertTrue(q.send(job));
        job.await();
        assertEquals(WdStatus.OK, job.status);
        assertTrue(job.ranOn.getName().startsWith("wd-soft-"), "ran on " + job.ranOn);
        pool.resize(1, TimeUnit.MICROSECONDS.toNanos(50), true);
        QueueJob now = new QueueJob(1, Operation.COMPRESS, new byte[1000], 2000);
        now.waiter = Thread.currentThread();
        assertTrue(q.send(now));
        assertEquals(Thread.currentThread(), now.ranOn, "switched on live");
    }

    @Test
    void syncCallersAndWorkersRacingACloseLoseNothing() throws Exception {
        SoftDevice d = device(4, 64, 2);
        for (int round = 0; round < 20; round++) {
            Queue q = d.openQueue(Operation.COMPRESS, QueueMode.SHARED);
            AtomicInteger tags = new AtomicInteger();
            ConcurrentLinkedQueue<QueueJob> sent = new ConcurrentLinkedQueue<>();
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> senders = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                boolean sync = t % 2 == 0;
                Thread th = new Thread(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    for (int i = 0; i < 10; i++) {
                        int tag = tags.getAndIncrement();
                        if (tag >= 64) {
                            return;
                        }
                        QueueJob j = new QueueJob(tag, Operation.COMPRESS, new byte[5000], 6000);
                        j.waiter = sync ? Thread.currentThread() : null;
                        if (q.send(j)) {
                            sent.add(j);
                        }
                    }
                });
                th.start();
                senders.add(th);
            }
            go.countDown();
            q.close();
            for (Thread th : senders) {
                th.join();
            }
            for (QueueJob j : sent) {
                j.await();
                assertEquals(1, j.completions.get(), "completed exactly once");
                assertTrue(j.status == WdStatus.OK || j.status == WdStatus.QUEUE_CLOSED, j.status.toString());
            }
        }
        assertEquals(4, d.availableInstances());
        assertTrue(warnings.isEmpty(), warnings.toString());
    }
}
