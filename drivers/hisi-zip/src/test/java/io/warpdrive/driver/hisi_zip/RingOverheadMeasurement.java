package io.warpdrive.driver.hisi_zip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Compressor;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.Request;
import io.warpdrive.comp.Session;
import io.warpdrive.comp.SgList;
import io.warpdrive.comp.SessionSpec;
import io.warpdrive.comp.WdException;
import io.warpdrive.lib.Queue;
import io.warpdrive.lib.QueueMode;
import io.warpdrive.testing.conformance.RecordingJob;
import io.warpdrive.testing.data.TestFiles;
import io.warpdrive.testing.platform.TestPlatform;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

/**
 * How much the ring costs: the hisi_zip driver on one emulated device (one device thread,
 * zlib level 6, raw deflate) through the whole platform, against the emulator's own work
 * done directly, i.e. the same zlib (java.util.zip links the system libz the emulator links)
 * deflating the same blocks at the same level and window on one thread. Requests of 4 KiB
 * and 64 KiB from dickens, direct buffers; sync requests from one thread, and async with 8
 * in flight. The ratio is platform throughput over zlib throughput: 1.0 would mean the
 * ring, doorbells, completions, engine and JNA cost nothing.
 *
 * <p>Not part of {@code mvn verify} (surefire excludes {@code *Measurement}); run it with
 * <pre>
 * mvn verify -pl drivers/uacce -am -Dtest=RingOverheadMeasurement -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 * The table is printed and written to {@code drivers/uacce/target/ring-overhead.txt}.
 */
class RingOverheadMeasurement {
    private static final int LEVEL = 6;
    private static final long BYTES_PER_RUN = 16L << 20;
    private static final int ROUNDS = 7;
    private static final int IN_FLIGHT = 8;

    @Test
    void platformThroughputAgainstTheEmulatorsOwnZlib() throws Exception {
        byte[] sample = TestFiles.file("text");
        StringBuilder table = new StringBuilder();
        table.append(String.format(Locale.ROOT, "%-9s %-36s %10s %8s%n", "request", "path", "MB/s", "ratio"));
        try (UacceDriverUnderTest hardware = UacceDriverUnderTest.emulating(1,
                "api=hisi_qm_v3;threads=1;zlib_level=" + LEVEL, Map.of());
                TestPlatform platform = TestPlatform.builder().queuesPerDevice(1).build()) {
            platform.bind(hardware.driver());
            Compressor compressor = platform.compressorFor("measurement");
            for (int size : new int[] {4096, 65536}) {
                ByteBuffer[] blocks = blocks(sample, size);
                Queue queue = hardware.driver().devices().get(0).openQueue(Operation.COMPRESS, QueueMode.SHARED);
                try (Session s = compressor.openSession(SessionSpec.of(Algorithm.DEFLATE).withLevel(LEVEL))) {
                    zlib(blocks);
                    queueAlone(queue, blocks);
                    sync(s, blocks); // warm up every path once
                    // Rounds alternate the paths, so that a machine whose load changes (other builds)
                    // weighs on all of them alike; each path's median over the rounds is reported,
                    // and the ratios are the medians of the ratios within each round.
                    double[][] mb = new double[PATHS.length][ROUNDS];
                    for (int round = 0; round < ROUNDS; round++) {
                        mb[0][round] = zlib(blocks);
                        mb[1][round] = queueAlone(queue, blocks);
                        mb[2][round] = sync(s, blocks);
                        mb[3][round] = async(s, blocks);
                    }
                    String label = size / 1024 + " KiB";
                    for (int path = 0; path < PATHS.length; path++) {
                        double[] ratios = new double[ROUNDS];
                        for (int round = 0; round < ROUNDS; round++) {
                            ratios[round] = mb[path][round] / mb[0][round];
                        }
                        table.append(String.format(Locale.ROOT, "%-9s %-36s %10.1f %8.2f%n", label, PATHS[path],
                                median(mb[path]), median(ratios)));
                    }
                } finally {
                    queue.close();
                }
            }
            table.append("SQEs completed by the emulated device: ").append(hardware.emulator().stat("hisi_zip-0",
                    "completed")).append(", errors: ").append(hardware.emulator().stat("hisi_zip-0", "errors"))
                    .append('\n');
        }
        String text = "Ring overhead (" + Runtime.getRuntime().availableProcessors() + " CPUs, load average "
                + loadAverage() + ", " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version")
                + "; median of " + ROUNDS + " rounds of " + (BYTES_PER_RUN >> 20) + " MiB per path)\n" + table;
        System.out.println(text);
        write(text);
    }

    private static final String[] PATHS = {"emulator's zlib, direct (1 thread)", "driver queue alone, send + reap",
        "platform sync, 1 thread", "platform async, " + IN_FLIGHT + " in flight"};

