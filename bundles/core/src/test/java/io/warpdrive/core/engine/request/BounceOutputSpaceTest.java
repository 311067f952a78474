package io.warpdrive.core.engine.request;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.warpdrive.comp.SgList;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * A bounced destination must still tell the driver whether the output limit or the
 * caller's space stops it: sized exactly to a smaller limit, a stream whose limit is used
 * up got zero bytes of space and its driver answered "come back with more room" forever.
 */
class BounceOutputSpaceTest {

    @Test
    void aLimitBelowTheSpaceLeavesOneByteMoreThanTheLimit() {
        Bounce b = new Bounce(true);
        SgList dst = SgList.of(ByteBuffer.allocate(1000));
        assertEquals(101, b.outputSpace(dst, 100).remaining());
        assertEquals(1, b.outputSpace(dst, 0).remaining(), "a used-up limit still shows as binding");
    }

    @Test
    void aLimitAtOrAboveTheSpaceGivesTheSpace() {
        Bounce b = new Bounce(true);
        SgList dst = SgList.of(ByteBuffer.allocate(1000));
        assertEquals(1000, b.outputSpace(dst, 1000).remaining());
        assertEquals(1000, b.outputSpace(dst, Long.MAX_VALUE).remaining());
    }
}
