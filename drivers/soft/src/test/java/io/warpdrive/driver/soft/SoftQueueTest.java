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
import io.warpdrive.lib.cpu.CpuDevice;
import io.warpdrive.lib.cpu.WorkerPool;
import io.warpdrive.testing.conformance.RecordingJob;
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

    private CpuDevice device(int instances, int depth, int workers) {
        return device(instances, depth, workers, true);
    }

    private CpuDevice device(int instances, int depth, int workers, boolean syncOnCaller) {
        pool = new WorkerPool(SoftDriver.NAME, workers, instances * depth, TimeUnit.MICROSECONDS.toNanos(50),
                syncOnCaller, SoftCodec::new, warnings::add);
        pool.start();
        return SoftDriver.device("soft-0", instances, depth, 0, pool);
    }

    @AfterEach
    void stop() {
        if (pool != null) {
            pool.stop();
        }
    }

    /** A heap job of level 1 gzip, as the platform hands it to a soft queue. */
    private static RecordingJob job(int tag, byte[] input, int room) {
        return RecordingJob.heap(tag, Operation.COMPRESS, Algorithm.GZIP, input, room).level(1);
    }

    private static void await(RecordingJob job) {
        assertTrue(job.await(30, TimeUnit.SECONDS), "job completed");
    }

    @Test
    void compressesAsynchronouslyOnWorkers() throws Exception {
        CpuDevice d = device(4, 8, 2);
        Queue q = d.openQueue(Operation.COMPRESS, QueueMode.SHARED);
        byte[] data = "hello hello hello hello".repeat(100).getBytes();
        RecordingJob job = job(0, data, 4096);
        assertTrue(q.send(job));
        await(job);
        assertEquals(WdStatus.OK, job.status);
        assertTrue(job.endOfStream);
        assertArrayEquals(data, new GZIPInputStream(new java.io.ByteArrayInputStream(job.output())).readAllBytes());
        assertEquals(0, q.receive(16), "PUSH queues reap nothing");
    }

    @Test
    void aFullQueueRefusesAndAFullDeviceIsBusy() throws Exception {
        CpuDevice d = device(2, 2, 1);
        Queue a = d.openQueue(Operation.COMPRESS, QueueMode.SHARED);
        d.openQueue(Operation.DECOMPRESS, QueueMode.SHARED);
        assertEquals(0, d.availableInstances());
        WdException busy = assertThrows(WdException.class, () -> d.openQueue(Operation.COMPRESS, QueueMode.SHARED));
        assertEquals(WdStatus.BUSY, busy.status());
        // hold the only worker with a big job so the queue fills up
        byte[] big = new byte[8 << 20];
        new Random(1).nextBytes(big);
        RecordingJob slow = job(0, big, big.length + 4096);
        RecordingJob second = job(1, new byte[10], 100);
        assertTrue(a.send(slow));
        assertTrue(a.send(second));
        assertFalse(a.send(job(0, new byte[10], 100)), "depth 2 reached");
        await(slow);
        await(second);
        a.close();
        assertEquals(1, d.availableInstances());
    }

    @Test
    void closeFailsQueuedJobsWaitsForRunningOnesAndFailsLaterSends() throws Exception {
        CpuDevice d = device(2, 16, 1);
        Queue q = d.openQueue(Operation.COMPRESS, QueueMode.SHARED);
        byte[] big = new byte[16 << 20];
        new Random(2).nextBytes(big);
        RecordingJob running = job(0, big, big.length + 8192);
        assertTrue(q.send(running));
        List<RecordingJob> queued = new ArrayList<>();
        for (int tag = 1; tag < 16; tag++) {
            RecordingJob j = job(tag, new byte[100], 200);
            assertTrue(q.send(j));
            queued.add(j);
        }
        q.close();
        // when close returns every accepted job has completed, exactly once
        assertEquals(1, running.completions.get());
        for (RecordingJob j : queued) {
            assertEquals(1, j.completions.get());
        }
        RecordingJob late = job(0, new byte[10], 100);
        assertTrue(q.send(late), "a closed queue accepts and fails");
        assertEquals(WdStatus.QUEUE_CLOSED, late.status);
        assertEquals(2, d.availableInstances());
    }

    @Test
    void stoppingThePoolFailsWhatIsStillQueued() throws Exception {
        CpuDevice d = device(1, 8, 1);
        Queue q = d.openQueue(Operation.COMPRESS, QueueMode.SHARED);
        byte[] big = new byte[8 << 20];
        new Random(3).nextBytes(big);
        List<RecordingJob> jobs = new ArrayList<>();
        for (int tag = 0; tag < 8; tag++) {
            RecordingJob j = job(tag, tag == 0 ? big : new byte[10], tag == 0 ? big.length + 8192 : 100);
            assertTrue(q.send(j));
            jobs.add(j);
        }
        pool.stop();
        pool = null;
        for (RecordingJob j : jobs) {
            assertEquals(1, j.completions.get());
            assertTrue(j.status == WdStatus.OK || j.status == WdStatus.DRIVER_GONE, j.status.toString());
        }
    }

    @Test
    void racingSendersAndACloseLoseNothing() throws Exception {
        CpuDevice d = device(4, 32, 2);
        for (int round = 0; round < 20; round++) {
            Queue q = d.openQueue(Operation.COMPRESS, QueueMode.SHARED);
            AtomicInteger tags = new AtomicInteger();
            ConcurrentLinkedQueue<RecordingJob> sent = new ConcurrentLinkedQueue<>();
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
                        RecordingJob j = job(tag, new byte[1000], 2000);
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
            for (RecordingJob j : sent) {
                await(j);
                assertEquals(1, j.completions.get(), "completed exactly once");
            }
        }
        assertEquals(4, d.availableInstances());
    }

    @Test
    void resizingTheWorkersUnderLoadLosesNothing() throws Exception {
        CpuDevice d = device(2, 32, 2);
        Queue q = d.openQueue(Operation.COMPRESS, QueueMode.SHARED);
        List<RecordingJob> jobs = new ArrayList<>();
        int[] sizes = { 1, 4, 3, 1, 2, 6, 1 };
        for (int round = 0; round < sizes.length; round++) {
            pool.resize(sizes[round], TimeUnit.MICROSECONDS.toNanos(10), true);
            for (int tag = 0; tag < 32; tag++) {
                RecordingJob j = job(tag, new byte[20_000], 40_000);
                while (!q.send(j)) {
                    Thread.onSpinWait();
                }
                jobs.add(j);
            }
            for (RecordingJob j : jobs.subList(jobs.size() - 32, jobs.size())) {
                await(j);
            }
            assertEquals(sizes[round], pool.size());
        }
        for (RecordingJob j : jobs) {
            assertEquals(1, j.completions.get());
            assertEquals(WdStatus.OK, j.status);
        }
    }

    @Test
    void aSyncCallersJobRunsOnTheCallersThreadInsideSend() throws Exception {
        CpuDevice d = device(2, 4, 1);
        Queue q = d.openQueue(Operation.COMPRESS, QueueMode.SYNC);
        byte[] data = "sync sync sync sync".repeat(200).getBytes();
        RecordingJob job = job(0, data, 8192).waiter(Thread.currentThread());
        assertTrue(q.send(job));
        assertEquals(1, job.completions.get(), "completed before send returned");
        assertEquals(Thread.currentThread(), job.completedOn);
        assertTrue(job.cpuNanos > 0, "CPU time reported");
        assertArrayEquals(data, new GZIPInputStream(new java.io.ByteArrayInputStream(job.output())).readAllBytes());
        RecordingJob async = job(1, data, 8192);
        assertTrue(q.send(async));
        await(async);
        assertTrue(async.completedOn.getName().startsWith("wd-soft-"), "async jobs run on workers: " + async.completedOn);
    }

    @Test
    void withSyncOnCallerOffTheWorkersRunSyncJobsToo() throws Exception {
        CpuDevice d = device(2, 4, 1, false);
        Queue q = d.openQueue(Operation.COMPRESS, QueueMode.SYNC);
        RecordingJob job = job(0, new byte[1000], 2000).waiter(Thread.currentThread());
        assertTrue(q.send(job));
        await(job);
        assertEquals(WdStatus.OK, job.status);
        assertTrue(job.completedOn.getName().startsWith("wd-soft-"), "ran on " + job.completedOn);
        pool.resize(1, TimeUnit.MICROSECONDS.toNanos(50), true);
        RecordingJob now = job(1, new byte[1000], 2000).waiter(Thread.currentThread());
        assertTrue(q.send(now));
        assertEquals(Thread.currentThread(), now.completedOn, "switched on live");
    }

    @Test
    void syncCallersAndWorkersRacingACloseLoseNothing() throws Exception {
        CpuDevice d = device(4, 64, 2);
        for (int round = 0; round < 20; round++) {
            Queue q = d.openQueue(Operation.COMPRESS, QueueMode.SHARED);
            AtomicInteger tags = new AtomicInteger();
            ConcurrentLinkedQueue<RecordingJob> sent = new ConcurrentLinkedQueue<>();
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
                        RecordingJob j = job(tag, new byte[5000], 6000).waiter(sync ? Thread.currentThread() : null);
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
            for (RecordingJob j : sent) {
                await(j);
                assertEquals(1, j.completions.get(), "completed exactly once");
                assertTrue(j.status == WdStatus.OK || j.status == WdStatus.QUEUE_CLOSED, j.status.toString());
            }
        }
        assertEquals(4, d.availableInstances());
        assertTrue(warnings.isEmpty(), warnings.toString());
    }
}
