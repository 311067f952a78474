package io.warpdrive.driver.hisi_zip;

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
import io.warpdrive.driver.hisi_zip.emulator.Emulator;
import io.warpdrive.driver.hisi_zip.zip.ZipQueue;
import io.warpdrive.lib.Device;
import io.warpdrive.lib.Queue;
import io.warpdrive.lib.QueueMode;
import io.warpdrive.lib.StreamState;
import io.warpdrive.testing.conformance.RecordingJob;
import io.warpdrive.testing.conformance.TestOutcome;
import io.warpdrive.testing.conformance.JdkZip;
import io.warpdrive.testing.data.TestFiles;
import io.warpdrive.testing.kit.Allocations;
import io.warpdrive.testing.platform.TestPlatform;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The driver's queues over the emulated device, driven directly as the platform drives
 * them: every QM version's doorbells and SQE types, the queue pair lifecycle and its
 * failure modes (EBUSY, no SET_QP_INFO, stop words, removal), close with jobs in the
 * device, requests split over SQEs, the output limit, stream contexts, and a data path
 * that allocates nothing.
 */
@ExtendWith(TestOutcome.class)
class ZipQueueEmulatorTest {
    private UacceDriverUnderTest dut;

    @AfterEach
    void stop() {
        if (dut != null) {
            dut.close();
        }
    }

    private HisiZipDevice device(int index) {
        return (HisiZipDevice) dut.driver().devices().get(index);
    }

    private static RecordingJob run(Queue q, RecordingJob job) {
        assertTrue(q.send(job));
        TestPlatform.await("job " + job.tag() + " completes", () -> {
            q.receive(64);
            return job.done();
        });
        assertEquals(1, job.completions.get(), "completed exactly once");
        return job;
    }

    private static byte[] roundTrip(Queue compress, Queue decompress, Algorithm a, byte[] data) throws Exception {
        RecordingJob job = run(compress, RecordingJob.direct(1, Operation.COMPRESS, a, data, data.length + 1024));
        assertEquals(WdStatus.OK, job.status, job.toString());
        assertTrue(job.cpuNanos > 0, "the emulated device's CPU time is charged to the job: " + job.cpuNanos);
        assertEquals(-1, job.measuredCpuNanos, "not its service time");
        assertTrue(job.endOfStream);
        assertEquals(data.length, job.source().get(0).position(), "all input consumed");
        byte[] packed = job.output();
        assertArrayEquals(data, JdkZip.decompress(a, packed), a + " readable by java.util.zip");
        RecordingJob back = run(decompress, RecordingJob.direct(2, Operation.DECOMPRESS, a, packed, data.length));
        assertEquals(WdStatus.OK, back.status, back.toString());
        assertTrue(back.cpuNanos > 0, "decompression's too: " + back.cpuNanos);
        assertTrue(back.endOfStream);
        assertArrayEquals(data, back.output());
        return packed;
    }

    @Test
    void everyQueueManagerVersionRoundTripsWithItsDoorbellAndSqeType() throws Exception {
        dut = UacceDriverUnderTest.emulating(3, "api=hisi_qm_v1:hisi_qm_v2:hisi_qm_v3;depth=64", Map.of());
        byte[] data = TestFiles.sample("text", 300_000);
        Emulator emulator = dut.emulator();
        for (int i = 0; i < 3; i++) {
            HisiZipDevice device = device(i);
            assertEquals("hisi_qm_v" + (i + 1), device.attributes().get("api"));
            assertEquals(i < 2 ? "0" : "3", device.attributes().get("sqe.type"));
            Queue c = device.openQueue(Operation.COMPRESS, QueueMode.SHARED);
            Queue d = device.openQueue(Operation.DECOMPRESS, QueueMode.SHARED);
            assertEquals(63, c.depth(), "SET_QP_INFO depth 64, one slot reserved");
            for (Algorithm a : device.algorithms()) {
                if (a.isDeflateFamily()) { // zstd is compression only on v3: UacceZstdTest
                    roundTrip(c, d, a, data);
                }
            }
            assertEquals(i == 2, device.algorithms().contains(Algorithm.ZSTD), "zstd (lz77_zstd) on v3 only");
            assertEquals(i == 2, device.algorithms().contains(Algorithm.LZ4), "lz4 on v3 only");
            assertEquals(i < 2, !device.algorithms().contains(Algorithm.DEFLATE), "v1/v2 offer zlib and gzip only");
            c.close();
            d.close();
            String name = device.name();
            assertEquals(0, emulator.stat(name, "bad_doorbells"), name + ": every doorbell was well formed");
            assertTrue(emulator.stat(name, "doorbells") > 0);
            assertTrue(emulator.stat(name, "completed")
                    >= 2L * device.algorithms().stream().filter(Algorithm::isDeflateFamily).count());
            assertEquals(0, emulator.stat(name, "errors"));
        }
        assertEquals(0, emulator.liveQueues());
    }

