package io.warpdrive.driver.isal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Flush;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.comp.WindowSize;
import io.warpdrive.lib.Device;
import io.warpdrive.lib.Queue;
import io.warpdrive.lib.QueueMode;
import io.warpdrive.lib.StreamState;
import io.warpdrive.testing.conformance.RecordingJob;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * igzip's state lives in native memory, which nothing collects: every block the driver
 * allocates (worker codecs, sync callers' codecs, streams, the self-test's) is freed when
 * the driver stops, however often it starts and stops, and a stream closed while one of
 * its jobs runs is freed when the job ends, not under igzip's feet. A preset dictionary's
 * copy is freed with its stream, and is given to igzip again when the stream is reset.
 */
class IsalNativeMemoryTest {
    private static final byte[] TEXT = "igzip's state lives in native memory, which nothing collects. "
            .repeat(2000).getBytes(StandardCharsets.US_ASCII);

    @Test
    void startAndStopManyTimesUnderTrafficLeavesNoNativeMemory() throws Exception {
        ScriptedIgzip igzip = ScriptedIgzip.onLibisal();
        for (int cycle = 0; cycle < 20; cycle++) {
            var d = IsalDriverUnderTest.start(Map.of("workers", "2", "depth", "8"), library -> igzip);
            Device device = d.driver().devices().get(0);
            Queue compress = device.openQueue(Operation.COMPRESS, QueueMode.SHARED);
            Queue decompress = device.openQueue(Operation.DECOMPRESS, QueueMode.SHARED);
            List<RecordingJob> jobs = new ArrayList<>();
            for (int tag = 0; tag < 8; tag++) {
                RecordingJob sync = RecordingJob.direct(tag, Operation.COMPRESS, Algorithm.GZIP, TEXT, TEXT.length)
                        .waiter(Thread.currentThread());
                assertTrue(compress.send(sync));
                assertTrue(sync.done(), "a sync caller's job runs inside send");
                jobs.add(sync);
                RecordingJob async = RecordingJob.direct(tag, Operation.DECOMPRESS, Algorithm.GZIP, sync.output(),
                        TEXT.length);
                assertTrue(decompress.send(async));
                jobs.add(async);
            }
            StreamState leftOpen = d.driver().openStream(Algorithm.ZLIB, Operation.COMPRESS, 9, WindowSize.W8K);
            RecordingJob streamJob = RecordingJob.direct(0, Operation.COMPRESS, Algorithm.ZLIB, TEXT, TEXT.length)
                    .stream(leftOpen, Flush.SYNC).waiter(Thread.currentThread());
            compress.close();
            assertTrue(device.openQueue(Operation.COMPRESS, QueueMode.SYNC).send(streamJob));
            for (RecordingJob j : jobs) {
                assertTrue(j.await(20, TimeUnit.SECONDS), "job " + j + " completed");
                assertEquals(null, j.failure(), j.detail);
            }
            assertEquals(null, streamJob.failure(), streamJob.detail);
            assertTrue(igzip.liveBlocks() > 0, "codecs and the stream hold native memory while the driver runs");
            d.close();
            assertEquals(0, igzip.liveBlocks(), "cycle " + cycle + ": " + igzip.liveBytes() + " bytes left");
            leftOpen.close(); // after the driver freed it: a no-op
        }
    }

    @Test
    void aStreamClosedWhileItsJobRunsIsFreedWhenTheJobEnds() throws Exception {
        ScriptedIgzip igzip = ScriptedIgzip.onLibisal();
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        IsalStream stream = new IsalStream(igzip, LevelMap.defaults(), Algorithm.GZIP, Operation.COMPRESS, 6,
                WindowSize.W32K);
        int streamBlocks = igzip.liveBlocks();
        igzip.beforeDeflate = () -> {
            inside.countDown();
            try {
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        RecordingJob job = RecordingJob.direct(0, Operation.COMPRESS, Algorithm.GZIP, TEXT, TEXT.length)
                .stream(stream, Flush.FINISH);
        IsalCodec codec = new IsalCodec(igzip, LevelMap.defaults());
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Thread worker = new Thread(() -> {
            try {
                Jobs.run(codec, job);
            } catch (Throwable t) {
                failed.set(t);
            }
        }, "stream-job");
        worker.start();
        assertTrue(inside.await(20, TimeUnit.SECONDS), "the job is inside isal_deflate");
        stream.close();
        assertEquals(streamBlocks, igzip.liveBlocks(), "not freed while igzip works on it");
        release.countDown();
        worker.join(20_000);
        assertEquals(null, failed.get());
        assertEquals(null, job.failure(), job.detail);
        assertTrue(job.endOfStream);
        assertEquals(0, igzip.liveBlocks(), "freed when the job ended");

        igzip.beforeDeflate = () -> { };
        RecordingJob after = Jobs.run(codec, RecordingJob.direct(0, Operation.COMPRESS, Algorithm.GZIP, TEXT,
                TEXT.length).stream(stream, Flush.FINISH));
        Jobs.assertFailed(after, WdStatus.INVALID_STATE, "closed");
        codec.close();
        assertEquals(0, igzip.liveBlocks());
    }

    @Test
    void aPresetDictionaryIsPrimedOnEveryResetAndFreedWithItsStream() {
        ScriptedIgzip igzip = ScriptedIgzip.onLibisal();
        ByteBuffer dictionary = ByteBuffer.wrap(TEXT); // longer than the window: its last 8 KiB are kept
        IsalStream stream = new IsalStream(igzip, LevelMap.defaults(), Algorithm.DEFLATE, Operation.COMPRESS, 6,
                WindowSize.W8K, dictionary);
        assertEquals(List.of(8192), igzip.dictionaryLengths);
        stream.reset();
        assertEquals(List.of(8192, 8192), igzip.dictionaryLengths, "reset starts the stream primed again");
        assertTrue(igzip.liveBlocks() >= 2, "the stream and its dictionary hold native memory");
        stream.close();
        assertEquals(0, igzip.liveBlocks(), igzip.liveBytes() + " bytes left");
    }
}
