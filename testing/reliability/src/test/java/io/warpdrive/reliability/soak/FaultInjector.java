package io.warpdrive.reliability.soak;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.FallbackPolicy;
import io.warpdrive.comp.Operation;
import io.warpdrive.driver.hisi_zip.UacceDriver;
import io.warpdrive.driver.hisi_zip.emulator.Emulator;
import io.warpdrive.testing.conformance.StartedDriver;
import io.warpdrive.testing.drivers.TestDrivers;
import io.warpdrive.testing.platform.TestPlatform;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The fault thread of the soak: at random (its own seeded {@link Random}) injects one of
 * libwdemu's faults into a random emulated device while the consumers run (error status on
 * the next requests, a silent bit flip in the next compressions' output, a stuck device, the queue-stopped words, isolation, EBUSY on the next
 * queue opens, removal with requests in flight) and clears it again, and from time to time
 * (always once every device is removed) replaces the hisi_zip driver and its emulator with
 * fresh ones, as a hot-plugged card or a restarted driver bundle would, so the run goes on.
 * Between faults it waits for the platform to have served more requests, so each fault
 * lands on traffic and a platform that stops serving fails the soak.
 */
final class FaultInjector {
    static final int DEVICES = 2;
    static final String EMULATOR_OPTIONS = "api=hisi_qm_v3;depth=64";
    static final Map<String, Object> DRIVER_CONFIG = Map.of("rescan.interval.ms", 50L);
    /** Requests the platform must give back between two faults (the pace, and a liveness check). */
    private static final int PROGRESS = 10;
    private static final Duration PROGRESS_BOUND = Duration.ofSeconds(60);

    private final TestPlatform platform;
    private final SoakLedger ledger;
    private final Random random;
    private StartedDriver<UacceDriver> hardware;
    private final List<String> removed = new ArrayList<>();
    private int generation;

    FaultInjector(TestPlatform platform, SoakLedger ledger, long seed) {
        this.platform = platform;
        this.ledger = ledger;
        this.random = new Random(seed);
    }

    /** Starts the first emulator and driver and binds it. */
    void start() {
        plugIn();
    }

    /** Injects faults until {@code deadlineNanos} (System.nanoTime), then clears the live ones. */
    void run(long deadlineNanos) {
        while (System.nanoTime() < deadlineNanos) {
            awaitProgress();
            if (removed.size() == DEVICES) {
                replaceHardware();
                continue;
            }
            String device = aliveDevice();
            int roll = random.nextInt(100);
            if (roll < 15) {
                // silent corruption: compress-and-verify (at 100 % in the soak) must catch every one
                inject(device, "bitflip", 1 + random.nextInt(4));
                ledger.fault("silent bit flip");
            } else if (roll < 25) {
                int n = 1 + random.nextInt(8);
                inject(device, "error_status", n);
                ledger.fault("error status");
            } else if (roll < 40) {
                during(device, "stuck", "stuck device");
            } else if (roll < 55) {
                during(device, "stop", "queue-stopped flag");
            } else if (roll < 65) {
                during(device, "isolate", "isolated device");
            } else if (roll < 75) {
                inject(device, "ebusy", 1 + random.nextInt(4));
                ledger.fault("EBUSY on open");
            } else if (roll < 90) {
                inject(device, "remove", 0);
                removed.add(device);
                ledger.fault("device removed");
            } else {
                replaceHardware();
            }
        }
        clearAll();
    }

    /** Unbinds and stops the driver (the platform must have released every queue and stream). */
    void stop() {
        if (hardware != null) {
            unplug();
        }
    }

    /** The fault is on for a random while (load generation: the pace of the faults), then off. */
    private void during(String device, String fault, String kind) {
        inject(device, fault, 1);
        ledger.fault(kind);
        pause(50 + random.nextInt(1500));
        inject(device, fault, 0);
    }

    private void inject(String device, String fault, long argument) {
        hardware.driver().emulator().inject(device, fault, argument);
    }

    /** Faults still on when the run ends are switched off, so the consumers can drain. */
    private void clearAll() {
        for (int i = 0; i < DEVICES; i++) {
            String device = "hisi_zip-" + i;
            if (!removed.contains(device)) {
                for (String fault : new String[] {"error_status", "bitflip", "ebusy", "stuck", "stop", "isolate"}) {
                    inject(device, fault, 0);
                }
            }
        }
    }

    private String aliveDevice() {
        List<String> alive = new ArrayList<>();
        for (int i = 0; i < DEVICES; i++) {
            if (!removed.contains("hisi_zip-" + i)) {
                alive.add("hisi_zip-" + i);
            }
        }
        return alive.get(random.nextInt(alive.size()));
    }

    private void awaitProgress() {
        long before = ledger.completedCount();
        TestPlatform.await("the platform serving " + PROGRESS + " more requests under faults",
                () -> ledger.completedCount() >= before + PROGRESS, PROGRESS_BOUND);
        pause(random.nextInt(200));
    }

    /** The card goes away and a fresh one comes: a new emulator under a new driver instance. */
    private void replaceHardware() {
        unplug();
        plugIn();
        ledger.fault("hardware replaced");
    }

    private void unplug() {
        StartedDriver<UacceDriver> old = hardware;
        Emulator emulator = old.driver().emulator();
        platform.unbind(old.driver());
        TestPlatform.await("the platform released every hisi_zip queue", () -> emulator.liveQueues() == 0,
                Duration.ofSeconds(30));
        // streams bound to the driver fail with DRIVER_GONE on their next piece; their consumers close them
        TestPlatform.await("the streams bound to the driver closed", () -> old.driver().openStreams() == 0,
                Duration.ofSeconds(60));
        old.close(); // fails if a queue or a stream context is still open
        hardware = null;
    }

    private void plugIn() {
        generation++;
        removed.clear();
        hardware = TestDrivers.emulatedHisiZip(DEVICES, EMULATOR_OPTIONS, DRIVER_CONFIG);
        platform.bind(hardware.driver());
        TestPlatform.await("hisi_zip queues (driver generation " + generation + ")",
                () -> platform.platform().awaitQueue(Algorithm.GZIP, Operation.DECOMPRESS,
                        FallbackPolicy.HARDWARE_ONLY, Duration.ofMillis(100)), Duration.ofSeconds(30));
    }

    int generations() {
        return generation;
    }

    private static void pause(long millis) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(millis));
    }
}