    @Test
    void aKernelWithoutSetQpInfoGetsUadksDepth1024() throws Exception {
        dut = UacceDriverUnderTest.emulating(1, "api=hisi_qm_v2;set_qp_info=0", Map.of());
        ZipQueue c = (ZipQueue) device(0).openQueue(Operation.COMPRESS, QueueMode.SHARED);
        ZipQueue d = (ZipQueue) device(0).openQueue(Operation.DECOMPRESS, QueueMode.SHARED);
        assertFalse(c.depthFromKernel());
        assertEquals(1024, c.sqDepth());
        assertEquals(1023, c.depth());
        roundTrip(c, d, Algorithm.GZIP, TestFiles.sample("xml", 100_000));
        assertTrue(dut.log().messages("info").stream().anyMatch(m -> m.contains("depth 1024 assumed")));
        c.close();
        d.close();
    }

    @Test
    void noFreeInstanceIsBusyANormalOutcomeNothingLogged() {
        dut = UacceDriverUnderTest.emulating(1, "instances=2;depth=16", Map.of());
        HisiZipDevice device = device(0);
        assertEquals(2, device.availableInstances());
        Queue a = device.openQueue(Operation.COMPRESS, QueueMode.SHARED);
        Queue b = device.openQueue(Operation.DECOMPRESS, QueueMode.SHARED);
        assertEquals(0, device.availableInstances(), "the kernel allocates the queue pair at open");
        WdException busy = assertThrows(WdException.class, () -> device.openQueue(Operation.COMPRESS, QueueMode.SHARED));
        assertEquals(WdStatus.BUSY, busy.status());
        assertTrue(busy.detail().contains("EBUSY"), busy.detail());
        assertTrue(dut.log().loud().isEmpty(), () -> "EBUSY is not an error: " + dut.log().loud());
        a.close();
        assertEquals(1, device.availableInstances(), "PUT_Q and close give the instance back");
        device.openQueue(Operation.COMPRESS, QueueMode.SHARED).close();
        b.close();
        assertEquals(2, device.availableInstances());
        assertEquals(2, device.instances());
    }

    @Test
    void closeCompletesEveryJobExactlyOnceAlsoTheOnesTheDeviceStillHolds() {
        dut = UacceDriverUnderTest.emulating(1, "depth=64", Map.of());
        Emulator emulator = dut.emulator();
        Queue q = device(0).openQueue(Operation.COMPRESS, QueueMode.SHARED);
        RecordingJob first = run(q, RecordingJob.direct(0, Operation.COMPRESS, Algorithm.GZIP, new byte[1000], 2000));
        assertEquals(WdStatus.OK, first.status);
        emulator.inject("hisi_zip-0", "stuck", 1);
        List<RecordingJob> held = new ArrayList<>();
        for (int tag = 0; tag < 10; tag++) {
            RecordingJob j = RecordingJob.direct(tag, Operation.COMPRESS, Algorithm.GZIP, new byte[1000], 2000);
            assertTrue(q.send(j));
            held.add(j);
        }
        q.receive(64);
        assertTrue(held.stream().noneMatch(RecordingJob::done), "a stuck device completes nothing");
        q.close();
        for (RecordingJob j : held) {
            assertEquals(1, j.completions.get(), "completed exactly once");
            assertEquals(WdStatus.QUEUE_CLOSED, j.status);
            assertTrue(j.detail.contains("closed while the job was in the device"), j.detail);
        }
        assertEquals(0, emulator.liveQueues(), "PUT_Q, unmap, close");
        RecordingJob late = RecordingJob.direct(3, Operation.COMPRESS, Algorithm.GZIP, new byte[10], 100);
        assertTrue(q.send(late), "a closed queue accepts ...");
        assertEquals(WdStatus.QUEUE_CLOSED, late.status, "... and fails the job at once");
        q.close();
        emulator.inject("hisi_zip-0", "stuck", 0);
    }

