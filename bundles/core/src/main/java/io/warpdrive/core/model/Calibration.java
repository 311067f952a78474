package io.warpdrive.core.model;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Flush;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.SgList;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.comp.WindowSize;
import io.warpdrive.lib.CompletionMode;
import io.warpdrive.lib.Device;
import io.warpdrive.lib.Job;
import io.warpdrive.lib.Queue;
import io.warpdrive.lib.QueueMode;
import io.warpdrive.lib.StreamState;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A short run of a device on built-in text of several sizes when its driver registers: gzip at
 * level 1 both ways, through a queue of its own. The times teach the device's model before the
 * first request, once the run is over: a model kept in the data folder is checked against them
 * first ({@link DeviceModel#calibrated(int[], long[], long[], long[], int)}); the results are a known-answer self-test: what the device compresses must
 * decompress (with java.util.zip) to the input, and what java.util.zip compressed it must
 * decompress to the original. A device that fails is {@linkplain DeviceModel#refuse refused}.
 */
public final class Calibration {
    private static final int[] SIZES = { 4 << 10, 64 << 10, 256 << 10 };
    /** Enough for each size to predict ({@link ServiceModel#MIN_SAMPLES}) after the kind's first two, which teach nothing. */
    private static final int[] REPEATS = { 8, 4, 4 };
    private static final int LEVEL = 1;
    private static final long JOB_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);

    /** How a calibration ended. */
    public enum Outcome {
        PASSED,
        /** The device gave a wrong answer or failed a valid job: it gets no traffic. */
        FAILED,
        /** It could not be run (no free instance, gzip not served): the device is used, learning as it goes. */
        SKIPPED
    }

    /**
     * The outcome and, unless passed, why; and what of the model kept in the data folder the run
     * replaced ({@link DeviceModel#calibrated(int[], long[], long[], long[], int)}), a line per kind
     * of request and size.
     */
    public record Result(Outcome outcome, String detail, List<String> replaced) {
        Result(Outcome outcome, String detail) {
            this(outcome, detail, List.of());
        }
    }

    private final NanoClock clock;

    public Calibration(NanoClock clock) {
        this.clock = clock;
    }

    /**
     * @param stopped checked before each job: true once the driver is going away, and the run ends
     *        at once (the driver's devices must not be used after it)
     */
    public Result run(Device device, DeviceModel model, java.util.function.BooleanSupplier stopped) {
        Measured measured = new Measured();
        Result result;
        List<String> replaced;
        try {
            result = run(device, measured, stopped);
        } finally {
            // At the end, not job by job: a model kept in the data folder is checked against the whole run first.
            replaced = measured.teach(model);
        }
        return new Result(result.outcome(), result.detail(), replaced);
    }

    private Result run(Device device, Measured measured, java.util.function.BooleanSupplier stopped) {
        if (!device.serves(Algorithm.GZIP, Operation.COMPRESS, WindowSize.W32K)
                || !device.serves(Algorithm.GZIP, Operation.DECOMPRESS, WindowSize.W32K)) {
            return new Result(Outcome.SKIPPED, "the device does not serve gzip both ways");
        }
        try {
            for (int i = 0; i < SIZES.length; i++) {
                byte[] text = TextData.generate(SIZES[i], i);
                byte[] reference = gzip(text);
                for (int r = 0; r < REPEATS[i]; r++) {
                    if (stopped.getAsBoolean()) {
                        return new Result(Outcome.SKIPPED, "its driver went away");
                    }
                    String wrong = compress(device, measured, text);
                    if (wrong == null) {
                        wrong = decompress(device, measured, reference, text);
                    }
                    if (wrong != null) {
                        return new Result(Outcome.FAILED, "self-test: " + wrong);
                    }
                }
            }
            measured.passed = true;
            return new Result(Outcome.PASSED, null);
        } catch (Busy e) {
            return new Result(Outcome.SKIPPED, e.getMessage());
        }
    }

    /**
     * The calibration cannot go on, and that says nothing of the device's answers: no free instance
     * for a queue of our own (normal on a busy device), the device going away, a queue failing.
     */
    private static final class Busy extends Exception {
        Busy(String message) {
            super(message, null, false, false);
        }
    }

    private String compress(Device device, Measured measured, byte[] text) throws Busy {
        ByteBuffer src = ByteBuffer.allocateDirect(text.length).put(text).flip();
        ByteBuffer dst = ByteBuffer.allocateDirect(text.length + text.length / 8 + 1024);
        CalibrationJob job = new CalibrationJob(Operation.COMPRESS, src, dst);
        String failed = runOnce(device, measured, job, text.length);
        if (failed != null) {
            return "compressing " + text.length + " bytes of text: " + failed;
        }
        dst.flip();
        byte[] out = new byte[dst.remaining()];
        dst.get(out);
        try {
            byte[] back = gunzip(out);
            return Arrays.equals(back, text) ? null : "compressed " + text.length + " bytes of text into output that "
                    + "decompresses to " + back.length + " other bytes";
        } catch (IOException e) {
            return "compressed " + text.length + " bytes of text into output that is not valid gzip (" + e.getMessage()
                    + ")";
        }
    }

    private String decompress(Device device, Measured measured, byte[] gz, byte[] text) throws Busy {
        ByteBuffer src = ByteBuffer.allocateDirect(gz.length).put(gz).flip();
        ByteBuffer dst = ByteBuffer.allocateDirect(text.length + 1024);
        CalibrationJob job = new CalibrationJob(Operation.DECOMPRESS, src, dst);
        String failed = runOnce(device, measured, job, gz.length);
        if (failed != null) {
            return "decompressing " + gz.length + " bytes of valid gzip: " + failed;
        }
        dst.flip();
        byte[] out = new byte[dst.remaining()];
        dst.get(out);
        return Arrays.equals(out, text) ? null
                : "decompressed valid gzip of " + text.length + " bytes of text into " + out.length + " other bytes";
    }

    /** Sends one job on a queue of its own and waits for it (bounded); null when it completed. */
    private String runOnce(Device device, Measured measured, CalibrationJob job, long bytes) throws Busy {
        Queue q;
        try {
            q = device.openQueue(job.operation, QueueMode.SHARED);
        } catch (WdException e) {
            throw new Busy(e.status() == WdStatus.BUSY ? "no free instance to calibrate on"
                    : "opening a queue failed: " + e.getMessage());
        } catch (RuntimeException e) {
            throw new Busy("opening a queue failed: " + e);
        }
        try {
            long sent = clock.nanoTime();
            job.clock = clock;
            if (!q.send(job)) {
                throw new Busy("its queue refused the calibration job");
            }
            long deadline = System.nanoTime() + JOB_TIMEOUT_NANOS;
            while (!job.done) {
                if (q.completionMode() == CompletionMode.POLL) {
                    q.receive(1);
                }
                if (job.done) {
                    break;
                }
                if (System.nanoTime() - deadline > 0) {
                    return "no completion within " + TimeUnit.NANOSECONDS.toSeconds(JOB_TIMEOUT_NANOS) + " s";
                }
                LockSupport.parkNanos(20_000);
            }
            if (job.status != WdStatus.OK) {
                String what = job.status + (job.detail == null ? "" : " (" + job.detail + ")");
                if (job.status.isQueueFailure()) {
                    throw new Busy("the queue failed: " + what); // the device going away, say: not a wrong answer
                }
                return what;
            }
            // A CPU engine's own measure of its CPU time where it gives one: what its model learns from.
            long took = job.measuredCpuNanos >= 0 ? job.measuredCpuNanos : job.completedNanos - sent;
            measured.add(RequestClass.of(job.operation, Algorithm.GZIP, LEVEL, bytes), bytes, took, job.completedNanos);
            return null;
        } catch (RuntimeException e) {
            throw new Busy("the driver threw " + e);
        } finally {
            try {
                q.close();
            } catch (RuntimeException e) {
                // closing our own queue failed: nothing more to learn from it
            }
        }
    }

    /** The times of one run's jobs, given to the device's model at its end. */
    private static final class Measured {
        private static final int JOBS = 2 * Arrays.stream(REPEATS).sum();
        final int[] cells = new int[JOBS];
        final long[] bytes = new long[JOBS];
        final long[] nanos = new long[JOBS];
        final long[] ends = new long[JOBS];
        int jobs;
        boolean passed;

        void add(int cell, long size, long took, long end) {
            cells[jobs] = cell;
            bytes[jobs] = size;
            nanos[jobs] = took;
            ends[jobs] = end;
            jobs++;
        }

        List<String> teach(DeviceModel model) {
            List<String> replaced = model.calibrated(cells, bytes, nanos, ends, jobs);
            if (passed) {
                model.calibrationPassed(System.currentTimeMillis());
            }
            return replaced;
        }
    }

    private static byte[] gzip(byte[] data) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        }) {
            out.write(data);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    private static byte[] gunzip(byte[] gz) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        }
    }

    /** One calibration job: flat direct buffers, gzip at level 1, completion remembered. */
    private static final class CalibrationJob implements Job {
        final Operation operation;
        private final SgList source;
        private final SgList destination;
        volatile NanoClock clock;
        volatile boolean done;
        volatile WdStatus status;
        volatile String detail;
        volatile long completedNanos;
        volatile long measuredCpuNanos = -1;

        CalibrationJob(Operation operation, ByteBuffer src, ByteBuffer dst) {
            this.operation = operation;
            this.source = SgList.of(src);
            this.destination = SgList.of(dst);
        }

        @Override
        public int tag() {
            return 0;
        }

        @Override
        public Operation operation() {
            return operation;
        }

        @Override
        public Algorithm algorithm() {
            return Algorithm.GZIP;
        }

        @Override
        public int level() {
            return LEVEL;
        }

        @Override
        public WindowSize window() {
            return WindowSize.W32K;
        }

        @Override
        public SgList source() {
            return source;
        }

        @Override
        public SgList destination() {
            return destination;
        }

        @Override
        public Flush flush() {
            return Flush.FINISH;
        }

        @Override
        public StreamState stream() {
            return null;
        }

        @Override
        public long outputLimit() {
            return Long.MAX_VALUE;
        }

        @Override
        public void addCpuTime(long nanos) {
        }

        @Override
        public void measuredCpuTime(long nanos) {
            measuredCpuNanos = Math.max(0, nanos);
        }

        /**
         * Always: a calibration job sent to a CPU engine's worker would otherwise be timed by the
         * wall clock, hand-off and wake-up included, which the engine's model, learning CPU time
         * from then on, takes many samples to forget.
         */
        @Override
        public boolean wantsCpuTime() {
            return true;
        }

        @Override
        public void complete(boolean endOfStream) {
            finish(WdStatus.OK, null);
        }

        @Override
        public void fail(WdStatus s, String d) {
            finish(s == null ? WdStatus.INTERNAL : s, d);
        }

        private void finish(WdStatus s, String d) {
            if (!done) {
                completedNanos = clock.nanoTime();
                status = s;
                detail = d;
                done = true;
            }
        }
    }
}
