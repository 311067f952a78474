package io.warpdrive.shell;

import static io.warpdrive.shell.DeviceReportTest.stub;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.warpdrive.stats.StreamContinuityUsage;
import io.warpdrive.stats.UsageStats;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code wd:stats}: the platform-wide stream figures under the consumers (moves, kept input, refusals). */
class StreamsReportTest {

    private static String streams(long moves, long kept, long limit, long refusals) {
        StreamContinuityUsage s = stub(StreamContinuityUsage.class, "moves", moves, "keptInput", kept,
                "keptInputLimit", limit, "keptInputRefusals", refusals);
        UsageStats stats = stub(UsageStats.class, "streamContinuity", s);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new UsageReport(stats).streams(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8).strip();
    }

    @Test
    void showsMovesKeptInputAgainstItsLimitAndRefusals() {
        assertEquals("streams: 3 moved to another engine; kept input 64.0 KiB of 256.0 MiB, refused 2 times",
                streams(3, 64 * 1024, 256L << 20, 2));
    }

    @Test
    void oneRefusalIsOneTime() {
        assertEquals("streams: 0 moved to another engine; kept input 0 B of 1.0 MiB, refused 1 time",
                streams(0, 0, 1 << 20, 1));
    }
}