    @Test
    void aStrandedJobWhoseCompletionThrowsDoesNotStopTheCloseFromCompletingTheOthers() {
        dut = UacceDriverUnderTest.emulating(1, "depth=64", Map.of());
        Emulator emulator = dut.emulator();
        Queue q = device(0).openQueue(Operation.COMPRESS, QueueMode.SHARED);
        emulator.inject("hisi_zip-0", "stuck", 1);
        List<RecordingJob> held = new ArrayList<>();
        for (int tag = 0; tag < 6; tag++) {
            RecordingJob j = tag % 2 == 0 ? new RecordingJob() {
                @Override
                public void fail(WdStatus s, String why) {
                    super.fail(s, why);
                    throw new IllegalStateException("a completion callback that throws");
                }
            } : new RecordingJob();
            j.tag(tag).set(Operation.COMPRESS, Algorithm.GZIP, 6,
                    SgList.of(ByteBuffer.allocateDirect(1000)), SgList.of(ByteBuffer.allocateDirect(2000)));
            assertTrue(q.send(j));
            held.add(j);
        }
        q.close();
        for (RecordingJob j : held) {
            assertEquals(1, j.completions.get(), j + " completed exactly once");
            assertEquals(WdStatus.QUEUE_CLOSED, j.status, j.toString());
        }
        assertEquals(0, emulator.liveQueues(), "the close went through to the end");
        emulator.inject("hisi_zip-0", "stuck", 0);
    }

    @Test
    void queueStoppedWordsStopTheQueue() {
        dut = UacceDriverUnderTest.emulating(1, "depth=16", Map.of());
        Queue q = device(0).openQueue(Operation.COMPRESS, QueueMode.SHARED);
        assertFalse(q.isStopped());
        dut.emulator().inject("hisi_zip-0", "stop", 1);
        assertTrue(q.isStopped());
        RecordingJob j = RecordingJob.direct(0, Operation.COMPRESS, Algorithm.ZLIB, new byte[100], 200);
        assertTrue(q.send(j));
        assertEquals(WdStatus.QUEUE_CLOSED, j.status, "no doorbell on a stopped queue");
        assertTrue(j.detail.contains("stopped"), j.detail);
        dut.emulator().inject("hisi_zip-0", "stop", 0);
        assertFalse(q.isStopped());
        q.close();
    }

    @Test
    void aRemovedDeviceStopsItsQueues() {
        dut = UacceDriverUnderTest.emulating(2, "depth=16", Map.of());
        Queue q = device(1).openQueue(Operation.DECOMPRESS, QueueMode.SHARED);
        dut.emulator().inject("hisi_zip-1", "remove", 0);
        assertTrue(q.isStopped(), "poll answers ENXIO");
        q.close();
        assertEquals(0, dut.emulator().liveQueues());
    }

    @Test
    void requestsLargerThanOneSqeAreSplitIntoStatefulSqes() throws Exception {
        dut = UacceDriverUnderTest.emulating(1, "depth=16", Map.of("sqe.max.kb", 64));
        Queue c = device(0).openQueue(Operation.COMPRESS, QueueMode.SHARED);
        Queue d = device(0).openQueue(Operation.DECOMPRESS, QueueMode.SHARED);
        byte[] data = TestFiles.sample("rows", 1 << 20);
        long before = dut.emulator().stat("hisi_zip-0", "completed");
        for (Algorithm a : new Algorithm[] { Algorithm.DEFLATE, Algorithm.ZLIB, Algorithm.GZIP }) {
            roundTrip(c, d, a, data);
        }
        long sqes = dut.emulator().stat("hisi_zip-0", "completed") - before;
        assertTrue(sqes >= 6 * 16, "1 MiB in 64 KiB SQEs: " + sqes + " SQEs for 6 requests");
        c.close();
        d.close();
    }

    @Test
    void theOutputLimitIsNeverExceeded() throws Exception {
        dut = UacceDriverUnderTest.emulating(1, "depth=16", Map.of());
        Queue d = device(0).openQueue(Operation.DECOMPRESS, QueueMode.SHARED);
        byte[] bomb = JdkZip.compress(Algorithm.GZIP, 9, new byte[4 << 20]);
        RecordingJob job = RecordingJob.direct(0, Operation.DECOMPRESS, Algorithm.GZIP, bomb, 8 << 20);
        job.outputLimit(1 << 20);
        run(d, job);
        assertEquals(WdStatus.OUTPUT_LIMIT_EXCEEDED, job.status, job.toString());
        assertTrue(job.detail.contains("output limit of 1048576 bytes"), job.detail);
        ByteBuffer out = job.destination().get(0);
        assertEquals(0, out.get((1 << 20) + 10) | out.get((8 << 20) - 1), "nothing written past the limit");
        d.close();
    }