    private static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** The text in blocks of {@code size} bytes, each in its own direct buffer. */
    private static ByteBuffer[] blocks(byte[] text, int size) {
        int n = Math.min(256, text.length / size);
        ByteBuffer[] blocks = new ByteBuffer[n];
        for (int i = 0; i < n; i++) {
            blocks[i] = ByteBuffer.allocateDirect(size).put(text, i * size, size).flip();
        }
        return blocks;
    }

    /** java.util.zip raw deflate at the emulator's level: reset, the whole block, FINISH; MB/s. */
    private static double zlib(ByteBuffer[] blocks) {
        Deflater deflater = new Deflater(LEVEL, true);
        ByteBuffer out = ByteBuffer.allocateDirect(blocks[0].capacity() * 2 + 1024);
        Runnable pass = () -> {
            long done = 0;
            for (int i = 0; done < BYTES_PER_RUN; i = (i + 1) % blocks.length) {
                ByteBuffer in = blocks[i].duplicate();
                deflater.reset();
                deflater.setInput(in);
                deflater.finish();
                out.clear();
                deflater.deflate(out);
                assertTrue(deflater.finished());
                done += blocks[i].capacity();
            }
        };
        long t0 = System.nanoTime();
        pass.run();
        long ns = System.nanoTime() - t0;
        deflater.end();
        return BYTES_PER_RUN * 1e3 / ns;
    }

    /** The driver's queue without the engine: one job at a time, the caller reaping its completion; MB/s. */
    private static double queueAlone(Queue queue, ByteBuffer[] blocks) {
        ByteBuffer out = ByteBuffer.allocateDirect(blocks[0].capacity() * 2 + 1024);
        long done = 0;
        long t0 = System.nanoTime();
        for (int i = 0; done < BYTES_PER_RUN; i = (i + 1) % blocks.length) {
            out.clear();
            RecordingJob job = new RecordingJob().set(Operation.COMPRESS, Algorithm.DEFLATE, LEVEL,
                    SgList.of(blocks[i].duplicate()), SgList.of(out));
            queue.send(job);
            while (!job.done()) {
                if (queue.receive(16) == 0) {
                    Thread.yield(); // let the device thread have the CPU (2 cores shared with the JVM)
                }
            }
            assertEquals(io.warpdrive.comp.WdStatus.OK, job.status, job.toString());
            done += blocks[i].capacity();
        }
        return done * 1e3 / (System.nanoTime() - t0);
    }

    private static double sync(Session s, ByteBuffer[] blocks) {
        ByteBuffer out = ByteBuffer.allocateDirect(blocks[0].capacity() * 2 + 1024);
        Request r = s.newRequest().operation(Operation.COMPRESS);
        long done = 0;
        long t0 = System.nanoTime();
        for (int i = 0; done < BYTES_PER_RUN; i = (i + 1) % blocks.length) {
            ByteBuffer in = blocks[i].duplicate();
            out.clear();
            s.execute(r.source(in).destination(out));
            done += r.consumed();
        }
        assertEquals(UacceDriver.NAME, r.servedBy());
        return done * 1e3 / (System.nanoTime() - t0);
    }

    /** {@value #IN_FLIGHT} requests, each resubmitted from its own completion until the bytes are done. */
    private static double async(Session s, ByteBuffer[] blocks) throws InterruptedException {
        AtomicLong submitted = new AtomicLong();
        AtomicLong consumed = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch finished = new CountDownLatch(IN_FLIGHT);
        long t0 = System.nanoTime();
        for (int slot = 0; slot < IN_FLIGHT; slot++) {
            ByteBuffer out = ByteBuffer.allocateDirect(blocks[0].capacity() * 2 + 1024);
            Request r = s.newRequest().operation(Operation.COMPRESS);
            new Object() {
                void next() {
                    long n = submitted.getAndAdd(blocks[0].capacity());
                    if (n >= BYTES_PER_RUN || failure.get() != null) {
                        finished.countDown();
                        return;
                    }
                    out.clear();
                    r.source(blocks[(int) (n / blocks[0].capacity() % blocks.length)].duplicate()).destination(out);
                    try {
                        s.submit(r, done -> {
                            if (done.error() != null) {
                                failure.compareAndSet(null, done.error());
                            } else {
                                consumed.addAndGet(done.consumed());
                            }
                            next();
                        });
                    } catch (WdException e) {
                        failure.compareAndSet(null, e);
                        finished.countDown();
                    }
                }
            }.next();
        }
        assertTrue(finished.await(10, TimeUnit.MINUTES));
        long ns = System.nanoTime() - t0;
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
        return consumed.get() * 1e3 / ns;
    }

    private static void write(String text) throws IOException {
        Path target = Path.of(System.getProperty("basedir", "."), "target");
        Files.createDirectories(target);
        Files.writeString(target.resolve("ring-overhead.txt"), text);
    }
}
