package io.warpdrive.reliability.streams;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.StreamSession;
import io.warpdrive.core.engine.stream.KeptInputBudget;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A gzip decompression stream whose kept input spans several of the platform's 32 KiB chunks
 * resumes on the CPU when hisi_zip goes: the kept input is fed to the new engine chunk by chunk,
 * through small output spaces (so the new engine holds output between the platform's jobs), and
 * the output is the data, each byte once. Every chunk is back in the budget once the streams close.
 */
class KeptInputChunksTest {
    @Test
    void aStreamKeepingSeveralChunksResumesOnTheCpu() throws Exception {
        byte[] data = StreamData.text(1 << 20, 16);
        byte[] packed = StreamData.pack(Algorithm.GZIP, data);
        assertTrue(packed.length > 4 * KeptInputBudget.CHUNK, "several chunks: " + packed.length);
        try (StreamMoveTest.Engines e = new StreamMoveTest.Engines()) {
            e.platform.bind(e.soft.driver());
            int resumed = 0;
            for (int stop : new int[] {50, 100, 150}) {
                e.platform.bind(e.uacce.driver());
                e.awaitHardware();
                boolean[] gone = {false};
                long[] keptAtStop = {0};
                List<String> served = new ArrayList<>();
                try (StreamSession s = e.stream(Operation.DECOMPRESS, Algorithm.GZIP)) {
                    byte[] out = StreamMoveTest.decompress(s, packed, stop, () -> {
                        keptAtStop[0] = e.platform.engine().keptInput().taken();
                        e.platform.unbind(e.uacce.driver());
                        gone[0] = true;
                    }, served);
                    assertArrayEquals(data, out, "hisi_zip gone before request " + stop);
                }
                if (!gone[0]) {
                    e.platform.unbind(e.uacce.driver());
                }
                if (stop < served.size() && served.get(stop - 1).equals("hisi_zip")) {
                    resumed++; // AUTO picks by predicted finish time: a stream may have started on the CPU
                    assertTrue(keptAtStop[0] > KeptInputBudget.CHUNK, "kept in several chunks: " + keptAtStop[0]);
                }
            }
            assertTrue(resumed > 0, "no stream resumed from hisi_zip");
            assertEquals(0, e.platform.engine().keptInput().taken(), "every chunk back in the budget");
        }
    }
}