    @Test
    void aStreamKeepsItsHistoryInNativeMemoryFreedWhenItCloses() throws Exception {
        dut = UacceDriverUnderTest.emulating(2, "depth=16", Map.of());
        UacceDriver driver = dut.driver();
        Queue c0 = device(0).openQueue(Operation.COMPRESS, QueueMode.SHARED);
        Queue c1 = device(1).openQueue(Operation.COMPRESS, QueueMode.SHARED);
        byte[] data = TestFiles.sample("text", 200_000);
        StreamState stream = driver.openStream(Algorithm.GZIP, Operation.COMPRESS, 6, WindowSize.W32K);
        assertEquals(1, driver.openStreams());
        ByteBuffer out = ByteBuffer.allocateDirect(300_000);
        for (int at = 0, i = 0; at < data.length; at += 50_000, i++) {
            ByteBuffer in = ByteBuffer.allocateDirect(50_000).put(data, at, 50_000).flip();
            RecordingJob job = new RecordingJob().tag(i).set(Operation.COMPRESS, Algorithm.GZIP, 6, SgList.of(in),
                    SgList.of(out)).stream(stream, at + 50_000 == data.length ? Flush.FINISH : Flush.NONE);
            run(i % 2 == 0 ? c0 : c1, job); // a stream moves between devices: its context travels with it
            assertEquals(WdStatus.OK, job.status, job.toString());
            assertEquals(at + 50_000 == data.length, job.endOfStream);
        }
        byte[] packed = new byte[out.position()];
        out.flip().get(packed);
        assertArrayEquals(data, JdkZip.decompress(Algorithm.GZIP, packed));
        stream.close();
        assertEquals(0, driver.openStreams());
        stream.close();
        RecordingJob after = RecordingJob.direct(9, Operation.COMPRESS, Algorithm.GZIP, data, 300_000);
        after.stream(stream, Flush.FINISH);
        run(c0, after);
        assertEquals(WdStatus.INVALID_STATE, after.status, "a closed stream's state is gone");
        c0.close();
        c1.close();
    }

    @Test
    void streamsStillOpenWhenTheDriverStopsAreFreed() {
        dut = UacceDriverUnderTest.emulating(1, "depth=16", Map.of());
        UacceDriver driver = dut.driver();
        driver.openStream(Algorithm.ZLIB, Operation.DECOMPRESS, 6, WindowSize.W32K);
        driver.openStream(Algorithm.GZIP, Operation.COMPRESS, 1, WindowSize.W8K);
        assertEquals(2, driver.openStreams());
        driver.stop();
        assertEquals(0, driver.openStreams());
        dut = null;
    }

    @Test
    void theDataPathAllocatesNothing() {
        dut = UacceDriverUnderTest.emulating(1, "depth=16", Map.of());
        Queue q = device(0).openQueue(Operation.COMPRESS, QueueMode.SHARED);
        byte[] data = TestFiles.sample("xml", 4096);
        RecordingJob job = RecordingJob.direct(0, Operation.COMPRESS, Algorithm.GZIP, data, 8192);
        ByteBuffer in = job.source().get(0);
        ByteBuffer out = job.destination().get(0);
        Runnable oneJob = () -> {
            in.position(0);
            out.clear();
            job.completions.set(0);
            q.send(job);
            while (job.completions.get() == 0) {
                q.receive(16);
            }
        };
        long bytes = Allocations.bytesAllocatedBy(oneJob, 2000);
        assertEquals(WdStatus.OK, job.status);
        assertTrue(bytes / 2000 < 8, "allocated " + bytes + " bytes for 2000 jobs");
        q.close();
    }

    @Test
    void devicesShowThemselvesAsEmulated() {
        dut = UacceDriverUnderTest.emulating(2, "api=hisi_qm_v3", Map.of());
        for (Device d : dut.driver().devices()) {
            assertEquals("true", d.attributes().get("emulated"));
            assertEquals("hisi_qm_v3", d.attributes().get("api"));
            assertEquals(64, d.availableInstances());
        }
        assertEquals("hisi_zip", dut.driver().name());
        assertEquals(100, dut.driver().priority(), "above every CPU driver");
    }
}
