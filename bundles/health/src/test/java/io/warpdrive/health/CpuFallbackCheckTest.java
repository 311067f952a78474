package io.warpdrive.health;

import static io.warpdrive.health.Statuses.assertStatus;
import static io.warpdrive.health.Views.driver;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.lib.CalcType;
import io.warpdrive.stats.ConsumerUsage;
import io.warpdrive.stats.UsageStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.felix.hc.api.Result;
import org.junit.jupiter.api.Test;

/** The check on a fake clock and fake counters; its own reading thread is not started (no activate). */
class CpuFallbackCheckTest {
    private static final long S = 1_000_000_000L;
    private final AtomicLong now = new AtomicLong();
    private final List<ConsumerUsage> consumers = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    private CpuFallbackCheck check(Map<String, Object> config, CalcType... driverTypes) {
        CpuFallbackCheck check = new CpuFallbackCheck();
        check.logger = Views.logger(warnings);
        check.clock = now::get;
        check.stats = Fake.of(UsageStats.class, Map.of("consumers", consumers));
        List<io.warpdrive.lib.Driver> drivers = new ArrayList<>();
        for (CalcType t : driverTypes) {
            drivers.add(driver(t.name().toLowerCase(), t));
        }
        check.drivers = drivers;
        check.modified(config);
        return check;
    }

    private void served(long hardware, long cpu) {
        consumers.add(Fake.of(ConsumerUsage.class, Map.of("hardwareRequests", hardware, "cpuRequests", cpu)));
    }

    private Result after(long seconds, CpuFallbackCheck check) {
        now.addAndGet(seconds * S);
        return check.execute();
    }

    @Test
    void okWhenHardwareServesMost() {
        CpuFallbackCheck check = check(Map.of(), CalcType.HW, CalcType.SOFT);
        served(90, 10);
        Result r = after(30, check);
        assertStatus(Result.Status.OK, r);
        assertTrue(Statuses.messages(r).contains("10% of 100 requests in the last 30 s"), Statuses.messages(r));
    }

    @Test
    void warnAndCriticalAboveTheirThresholds() {
        CpuFallbackCheck check = check(Map.of(), CalcType.HW, CalcType.SOFT);
        served(50, 50);
        assertStatus(Result.Status.WARN, after(10, check));
        served(0, 900);
        assertStatus(Result.Status.CRITICAL, after(10, check));
    }

    @Test
    void onlyTheLastWindowCounts() {
        CpuFallbackCheck check = check(Map.of("fallback.window.seconds", 60), CalcType.HW);
        served(0, 1000);
        assertStatus(Result.Status.CRITICAL, after(30, check));
        consumers.clear();
        served(1000, 1000);
        after(60, check);
        served(1000, 0);
        // The window's baseline is the reading 60 s ago (1000 cpu): since then 1000 on hardware only.
        assertStatus(Result.Status.OK, after(60, check));
    }

    @Test
    void okWithoutHardwareDriverWhateverTheShare() {
        CpuFallbackCheck check = check(Map.of(), CalcType.SOFT, CalcType.INSTR);
        served(0, 1000);
        assertStatus(Result.Status.OK, after(10, check));
    }

    @Test
    void okWithoutRequests() {
        assertStatus(Result.Status.OK, after(10, check(Map.of(), CalcType.HW)));
    }

    @Test
    void aShareOutOfRangeIsRefused() {
        CpuFallbackCheck check = check(Map.of("fallback.share.warn", "0.5"), CalcType.HW);
        check.modified(Map.of("fallback.share.warn", "-1"));
        assertTrue(warnings.size() == 1 && warnings.get(0).contains("fallback.share.warn='-1' refused"), warnings.toString());
        served(60, 40);
        assertStatus(Result.Status.OK, after(10, check));
    }

    @Test
    void aWarnShareNotBelowTheCriticalOneIsRefusedAndTheLastGoodStays() {
        CpuFallbackCheck check = check(Map.of("fallback.share.warn", "0.3", "fallback.share.critical", "0.6"), CalcType.HW);
        check.modified(Map.of("fallback.share.warn", "0.7", "fallback.share.critical", "0.6"));
        assertTrue(warnings.size() == 1 && warnings.get(0).contains("must be below fallback.share.critical"),
                warnings.toString());
        served(50, 50);
        // 50% is above the last good warn share (30%) and below its critical one (60%).
        assertStatus(Result.Status.WARN, after(10, check));
    }

    @Test
    void equalSharesAreRefusedAtFirstAndTheDefaultsStay() {
        CpuFallbackCheck check = check(Map.of("fallback.share.warn", "0.5", "fallback.share.critical", "0.5"), CalcType.HW);
        assertTrue(warnings.size() == 1 && warnings.get(0).contains("must be below"), warnings.toString());
        served(10, 90);
        // The defaults: critical above 80%.
        assertStatus(Result.Status.CRITICAL, after(10, check));
    }
}
