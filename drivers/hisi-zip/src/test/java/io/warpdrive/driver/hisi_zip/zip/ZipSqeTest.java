package io.warpdrive.driver.hisi_zip.zip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.comp.WindowSize;
import org.junit.jupiter.api.Test;

/** hisi_zip SQE fields where the reference puts them, and the status codes' meaning. */
class ZipSqeTest {
    private final ZipSqe sqe = new ZipSqe();

    @Test
    void statelessSqeOfTypeThreeCarriesTheTagInDw26() {
        sqe.stateless(Algorithm.GZIP, WindowSize.W16K, 3, 77, 0x1234_5678_9ABC_DEF0L, 4096, 0x0000_7F00_0000_1000L,
                8192);
        assertEquals(4096, sqe.word(ZipSqe.INPUT_LENGTH));
        assertEquals(8192, sqe.word(ZipSqe.OUTPUT_SPACE));
        assertEquals(3 << 28, sqe.word(ZipSqe.DW7), "type 3, stateless, SYNC flush field unused");
        assertEquals(0x03 | 2 << 12, sqe.word(ZipSqe.DW9), "gzip, flat buffers, 16K window");
        assertEquals(77, sqe.word(ZipSqe.TAG_TYPE3));
        assertEquals(0, sqe.word(ZipSqe.TAG_TYPE0));
        assertEquals(0x9ABC_DEF0, sqe.word(ZipSqe.SOURCE_LOW));
        assertEquals(0x1234_5678, sqe.word(ZipSqe.SOURCE_LOW + 1));
        assertEquals(0x0000_1000, sqe.word(ZipSqe.DESTINATION_LOW));
        assertEquals(0x0000_7F00, sqe.word(ZipSqe.DESTINATION_LOW + 1));
        assertEquals(0, sqe.word(ZipSqe.CONTEXT_LOW));
    }

    @Test
    void statefulSqeOfTypeZeroCarriesTheTagInDw13AndTheStreamFields() {
        sqe.stateful(Algorithm.ZLIB, WindowSize.W32K, 0, 5, 0x1000, 10, 0x2000, 20, 0xABCD_0040L, true, true, 1234,
                0xCAFEBABE);
        assertEquals(1 << 25 | 1 << 26 | 1 << 27, sqe.word(ZipSqe.DW7), "FINISH, stateful, new stream, type 0");
        assertEquals(0x02 | 4 << 12, sqe.word(ZipSqe.DW9));
        assertEquals(5, sqe.word(ZipSqe.TAG_TYPE0));
        assertEquals(0, sqe.word(ZipSqe.TAG_TYPE3));
        assertEquals(0xABCD_0040, sqe.word(ZipSqe.CONTEXT_LOW));
        assertEquals(1234, sqe.word(ZipSqe.ISIZE));
        assertEquals(0xCAFEBABE, sqe.word(ZipSqe.CHECKSUM));
        sqe.stateful(Algorithm.DEFLATE, WindowSize.W4K, 3, 6, 1, 1, 1, 1, 64, false, false, 0, 0);
        assertEquals(3 << 28 | 1 << 26, sqe.word(ZipSqe.DW7), "continuation: neither new nor FINISH");
        assertEquals(0x01, sqe.word(ZipSqe.DW9), "deflate, 4K window");
        assertEquals(0, sqe.word(ZipSqe.TAG_TYPE0), "composing clears the previous SQE");
    }

    @Test
    void statusCodes() {
        assertTrue(ZipStatus.isSuccess(0x00));
        assertTrue(ZipStatus.isSuccess(0x0D));
        assertTrue(ZipStatus.isSuccess(0x13));
        assertFalse(ZipStatus.isSuccess(0x0E));
        assertEquals(WdStatus.CORRUPT_INPUT, ZipStatus.toWdStatus(0x0B));
        assertEquals(WdStatus.OUTPUT_TOO_SMALL, ZipStatus.toWdStatus(0x0E));
        assertEquals(WdStatus.CHECKSUM_MISMATCH, ZipStatus.toWdStatus(0x10));
        for (int unknown : new int[] {0x01, 0x1C, 0x1D, 0x1F, 0x7f}) {
            assertEquals(WdStatus.DEVICE_ERROR, ZipStatus.toWdStatus(unknown), "so AUTO retries on the CPU");
        }
        assertEquals("hardware error (hisi_zip status 0x1f)", ZipStatus.describe(0x1F));
        assertTrue(ZipStatus.describe(0x42).contains("unknown hardware status (hisi_zip status 0x42)"));
    }
}
