package io.warpdrive.benchmarks;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Completion;
import io.warpdrive.comp.FallbackPolicy;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.Request;
import io.warpdrive.comp.Session;
import io.warpdrive.comp.SessionSpec;
import io.warpdrive.driver.hisi_zip.UacceDriver;
import io.warpdrive.driver.soft.SoftDriver;
import io.warpdrive.lib.CalcType;
import io.warpdrive.testing.conformance.StartedDriver;
import io.warpdrive.testing.drivers.TestDrivers;
import io.warpdrive.testing.kit.FakeDriver;
import io.warpdrive.testing.platform.TestPlatform;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One request from submit to completion, gzip level 1 on text ({@link BenchmarkData}) with direct buffers:
 * <ul>
 * <li>{@code inline}: a driver that completes in {@code send} and does no work — the
 * platform's own cost per request;</li>
 * <li>{@code soft}: the soft driver (java.util.zip; sync requests on the caller's thread,
 * async ones on its workers);</li>
 * <li>{@code hisi_zip}: the hardware driver on one emulated device (libwdemu, its device
 * thread running zlib at level 1 here, as the baseline does; completions reaped by the poller
 * or, for sync requests, by the spinning caller).</li>
 * </ul>
 * {@code direct} is java.util.zip called directly on the same buffers, with the gzip framing
 * (CRC-32) the platform also produces: the baseline of the soft and hisi_zip rows (for these
it is also what the emulated device computes per request).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SubmitBenchmark {
    @Param({ "inline", "soft", "hisi_zip" })
    public String driver;

    @Param({ "4096", "65536" })
    public int pktlen;

    private TestPlatform platform;
    private AutoCloseable driverUnderTest;
    private Session session;
    private Request request;
    private ByteBuffer in;
    private ByteBuffer out;
    private volatile boolean done;
    private final Completion completed = r -> done = true;
    private final Deflater deflater = new Deflater(1, true);
    private final CRC32 crc = new CRC32();

    @Setup
    public void setUp() {
        platform = TestPlatform.builder().build();
        switch (driver) {
            case "inline":
                platform.bind(FakeDriver.costless("inline", CalcType.SOFT, 0, 1));
                break;
            case "soft":
                StartedDriver<SoftDriver> soft = TestDrivers.soft();
                driverUnderTest = soft;
                platform.bind(soft.driver());
                break;
            case "hisi_zip":
                StartedDriver<UacceDriver> hw =
                        TestDrivers.emulatedHisiZip(1, "api=hisi_qm_v3;depth=1024;zlib_level=1", Map.of());
                driverUnderTest = hw;
                platform.bind(hw.driver());
                break;
            default:
                throw new IllegalArgumentException(driver);
        }
        if (!platform.platform().awaitQueue(Algorithm.GZIP, Operation.COMPRESS, FallbackPolicy.AUTO,
                Duration.ofSeconds(10))) {
            throw new IllegalStateException("no queue of " + driver + ": " + platform.describe());
        }
        session = platform.compressorFor("bench")
                .openSession(SessionSpec.of(Algorithm.GZIP).withLevel(1).withDriver(driver));
        in = BenchmarkData.text(pktlen);
        out = ByteBuffer.allocateDirect(pktlen + pktlen / 2 + 1024);
        request = session.newRequest().operation(Operation.COMPRESS).source(in).destination(out);
    }

    @TearDown
    public void tearDown() throws Exception {
        session.close();
        platform.close();
        if (driverUnderTest != null) {
            driverUnderTest.close();
        }
        deflater.end();
    }

    @Benchmark
    public long sync() {
        in.rewind();
        out.clear();
        session.execute(request);
        return request.produced();
    }

    @Benchmark
    public long async() {
        in.rewind();
        out.clear();
        done = false;
        session.submit(request, completed);
        while (!done) {
            Thread.onSpinWait();
        }
        return request.produced();
    }

    /** The baseline: a reused Deflater and CRC-32 on the same buffers (not a platform path; the driver is unused). */
    @Benchmark
    public long direct() {
        in.rewind();
        out.clear();
        crc.reset();
        crc.update(in);
        in.rewind();
        deflater.reset();
        deflater.setInput(in);
        deflater.finish();
        while (!deflater.finished()) {
            deflater.deflate(out);
        }
        return out.position() + crc.getValue();
    }
}
