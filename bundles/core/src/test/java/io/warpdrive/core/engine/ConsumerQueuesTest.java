package io.warpdrive.core.engine;

import io.warpdrive.testing.kit.FakeDriver;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.FallbackPolicy;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.Reservation;
import io.warpdrive.comp.SessionSpec;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.core.engine.config.Settings;
import io.warpdrive.core.engine.session.CompressorImpl;
import io.warpdrive.lib.CalcType;
import org.junit.jupiter.api.Test;

/**
 * Queues an administrator gives a consumer without the hypervisor ({@code consumer.queues}): the
 * consumer holds them per direction while it is there, a changed count is applied live, they do
 * not count against its own reservation bound, and they go back when it leaves.
 */
class ConsumerQueuesTest {

    @Test
    void aConsumerHoldsTheQueuesItIsGivenAndTheCountIsAppliedLive() throws Exception {
        Settings.Builder b = new Settings.Builder().queuesDefault(1).consumerQueues("video=2");
        try (TestPlatform p = new TestPlatform(b.build())) {
            FakeDriver hw = new FakeDriver("hw", CalcType.HW, 100);
            hw.instances = 8;
            p.add(hw);
            p.add(new FakeDriver("soft", CalcType.SOFT, 0));
            CompressorImpl video = p.compressor("video");
            CompressorImpl other = p.compressor("other");
            assertEquals(2, p.engine.consumerQueues().held(video.consumer, Operation.COMPRESS));
            assertEquals(2, p.engine.consumerQueues().held(video.consumer, Operation.DECOMPRESS));
            assertEquals(4, video.consumer.reservedQueues(), "hardware first: 2 + 2 of the 6 free instances");
            assertEquals(0, other.consumer.reservedQueues());
            io.warpdrive.comp.Session s = video.openSession(SessionSpec.of(Algorithm.GZIP));
            io.warpdrive.comp.Request r = s.newRequest().operation(Operation.COMPRESS)
                    .source(java.nio.ByteBuffer.allocate(64)).destination(java.nio.ByteBuffer.allocate(128));
            s.execute(r);
            assertEquals("hw", r.servedBy(), "its requests go to its own queues first");

            // Its own reservations are bounded (reservation.max.queues, 4) apart from what it is given.
            Reservation own = video.reserve(Operation.COMPRESS, 2, FallbackPolicy.AUTO);
            assertEquals(2, own.queues());
            own.close();

            p.engine.reconfigure(p.engine.settings().toBuilder().consumerQueues("video=1").build());
            TestPlatform.await("the surplus drained", () -> video.consumer.reservedQueues() == 2);
            assertEquals(1, p.engine.consumerQueues().held(video.consumer, Operation.COMPRESS));

            p.engine.reconfigure(p.engine.settings().toBuilder().consumerQueues("video=0")
                    .consumerQueues("other=1").build());
            TestPlatform.await("taken back, and given to the other",
                    () -> video.consumer.reservedQueues() == 0 && other.consumer.reservedQueues() == 2);

            other.close();
            assertEquals(0, other.consumer.reservedQueues(), "a consumer that leaves gives its queues back");
            p.engine.consumerQueues().apply();
            assertEquals(0, other.consumer.reservedQueues(), "and is not given any again");
        }
    }

    @Test
    void badEntriesAreRefused() throws Exception {
        Settings.Builder b = new Settings.Builder();
        assertThrows(IllegalArgumentException.class, () -> b.consumerQueues("video"));
        assertThrows(IllegalArgumentException.class, () -> b.consumerQueues("video=two"));
        assertThrows(IllegalArgumentException.class, () -> b.consumerQueues("video=-1"));
        try (TestPlatform p = new TestPlatform()) {
            assertEquals(WdStatus.INVALID_ARGUMENT, assertThrows(WdException.class,
                    () -> p.platform().setConsumerQueues("a,b", 1)).status());
            assertEquals(WdStatus.INVALID_ARGUMENT, assertThrows(WdException.class,
                    () -> p.platform().setConsumerQueues("video", -1)).status());
        }
    }
}
