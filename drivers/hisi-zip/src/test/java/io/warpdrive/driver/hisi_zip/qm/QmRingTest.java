package io.warpdrive.driver.hisi_zip.qm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The QM ring protocol against a DUS region in plain memory, with the test playing the
 * device: SQE copy and SQ doorbell, one reserved slot, CQE phase starting at 1 and flipping
 * on wrap, the result read from the slot the CQE names, the CQ doorbell, the stop words.
 */
class QmRingTest {
    private static final int SQE = 128;
    private final List<Long> doorbells = new ArrayList<>();

    private ByteBuffer dus(int depth) {
        int rings = depth * SQE + depth * QmQueuePair.CQE_SIZE;
        int size = (rings + 4095) / 4096 * 4096 + 4096;
        return ByteBuffer.allocateDirect(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    private QmRing ring(ByteBuffer dus, int depth, DoorbellFormat format) {
        return new QmRing(dus, SQE, depth, depth, 7, format, doorbells::add);
    }

    /** What the device does: results into the SQE slot, then the CQE at the CQ tail, phase last. */
    private static void complete(ByteBuffer dus, int depth, int cqTail, int phase, int sqSlot, int produced) {
        dus.putInt(sqSlot * SQE + 4, produced);
        int cqe = depth * SQE + cqTail * QmQueuePair.CQE_SIZE;
        dus.putShort(cqe + 8, (short) sqSlot);
        dus.putShort(cqe + 10, (short) 7);
        dus.putShort(cqe + 14, (short) phase);
    }

    private static ByteBuffer sqe(int marker) {
        ByteBuffer b = ByteBuffer.allocate(SQE).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(26 * 4, marker);
        return b;
    }

    @Test
    void submitCopiesTheSqeIntoTheTailSlotAndRingsTheSqDoorbellWithTheNewTail() {
        ByteBuffer dus = dus(8);
        QmRing ring = ring(dus, 8, DoorbellFormat.V2);
        assertEquals(0, ring.submit(sqe(0xAB)));
        assertEquals(1, ring.submit(sqe(0xCD)));
        assertEquals(0xAB, dus.getInt(26 * 4));
        assertEquals(0xCD, dus.getInt(SQE + 26 * 4));
        assertEquals(List.of(DoorbellFormat.V2.encode(7, DoorbellFormat.SQ, 1, 0),
                DoorbellFormat.V2.encode(7, DoorbellFormat.SQ, 2, 0)), doorbells);
        assertEquals(2, ring.inFlight());
    }

    @Test
    void oneSlotAlwaysStaysFree() {
        assertEquals(7, ring(dus(8), 8, DoorbellFormat.V2).capacity());
        assertEquals(1023, ring(dus(1024), 1024, DoorbellFormat.V2).capacity());
    }

    @Test
    void phaseStartsAtOneAndFlipsOnEveryWrap() {
        int depth = 4;
        ByteBuffer dus = dus(depth);
        QmRing ring = ring(dus, depth, DoorbellFormat.V2);
        assertEquals(-1, ring.peekCompletion(), "zeroed memory: phase 0 is not a completion");
        int phase = 1;
        int cqTail = 0;
        for (int n = 0; n < 25; n++) {
            int slot = ring.submit(sqe(n));
            assertEquals(n % depth, slot);
            assertEquals(-1, ring.peekCompletion());
            complete(dus, depth, cqTail, phase, slot, 1000 + n);
            assertEquals(slot, ring.peekCompletion());
            assertEquals(7, ring.completionQueueNumber());
            assertEquals(1000 + n, ring.sqeWord(slot, 1), "the result is read from the slot the CQE names");
            ring.advance();
            ring.acknowledge();
            assertEquals(DoorbellFormat.V2.encode(7, DoorbellFormat.CQ, (cqTail + 1) % depth, 0),
                    doorbells.get(doorbells.size() - 1), "CQ doorbell with the new head");
            if (++cqTail == depth) {
                cqTail = 0;
                phase ^= 1;
            }
            assertEquals(-1, ring.peekCompletion(), "the old CQE with the old phase is not new again");
        }
        assertEquals(0, ring.inFlight());
    }

    @Test
    void stopWordsAreTheLastTwoWordsOfTheRegion() {
        ByteBuffer dus = dus(8);
        QmRing ring = ring(dus, 8, DoorbellFormat.V2);
        assertFalse(ring.sendStopped());
        assertFalse(ring.receiveStopped());
        dus.putInt(dus.capacity() - 4, 1);
        assertTrue(ring.sendStopped());
        assertFalse(ring.receiveStopped());
        dus.putInt(dus.capacity() - 8, 1);
        assertTrue(ring.receiveStopped());
    }

    @Test
    void doorbellLayouts() {
        // v2: sqn[9:0] cmd[15:12] index[47:32] priority[63:48]
        assertEquals(0x0001_0005_0000_1003L, DoorbellFormat.V2.encode(3, DoorbellFormat.CQ, 5, 1));
        assertEquals(0x0000_03ff_0000_03ffL, DoorbellFormat.V2.encode(0x7ff, DoorbellFormat.SQ, 0x3ff, 0));
        // v1: sqn[15:0] cmd[31:16] index[47:32] priority[63:48]
        assertEquals(0x0000_0005_0001_0003L, DoorbellFormat.V1.encode(3, DoorbellFormat.CQ, 5, 0));
        assertEquals(0x0002_0010_0000_0400L, DoorbellFormat.V1.encode(0x400, DoorbellFormat.SQ, 16, 2));
    }

    @Test
    void apiVersions() {
        QmApi v1 = QmApi.parse("hisi_qm_v1");
        assertEquals(1, v1.version());
        assertEquals(0x340, v1.doorbellOffset());
        assertEquals(DoorbellFormat.V1, v1.doorbellFormat());
        assertEquals(0, v1.sqeType());
        QmApi v2 = QmApi.parse("hisi_qm_v2");
        assertEquals(0x1000, v2.doorbellOffset());
        assertEquals(DoorbellFormat.V2, v2.doorbellFormat());
        assertEquals(0, v2.sqeType());
        QmApi v3 = QmApi.parse("hisi_qm_v3");
        assertEquals(0x1000, v3.doorbellOffset());
        assertEquals(3, v3.sqeType());
        assertEquals(5, QmApi.parse("hisi_qm_v5").version());
        assertEquals(3, QmApi.parse("hisi_qm_v5").sqeType());
        assertNull(QmApi.parse("hisi_sec2"));
        assertNull(QmApi.parse("hisi_qm_v"));
        assertNull(QmApi.parse(null));
    }
}
