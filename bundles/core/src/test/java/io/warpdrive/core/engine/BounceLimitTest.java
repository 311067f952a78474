package io.warpdrive.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Request;
import io.warpdrive.comp.Session;
import io.warpdrive.comp.SessionSpec;
import io.warpdrive.comp.SgList;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.core.engine.config.Settings;
import io.warpdrive.core.engine.queue.EngineQueue;
import io.warpdrive.lib.CalcType;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import io.warpdrive.testing.kit.FakeDriver;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/**
 * Requests a driver can only take in one (direct) buffer are bounced; one too large for any
 * buffer must be refused up front, not cut short, and without losing the job slot it took. A
 * closed queue's direct bounce buffers are freed at its close, not whenever the collector runs.
 */
class BounceLimitTest {

    @Test
    void inputTooLargeForABounceBufferIsRefusedAndTheSlotComesBack() throws Exception {
        try (TestPlatform p = new TestPlatform(new Settings.Builder().queuesDefault(1).build())) {
            FakeDriver hw = new FakeDriver("hw", CalcType.HW, 100);
            hw.scatterGather = false;
            hw.directOnly = true;
            hw.depth = 2;
            p.add(hw);
            Session s = p.compressor("c").openSession(SessionSpec.of(Algorithm.DEFLATE));
            // 3 GiB of input without 3 GiB of memory: one 64 MiB buffer seen 48 times
            ByteBuffer chunk = ByteBuffer.allocateDirect(64 << 20);
            SgList huge = SgList.allocate(48);
            for (int i = 0; i < 48; i++) {
                huge.add(chunk.duplicate());
            }
            for (int attempt = 0; attempt < 5; attempt++) { // more attempts than the queue has slots
                WdException e = assertThrows(WdException.class,
                        () -> s.compress(huge, SgList.of(ByteBuffer.allocateDirect(4096))));
                assertEquals(WdStatus.INVALID_ARGUMENT, e.status());
                assertTrue(e.getMessage().contains("more than one buffer holds"), e.getMessage());
                assertEquals(48L * (64 << 20), huge.remaining(), "the input positions are untouched");
            }
            for (EngineQueue q : p.engine.views().pollSet()) {
                assertEquals(0, q.inFlight(), "no slot lost: " + q);
            }
            byte[] data = new byte[100];
            assertEquals(100, s.compress(ByteBuffer.wrap(data), ByteBuffer.allocate(200)));
        }
    }

    @Test
    void aClosedQueuesDirectBounceBuffersAreFreedAtClose() throws Exception {
        try (TestPlatform p = new TestPlatform(new Settings.Builder().queuesDefault(1).build())) {
            FakeDriver hw = new FakeDriver("hw", CalcType.HW, 100);
            hw.scatterGather = false;
            hw.directOnly = true;
            hw.depth = 4;
            p.add(hw);
            Session s = p.compressor("c").openSession(SessionSpec.of(Algorithm.DEFLATE));
            int size = 2 << 20; // below the keep limit: the slots keep their bounce buffers
            CompletableFuture<?>[] all = new CompletableFuture<?>[4];
            for (int i = 0; i < all.length; i++) { // heap buffers: bounced into direct ones
                Request r = s.newRequest();
                r.operation(io.warpdrive.comp.Operation.COMPRESS).source(ByteBuffer.allocate(size))
                        .destination(ByteBuffer.allocate(size + 4096));
                CompletionStage<Request> done = s.submit(r);
                all[i] = done.toCompletableFuture();
            }
            CompletableFuture.allOf(all).join();
            long before = direct().getMemoryUsed();
            p.remove(hw); // its queues close
            long after = direct().getMemoryUsed();
            // Each slot that served a request held an input and an output bounce buffer of at least 2 MiB.
            assertTrue(before - after >= 2L * size, "direct memory " + before + " -> " + after + " bytes at close");
        }
    }

    private static BufferPoolMXBean direct() {
        return ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(b -> b.getName().equals("direct")).findFirst().orElseThrow();
    }
}
