package io.warpdrive.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.warpdrive.admin.Platform;
import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Compressor;
import io.warpdrive.comp.FallbackPolicy;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.lib.QueueMode;
import io.warpdrive.sched.QueueView;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Queue counts, the "taskset for queues": queue counts changed up and down 100 times under
 * load — nothing lost or failed, the final count as configured; invalid values refused
 * with a clear message and the running configuration left as it was.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class LiveResizeIT {

    @Inject
    private Compressor compressor;

    @Inject
    private Platform platform;

    @Configuration
    public Option[] config() {
        return WarpDriveOptions.platform();
    }

    @Test
    public void queueCountsChangedAHundredTimesUnderLoadLoseNothing() throws Exception {
        assertTrue(platform.awaitQueue(Algorithm.GZIP, Operation.COMPRESS, FallbackPolicy.AUTO,
                Duration.ofSeconds(InFramework.TIMEOUT_S)));
        Random rnd = new Random(11);
        int last = 2;
        Traffic traffic = new Traffic(compressor, 4);
        try {
            traffic.awaitProgress(20);
            for (int i = 0; i < 100; i++) {
                last = 1 + rnd.nextInt(6);
                platform.setQueueCount("soft", null, QueueMode.SHARED, last);
                awaitSoftQueues(2 * last);
                traffic.awaitProgress(5);
            }
        } finally {
            traffic.close();
        }
        traffic.assertClean();
        assertEquals(last, platform.queueCount("soft", "soft-0", QueueMode.SHARED));
        awaitSoftQueues(2 * last);
    }

    @Test
    public void invalidValuesAreRefusedAndChangeNothing() throws Exception {
        assertTrue(platform.awaitQueue(Algorithm.GZIP, Operation.COMPRESS, FallbackPolicy.AUTO,
                Duration.ofSeconds(InFramework.TIMEOUT_S)));
        int before = platform.queueCount("soft", "soft-0", QueueMode.SHARED);
        expectRefused(() -> platform.setQueueCount("soft", null, QueueMode.SHARED, -1), "must not be negative");
        expectRefused(() -> platform.setQueueCount("soft", null, QueueMode.SHARED, 40), "has 64 instances");
        expectRefused(() -> platform.setQueueCount("nosuch", null, QueueMode.SHARED, 2), "unknown driver 'nosuch'");
        expectRefused(() -> platform.setQueueCount("soft", "soft-9", QueueMode.SHARED, 2), "no device 'soft-9'");
        assertEquals(before, platform.queueCount("soft", "soft-0", QueueMode.SHARED));
        awaitSoftQueues(2 * before);
    }

    private static void expectRefused(Runnable call, String message) {
        try {
            call.run();
            throw new AssertionError("not refused: " + message);
        } catch (WdException e) {
            assertEquals(WdStatus.INVALID_ARGUMENT, e.status());
            assertTrue(e.getMessage(), e.getMessage().contains(message));
        }
    }

    private void awaitSoftQueues(int n) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(InFramework.TIMEOUT_S);
        while (true) {
            QueueView v = platform.queues();
            int count = 0;
            for (int i = 0; i < v.size(); i++) {
                if (v.get(i).driver().equals("soft")) {
                    count++;
                }
            }
            if (count == n) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(count + " soft queues open, expected " + n);
            }
            Thread.onSpinWait();
        }
    }
}
