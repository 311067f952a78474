package io.warpdrive.reliability.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.comp.Compressor;
import io.warpdrive.core.engine.health.QuarantineRules;
import io.warpdrive.driver.soft.SoftDriver;
import io.warpdrive.reliability.Figures;
import io.warpdrive.testing.conformance.StartedDriver;
import io.warpdrive.testing.data.TestFiles;
import io.warpdrive.testing.drivers.TestDrivers;
import io.warpdrive.testing.platform.TestPlatform;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The emulator's faults injected at random under mixed load: the real engine with the
 * soft driver (the CPU) and the hisi_zip driver over libwdemu, consumer threads sending
 * sync and async stateless requests and streams (compress and decompress, gzip, zlib and
 * deflate, AUTO and some HARDWARE_ONLY, test-file data of many sizes), and a {@link
 * FaultInjector} switching faults on and off (silent bit flips among them, in stateless and stream
 * compressions alike, against compress-and-verify at 100 %: a stream's flipped output moves the
 * stream to another engine) and replacing the hardware meanwhile.
 *
 * <p>Every request handed to the engine comes back exactly once; every result is correct
 * byte for byte; every failure is a {@code WdException} whose status a hardware fault
 * explains, on work bound to hardware (HARDWARE_ONLY, or a stream the device holds); AUTO
 * stateless work never fails (the CPU takes it). The engine's job timeout releases stuck
 * queues within the run; at the end every queue and stream context is released.
 *
 * <p>{@code warpdrive.soak.seconds} sets the length (25 in {@code mvn verify}, 600 for the
 * long form), {@code warpdrive.soak.seed} replays a run (the seed is printed and reported;
 * thread interleaving still varies), {@code warpdrive.soak.consumers} the consumer threads.
 * Figures go to {@code target/soak-figures.txt}.
 */
class FaultSoakTest {
    @Test
    void faultsAtRandomUnderMixedLoadLoseNothingAndCorruptNothing() throws Exception {
        long seconds = Long.getLong("warpdrive.soak.seconds", 25);
        long seed = Long.getLong("warpdrive.soak.seed", System.nanoTime());
        int consumers = Integer.getInteger("warpdrive.soak.consumers", 6);
        System.out.println("fault soak: seed " + seed + " (-Dwarpdrive.soak.seed=" + seed + " to replay), " + seconds
                + " s, " + consumers + " consumers");
        List<byte[]> pool = new ArrayList<>();
        for (String name : TestFiles.all()) {
            pool.add(TestFiles.file(name));
        }
        SoakLedger ledger = new SoakLedger();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> threads = new ArrayList<>();
        StartedDriver<SoftDriver> cpu = TestDrivers.soft();
        TestPlatform platform = TestPlatform.builder().queuesPerDevice(2)
                // a stuck or stopped queue's jobs time out and the queue is replaced well within the run
                .jobTimeout(Duration.ofMillis(500))
                // HARDWARE_ONLY work waits this long for hardware while the card is replaced
                .waitTimeout(Duration.ofSeconds(3))
                // every hardware compression checked: a flipped bit delivered would fail the soak
                .verifyPercent(100)
                // a quarantined device (caught flip, device errors) is probed back within the run; no hold-out
                .quarantine(QuarantineRules.of(QuarantineRules.DEFAULT_ERRORS_PER_HOUR, 1, 0, 60))
                .build();
        FaultInjector faults = new FaultInjector(platform, ledger, seed);
        long started = System.nanoTime();
        try {
            platform.bind(cpu.driver());
            faults.start();
            Compressor compressor = platform.compressorFor("io.warpdrive.reliability.soak");
            for (int i = 0; i < consumers; i++) {
                Thread t = new Thread(new SoakConsumer("consumer-" + i, compressor, ledger, seed + 1 + i, stop, pool),
                        "soak-consumer-" + i);
                threads.add(t);
                t.start();
            }
            faults.run(started + TimeUnit.SECONDS.toNanos(seconds));
        } finally {
            stop.set(true);
            for (Thread t : threads) {
                t.join(TimeUnit.MINUTES.toMillis(3)); // bounded: each request is bounded by its completion wait
                assertFalse(t.isAlive(), t.getName() + " is stuck" + platform.describe());
            }
            faults.stop();
            platform.close();
            cpu.close();
        }
        long caught = 0;
        for (int i = 0; i < FaultInjector.DEVICES; i++) {
            caught += platform.engine().quarantine().mismatches("hisi_zip-" + i);
        }
        long elapsed = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
        List<String> notOnce = ledger.notExactlyOnce();
        Figures.report("soak-figures.txt", String.format("fault soak, seed %d, %d s (%d consumers): %d requests to the"
                + " engine, each given back exactly once: %s; %d operations, %d succeeded (verified byte for byte),"
                + " %d failed with a typed error; %d faults injected over %d hisi_zip driver generations; %d wrong"
                + " hardware outputs caught by compress-and-verify, %d of them in compression streams (none"
                + " delivered); %s", seed, elapsed, consumers, ledger.requests(), notOnce.isEmpty() ? "yes" : "NO",
                ledger.operationCount(), ledger.succeededCount(), ledger.failedCount(), ledger.faultCount(),
                faults.generations(), caught, platform.engine().verification().streamWrongOutputs(), ledger.report()));
        List<String> problems = ledger.problems();
        assertTrue(problems.isEmpty(), () -> problems.size() + " problem(s) (seed " + seed + "):\n"
                + String.join("\n", problems.subList(0, Math.min(30, problems.size()))));
        assertTrue(notOnce.isEmpty(), () -> notOnce.subList(0, Math.min(30, notOnce.size())).toString());
        assertEquals(ledger.operationCount(), ledger.succeededCount() + ledger.failedCount(),
                "every operation succeeded or failed");
        assertTrue(ledger.faultCount() > 0, "faults were injected");
        assertTrue(ledger.succeededCount() > 0, "work was served");
    }
}
