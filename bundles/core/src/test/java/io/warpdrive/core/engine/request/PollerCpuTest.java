package io.warpdrive.core.engine.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.core.model.HostCores;
import org.junit.jupiter.api.Test;

/** The poller's CPU time per job reaped, on a fake CPU clock: measured every 64 jobs, averaged, spinning included. */
class PollerCpuTest {
    private long cpuNanos;
    private int reads;

    private PollerCpu poller(HostCores host) {
        return new PollerCpu(() -> host, () -> {
            reads++;
            return cpuNanos;
        });
    }

    @Test
    void thePollersCpuTimePerJobIsMeasuredOverBatchesOfJobs() {
        HostCores host = new HostCores(2);
        PollerCpu cpu = poller(host);
        cpu.reaped(1); // the first read sets where the clock starts
        assertEquals(1, reads);
        for (int i = 0; i < 63; i++) {
            cpuNanos += 2_000;
            cpu.reaped(1);
        }
        assertEquals(1, reads, "no clock read before 64 jobs");
        assertEquals(0, host.pollerNanosPerJob(), "nothing measured yet");
        cpuNanos += 2_000 + 64 * 1_000; // the last job, and sweeps that found nothing (spinning) in between
        cpu.reaped(1);
        assertEquals(2, reads);
        assertEquals(3_000, host.pollerNanosPerJob(), "(64 × 2 µs + 64 µs of spinning) over 64 jobs");

        cpuNanos += 64 * 11_000; // a batch of sweeps that reap 32 jobs each, at 11 µs a job
        cpu.reaped(32);
        cpu.reaped(32);
        assertEquals(3, reads);
        assertEquals(3_000 + (11_000 - 3_000) / 8, host.pollerNanosPerJob(), "each measure weighs an eighth");
    }

    @Test
    void aJvmThatCannotReadTheThreadsCpuClockMeasuresNothing() {
        HostCores host = new HostCores(2);
        PollerCpu cpu = new PollerCpu(() -> host, () -> -1);
        for (int i = 0; i < 1_000; i++) {
            cpu.reaped(1);
        }
        assertEquals(0, host.pollerNanosPerJob());
    }

    @Test
    void theThreadCpuClockReadOnFirstUseAdvancesWithTheThreadsWork() {
        long first = PollerCpu.THREAD_CPU_CLOCK.getAsLong();
        if (first < 0) {
            return; // a JVM without a thread CPU clock: -1 is the documented answer
        }
        long spin = 0;
        long now = first;
        for (int i = 0; i < 1_000_000 && now == first; i++) {
            spin += Long.numberOfTrailingZeros(i * 31L + spin);
            now = PollerCpu.THREAD_CPU_CLOCK.getAsLong();
        }
        assertTrue(now > first, "the lazily bound clock reads the running thread's CPU time (" + spin + ")");
    }
}
