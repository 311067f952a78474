package io.warpdrive.driver.isal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Compressor;
import io.warpdrive.comp.FallbackPolicy;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.Request;
import io.warpdrive.comp.Session;
import io.warpdrive.comp.SessionSpec;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.comp.WindowSize;
import io.warpdrive.driver.isal.igzip.IgzipAbi;
import io.warpdrive.driver.isal.igzip.IgzipUnavailableException;
import io.warpdrive.driver.isal.igzip.JnaIgzip;
import io.warpdrive.driver.soft.SoftDriver;
import io.warpdrive.lib.CalcType;
import io.warpdrive.testing.conformance.JdkZip;
import io.warpdrive.testing.conformance.StartedDriver;
import io.warpdrive.testing.platform.TestPlatform;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Where igzip cannot be used the driver still registers, reports itself unavailable with
 * the reason (no devices, one log line, no stack trace), and the platform serves on the
 * other drivers.
 */
class IsalUnavailableTest {
    private static final String MISSING = "cannot load libisal.so.2: libisal.so.2: cannot open shared object file";

    @Test
    void aMissingLibraryLeavesTheDriverRegisteredWithoutDevicesAndSaysWhy() {
        try (StartedDriver<IsalDriver> d = IsalDriverUnderTest.start(Map.of(), library -> {
            throw new IgzipUnavailableException(MISSING);
        })) {
            IsalDriver driver = d.driver();
            assertEquals("isal", driver.name());
            assertEquals(CalcType.INSTR, driver.calcType());
            assertEquals(50, driver.priority(), "between the hardware drivers and soft");
            assertEquals(List.of(), driver.devices());
            assertEquals(MISSING, driver.unavailableReason());
            List<String> info = d.log().messages("info");
            assertTrue(info.stream().anyMatch(m -> m.contains(MISSING) && m.contains("libisal2")), info.toString());
            assertEquals(List.of(), d.log().messages("warn"), "an expected condition, not a warning");
            assertEquals(List.of(), d.log().messages("error"));
            WdException e = assertThrows(WdException.class,
                    () -> driver.openStream(Algorithm.GZIP, Operation.COMPRESS, 6, WindowSize.W32K));
            assertEquals(WdStatus.UNSUPPORTED, e.status());
            assertTrue(e.getMessage().contains(MISSING), e.getMessage());
        }
    }

    @Test
    void theJnaLoaderNamesTheLibraryItCannotFindInOneLine() {
        IgzipUnavailableException e = assertThrows(IgzipUnavailableException.class,
                () -> JnaIgzip.load("libisal-not-here.so.9"));
        assertTrue(e.getMessage().startsWith("cannot load libisal-not-here.so.9: "), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
        assertEquals(0, e.getStackTrace().length, "nothing to print but the reason");
    }

    @Test
    void aLibraryWhoseLayoutDiffersFailsTheSelfTestAndIsNotUsed() {
        ScriptedIgzip broken = ScriptedIgzip.onLibisal();
        broken.deflateInitWorks = false;
        try (StartedDriver<IsalDriver> d = IsalDriverUnderTest.start(Map.of(), library -> broken)) {
            String reason = d.driver().unavailableReason();
            assertTrue(reason != null && reason.contains("failed the self-test at isal_zstream"), reason);
            assertEquals(List.of(), d.driver().devices());
            assertTrue(d.log().messages("warn").stream().anyMatch(m -> m.contains("self-test")));
        }
        assertEquals(0, broken.liveBlocks(), "the self-test frees what it allocated");
    }

    @Test
    void aLibraryThatWritesPastItsStructsFailsTheSelfTest() {
        ScriptedIgzip pastDeflate = ScriptedIgzip.onLibisal();
        pastDeflate.afterDeflate = stream -> pastDeflate.view(stream, IgzipAbi.ZSTREAM_SIZE + 1).put(IgzipAbi.ZSTREAM_SIZE, (byte) 0);
        assertSelfTestFails(pastDeflate, "memory after isal_zstream");

        ScriptedIgzip pastInflate = ScriptedIgzip.onLibisal();
        pastInflate.afterInflate = state -> pastInflate.view(state, IgzipAbi.INFLATE_STATE_SIZE + 1)
                .put(IgzipAbi.INFLATE_STATE_SIZE, (byte) 0);
        assertSelfTestFails(pastInflate, "memory after inflate_state");
    }

    private static void assertSelfTestFails(ScriptedIgzip library, String at) {
        try (StartedDriver<IsalDriver> d = IsalDriverUnderTest.start(Map.of(), name -> library)) {
            String reason = d.driver().unavailableReason();
            assertTrue(reason != null && reason.contains("failed the self-test at " + at), reason);
            assertEquals(List.of(), d.driver().devices());
        }
        assertEquals(0, library.liveBlocks(), "the self-test frees what it allocated");
    }

    @Test
    void thePlatformServesOnTheSoftDriverMeanwhile() throws Exception {
        byte[] text = "the isal driver is unavailable, the soft driver serves\n".repeat(100)
                .getBytes(StandardCharsets.US_ASCII);
        try (StartedDriver<IsalDriver> isal = IsalDriverUnderTest.start(Map.of(), library -> {
            throw new IgzipUnavailableException(MISSING);
        });
                StartedDriver<SoftDriver> soft = StartedDriver.start(SoftDriver.NAME,
                        log -> SoftDriver.startOutsideFramework(log, Map.of()), SoftDriver::stop);
                TestPlatform p = TestPlatform.builder().queuesPerDevice(1).build()) {
            p.bind(isal.driver());
            p.bind(soft.driver());
            assertTrue(p.platform().awaitQueue(Algorithm.GZIP, Operation.COMPRESS, FallbackPolicy.AUTO,
                    Duration.ofSeconds(20)), "a queue of the soft driver");
            Compressor c = p.compressorFor("test.consumer");
            try (Session s = c.openSession(SessionSpec.of(Algorithm.GZIP))) {
                ByteBuffer out = ByteBuffer.allocate(text.length);
                Request r = s.newRequest().operation(Operation.COMPRESS).source(ByteBuffer.wrap(text)).destination(out);
                s.execute(r);
                assertEquals("soft", r.servedBy());
                byte[] compressed = new byte[out.position()];
                out.flip().get(compressed);
                assertArrayEquals(text, JdkZip.decompress(Algorithm.GZIP, compressed));
            }
        }
    }
}
