package io.warpdrive.sched.coordinator;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.admin.SchedulerInfo;
import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Compressor;
import io.warpdrive.comp.FallbackPolicy;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.Priority;
import io.warpdrive.comp.Request;
import io.warpdrive.comp.Session;
import io.warpdrive.comp.SessionSpec;
import io.warpdrive.driver.hisi_zip.UacceDriver;
import io.warpdrive.driver.soft.SoftDriver;
import io.warpdrive.sched.PriorityLevel;
import io.warpdrive.sched.QueueView;
import io.warpdrive.sched.Scheduler;
import io.warpdrive.sched.priority.PriorityScheduler;
import io.warpdrive.testing.conformance.StartedDriver;
import io.warpdrive.testing.data.TestFiles;
import io.warpdrive.testing.drivers.TestDrivers;
import io.warpdrive.testing.platform.TestPlatform;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * The contention case with the priority coordinator's answer: 64 hardware instances, 110 processes wanting them.
 * One emulated HiSilicon ZIP device with 64 instances, all opened as queues (32 per direction,
 * SQ depth 2: each queue holds one request, so one request in flight holds one instance, as one
 * process holds one queue in UADK); the soft driver as the CPU fallback, its workers running
 * every CPU job. 100 "picture" consumers (third party, LOW: THIRD_PARTY_LOW) and 10 "video"
 * consumers (names listed in system.bundles: system, HIGH: SYSTEM_HIGH), each a thread round-tripping
 * text blocks (compress, then decompress and compare) with sync AUTO requests back to back.
 *
 * <p>{@value #ROUNDS} rounds in one JVM, alternating which policy runs first, each run on a fresh
 * platform: the default policy (priority), and the coordinator with each video consumer holding
 * two tunes at SYSTEM_HIGH — {@code hardware} {@value #HELD_BACK} (instances held back for
 * SYSTEM_HIGH; HIGHER_IS_BETTER) and {@code cpu.workers} {@value #CPU_WORKERS} (the CPU
 * fallback's workers; INSTANT_APPLY), so the pictures that go to the CPU leave a core to the
 * device and the videos. Reported per policy, the rounds pooled: the share of video requests
 * served by hardware, their p50 and p99 latency, the same for pictures, the fewest round trips
 * any picture consumer completed in a round (none starved), and the policy's faults (picks served
 * by the built-in pick, e.g. one preempted past its budget on a loaded machine).
 *
 * <p>Not part of {@code mvn verify} (surefire excludes {@code *Measurement}); run it with
 * <pre>
 * mvn verify -pl bundles/sched-coordinator -am -Dtest=SeedScenarioMeasurement -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 * The table is printed and written to {@code bundles/sched-coordinator/target/coordinator-seed000.txt}.
 */
class SeedScenarioMeasurement {
    private static final int PICTURES = 100;
    private static final int VIDEOS = 10;
    private static final int PICTURE_BYTES = 32 * 1024;
    private static final int VIDEO_BYTES = 16 * 1024;
    private static final long HELD_BACK = 16;
    private static final long CPU_WORKERS = 1;
    private static final Duration WARM_UP = Duration.ofSeconds(3);
    private static final Duration WINDOW = Duration.ofSeconds(8);
    /** Rounds of both runs, in alternating order, so that a machine whose load drifts weighs on both alike. */
    private static final int ROUNDS = 3;
    private static final String EMULATOR = "api=hisi_qm_v3;instances=64;depth=2;zlib_level=1";

    @Test
    void videoOnHardwareWithTheCoordinatorAgainstTheDefaultPolicy() throws Exception {
        byte[] text = TestFiles.file("text");
        List<Result> priorityRounds = new ArrayList<>();
        List<Result> coordinatorRounds = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            boolean coordinatorFirst = round % 2 == 1;
            for (boolean coordinated : new boolean[] { coordinatorFirst, !coordinatorFirst }) {
                (coordinated ? coordinatorRounds : priorityRounds).add(run(text, coordinated));
            }
        }
        Result priority = Result.pooled(priorityRounds);
        Result coordinator = Result.pooled(coordinatorRounds);

        StringBuilder t = new StringBuilder();
        t.append(String.format(Locale.ROOT, "%-12s %9s %9s %9s %9s %9s %9s %9s %9s %9s %7s%n", "policy", "video",
                "video", "video", "video", "picture", "picture", "picture", "picture", "fewest", "policy"));
        t.append(String.format(Locale.ROOT, "%-12s %9s %9s %9s %9s %9s %9s %9s %9s %9s %7s%n", "", "req/s", "on hw",
                "p50 ms", "p99 ms", "req/s", "on hw", "p50 ms", "p99 ms", "picture", "faults"));
        for (Result r : List.of(priority, coordinator)) {
            t.append(String.format(Locale.ROOT, "%-12s %9.0f %8.1f%% %9.2f %9.2f %9.0f %8.1f%% %9.2f %9.2f %9d %7d%n",
                    r.policy, r.video.rate(), 100 * r.video.hardwareShare(), r.video.percentileMs(50),
                    r.video.percentileMs(99), r.picture.rate(), 100 * r.picture.hardwareShare(),
                    r.picture.percentileMs(50), r.picture.percentileMs(99), r.fewestPictureRoundTrips, r.faults));
        }
        t.append(String.format(Locale.ROOT, "coordinator / priority: video on hardware %.2f, video p99 %.2f, "
                + "video req/s %.2f, picture req/s %.2f%n",
                coordinator.video.hardwareShare() / Math.max(1e-9, priority.video.hardwareShare()),
                coordinator.video.percentileMs(99) / Math.max(1e-9, priority.video.percentileMs(99)),
                coordinator.video.rate() / Math.max(1e-9, priority.video.rate()),
                coordinator.picture.rate() / Math.max(1e-9, priority.picture.rate())));
        t.append(String.format(Locale.ROOT, "(%d pictures of %d KiB at THIRD_PARTY_LOW, %d videos of %d KiB at "
                + "SYSTEM_HIGH, one thread each, sync AUTO round trips; %d alternating rounds of each policy on a fresh "
                + "platform, %d s measured after %d s, pooled; emulator %s; %d processors)%n", PICTURES,
                PICTURE_BYTES / 1024, VIDEOS, VIDEO_BYTES / 1024, ROUNDS, WINDOW.toSeconds(), WARM_UP.toSeconds(),
                EMULATOR, Runtime.getRuntime().availableProcessors()));
        System.out.print(t);
        Path out = Path.of("target", "coordinator-seed000.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, t.toString());

        for (Result r : List.of(priority, coordinator)) {
            assertTrue(r.problems.isEmpty(), r.policy + ": " + r.problems);
            assertTrue(r.fewestPictureRoundTrips > 0, r.policy + ": a picture consumer starved");
        }
    }

    private static Result run(byte[] text, boolean coordinated) throws Exception {
        try (StartedDriver<UacceDriver> hardware = TestDrivers.emulatedHisiZip(1, EMULATOR, Map.of());
                StartedDriver<SoftDriver> soft = TestDrivers.soft(Map.of("sync.on.caller", false));
                TestPlatform platform = TestPlatform.builder().queues("hisi_zip=32").spinThreshold(Duration.ZERO)
                        .systemBundles("io.warpdrive.video-*").build()) {
            platform.bind(hardware.driver());
            platform.bind(soft.driver());
            TestPlatform.await("64 hardware queues open", () -> hardwareQueues(platform.platform().queues()) == 64);
            ExecutorClock clock = new ExecutorClock();
            CoordinatorScheduler coordinator = new CoordinatorScheduler(ResourceTable.defaults(), clock,
                    new Knob() {
                        @Override
                        public long original() {
                            return 0;
                        }

                        @Override
                        public boolean set(long value) {
                            soft.driver().reconfigure(Map.of("sync.on.caller", false, "workers", (int) value));
                            return true;
                        }

                        @Override
                        public boolean restore() {
                            soft.driver().reconfigure(Map.of("sync.on.caller", false));
                            return true;
                        }
                    });
            Scheduler policy = coordinated ? coordinator : new PriorityScheduler();
            platform.bind(policy, 30);
            Consumers video = new Consumers();
            Consumers picture = new Consumers();
            AtomicBoolean stop = new AtomicBoolean();
            List<String> problems = new CopyOnWriteArrayList<>();
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < VIDEOS; i++) {
                String name = "io.warpdrive.video-" + i;
                long bundleId = 2000 + i;
                if (coordinated) {
                    Owner owner = new Owner(name, bundleId, true);
                    coordinator.book().tune(owner, "hardware", HELD_BACK, null, PriorityLevel.SYSTEM_HIGH);
                    coordinator.book().tune(owner, "cpu.workers", CPU_WORKERS, null, PriorityLevel.SYSTEM_HIGH);
                }
                threads.add(consumer(platform.compressorFor(name, bundleId), Priority.HIGH, VIDEO_BYTES, text, i,
                        video.add(), stop, problems));
            }
            for (int i = 0; i < PICTURES; i++) {
                threads.add(consumer(platform.compressorFor("com.example.picture-" + i, 1000 + i), Priority.LOW,
                        PICTURE_BYTES, text, 100 + i, picture.add(), stop, problems));
            }
            threads.forEach(Thread::start);
            LockSupport.parkNanos(WARM_UP.toNanos());
            video.startWindow();
            picture.startWindow();
            long start = System.nanoTime();
            LockSupport.parkNanos(WINDOW.toNanos());
            video.endWindow();
            picture.endWindow();
            double seconds = (System.nanoTime() - start) / 1e9;
            stop.set(true);
            for (Thread th : threads) {
                th.join(TimeUnit.SECONDS.toMillis(30));
                assertTrue(!th.isAlive(), th.getName() + " finished");
            }
            // A fault (e.g. a pick preempted past its budget on a loaded machine) is served by the built-in
            // pick and counted; only a demotion would mean the figures are not the policy's.
            SchedulerInfo info = platform.platform().schedulers().get(0);
            if (!info.name().equals(policy.name()) || info.demoted()) {
                problems.add(policy.name() + " was not the active policy throughout: " + info.name() + " active"
                        + (info.demoted() ? ", demoted" : ""));
            }
            long faults = info.faults();
            platform.unbind(policy);
            coordinator.book().close();
            clock.close();
            return new Result(coordinated ? "coordinator" : "priority", video.stats(seconds), picture.stats(seconds),
                    picture.fewestRoundTrips(), faults, problems);
        }
    }

    private static int hardwareQueues(QueueView view) {
        int n = 0;
        for (int i = 0; i < view.size(); i++) {
            if (view.get(i).calcType().isHardware()) {
                n++;
            }
        }
        return n;
    }

    /** One consumer bundle's thread: round trips of text blocks, each request timed and checked. */
    private static Thread consumer(Compressor compressor, Priority priority, int size, byte[] text, int seed,
            Recorder rec, AtomicBoolean stop, List<String> problems) {
        Thread t = new Thread(() -> {
            Random rnd = new Random(seed);
            ByteBuffer plain = ByteBuffer.allocateDirect(size);
            ByteBuffer packed = ByteBuffer.allocateDirect(size + 1024);
            ByteBuffer back = ByteBuffer.allocateDirect(size);
            byte[] expected = new byte[size];
            byte[] actual = new byte[size];
            try (Session s = compressor.openSession(SessionSpec.of(Algorithm.DEFLATE).withLevel(1)
                    .withFallback(FallbackPolicy.AUTO).withPriority(priority))) {
                Request r = s.newRequest();
                while (!stop.get()) {
                    int off = rnd.nextInt(text.length - size);
                    System.arraycopy(text, off, expected, 0, size);
                    plain.clear();
                    plain.put(expected).flip();
                    packed.clear();
                    long t0 = System.nanoTime();
                    s.execute(r.operation(Operation.COMPRESS).source(plain).destination(packed));
                    long t1 = System.nanoTime();
                    rec.request(t1 - t0, r.servedByHardware());
                    packed.flip();
                    back.clear();
                    s.execute(r.operation(Operation.DECOMPRESS).source(packed).destination(back));
                    rec.request(System.nanoTime() - t1, r.servedByHardware());
                    back.flip();
                    back.get(actual);
                    if (back.position() != size || !Arrays.equals(expected, actual)) {
                        problems.add(Thread.currentThread().getName() + ": a round trip changed the data");
                    }
                    rec.roundTrip();
                }
            } catch (RuntimeException e) {
                problems.add(Thread.currentThread().getName() + ": " + e);
            }
        }, (priority == Priority.HIGH ? "video-" : "picture-") + seed);
        t.setDaemon(true);
        return t;
    }

    /** One thread's requests in the measured window: latencies and who served them. */
    private static final class Recorder {
        private volatile boolean recording;
        private long[] latencies = new long[1 << 14];
        private int count;
        private long hardware;
        private long roundTrips;

        void request(long nanos, boolean onHardware) {
            if (!recording) {
                return;
            }
            if (count == latencies.length) {
                latencies = Arrays.copyOf(latencies, count * 2);
            }
            latencies[count++] = nanos;
            if (onHardware) {
                hardware++;
            }
        }

        void roundTrip() {
            if (recording) {
                roundTrips++;
            }
        }
    }

    /** The recorders of one class of consumers. */
    private static final class Consumers {
        private final List<Recorder> recorders = new ArrayList<>();

        Recorder add() {
            Recorder r = new Recorder();
            recorders.add(r);
            return r;
        }

        void startWindow() {
            recorders.forEach(r -> r.recording = true);
        }

        void endWindow() {
            recorders.forEach(r -> r.recording = false);
        }

        /** Read after the threads have stopped (joined): their fields are visible. */
        Stats stats(double seconds) {
            int n = 0;
            long hw = 0;
            for (Recorder r : recorders) {
                n += r.count;
                hw += r.hardware;
            }
            long[] all = new long[n];
            int at = 0;
            for (Recorder r : recorders) {
                System.arraycopy(r.latencies, 0, all, at, r.count);
                at += r.count;
            }
            Arrays.sort(all);
            return new Stats(all, hw, seconds);
        }

        long fewestRoundTrips() {
            long fewest = Long.MAX_VALUE;
            for (Recorder r : recorders) {
                fewest = Math.min(fewest, r.roundTrips);
            }
            return fewest;
        }
    }

    private static final class Stats {
        final long[] sorted;
        final long hardware;
        final double seconds;

        Stats(long[] sorted, long hardware, double seconds) {
            this.sorted = sorted;
            this.hardware = hardware;
            this.seconds = seconds;
        }

        /** The requests of several windows as one: latencies pooled, rates over the summed time. */
        static Stats pooled(List<Stats> windows) {
            long[] all = new long[windows.stream().mapToInt(w -> w.sorted.length).sum()];
            int at = 0;
            long hardware = 0;
            double seconds = 0;
            for (Stats w : windows) {
                System.arraycopy(w.sorted, 0, all, at, w.sorted.length);
                at += w.sorted.length;
                hardware += w.hardware;
                seconds += w.seconds;
            }
            Arrays.sort(all);
            return new Stats(all, hardware, seconds);
        }

        double rate() {
            return sorted.length / seconds;
        }

        double hardwareShare() {
            return sorted.length == 0 ? 0 : (double) hardware / sorted.length;
        }

        double percentileMs(int p) {
            if (sorted.length == 0) {
                return 0;
            }
            int i = (int) Math.min(sorted.length - 1, Math.ceil(p / 100.0 * sorted.length) - 1);
            return sorted[Math.max(0, i)] / 1e6;
        }
    }

    private static final class Result {
        final String policy;
        final Stats video;
        final Stats picture;
        final long fewestPictureRoundTrips;
        final long faults;
        final List<String> problems;

        Result(String policy, Stats video, Stats picture, long fewestPictureRoundTrips, long faults,
                List<String> problems) {
            this.policy = policy;
            this.video = video;
            this.picture = picture;
            this.fewestPictureRoundTrips = fewestPictureRoundTrips;
            this.faults = faults;
            this.problems = problems;
        }

        /** The rounds of one policy as one result: the fewest round trips of any round, faults and problems summed. */
        static Result pooled(List<Result> rounds) {
            List<String> problems = new ArrayList<>();
            rounds.forEach(r -> problems.addAll(r.problems));
            return new Result(rounds.get(0).policy,
                    Stats.pooled(rounds.stream().map(r -> r.video).collect(java.util.stream.Collectors.toList())),
                    Stats.pooled(rounds.stream().map(r -> r.picture).collect(java.util.stream.Collectors.toList())),
                    rounds.stream().mapToLong(r -> r.fewestPictureRoundTrips).min().orElse(0),
                    rounds.stream().mapToLong(r -> r.faults).sum(), problems);
        }
    }
}
