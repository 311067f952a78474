package io.warpdrive.webconsole;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.warpdrive.admin.ModelInfo;
import io.warpdrive.admin.Platform;
import io.warpdrive.admin.SchedulerInfo;
import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.lib.CalcType;
import io.warpdrive.lib.CompletionMode;
import io.warpdrive.lib.Device;
import io.warpdrive.lib.DeviceHealth;
import io.warpdrive.lib.Driver;
import io.warpdrive.lib.QueueMode;
import io.warpdrive.sched.QueueInfo;
import io.warpdrive.sched.QueueView;
import io.warpdrive.stats.ConsumerUsage;
import io.warpdrive.stats.Counts;
import io.warpdrive.stats.DeviceUsage;
import io.warpdrive.stats.DriverUsage;
import io.warpdrive.stats.QueueUsage;
import io.warpdrive.stats.StreamContinuityUsage;
import io.warpdrive.stats.UsageStats;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class StatusJsonTest {

    private static SchedulerInfo policy(String name, int ranking, boolean active, boolean demoted) {
        return Stubs.of(SchedulerInfo.class, "name", name, "ranking", ranking, "active", active, "demoted", demoted,
                "picks", 7L, "faults", 1L);
    }

    private static QueueInfo queue(long id, String driver, String device, Operation op, int inFlight) {
        return Stubs.of(QueueInfo.class, "id", id, "driver", driver, "device", device, "operation", op, "mode",
                QueueMode.SHARED, "completionMode", CompletionMode.values()[0], "inFlight", inFlight, "depth", 64,
                "throughput", 1.5e6, "isAvailable", true, "reservedBy", id == 2 ? 42L : -1L);
    }

    private static Device device(String name) {
        Set<Algorithm> algs = new LinkedHashSet<>(List.of(Algorithm.GZIP, Algorithm.ZLIB));
        return Stubs.of(Device.class, "name", name, "algorithms", algs, "numaNode", 0, "instances", 64,
                "availableInstances", 60, "health", DeviceHealth.ONLINE, "attributes", Map.of("emulated", "true"));
    }

    private static Driver driver(String name, CalcType type, int priority, List<Device> devices) {
        return Stubs.of(Driver.class, "name", name, "calcType", type, "priority", priority, "devices", devices,
                "scatterGather", false);
    }

    private static DriverUsage driverUsage(String name, boolean present) {
        return Stubs.of(DriverUsage.class, "driver", name, "calcType", CalcType.HW, "present", present, "requests", 10L,
                "failed", 1L, "bytesIn", 1000L, "bytesOut", 500L, "inFlight", 2, "throughput", 3.0e6, "faults", 0L,
                "busyNanos", 5L);
    }

    @Test
    void writesEverySectionFromThePublicServices() {
        QueueInfo q1 = queue(1, "soft", "soft-0", Operation.COMPRESS, 3);
        QueueInfo q2 = queue(2, "soft", "soft-0", Operation.DECOMPRESS, 0);
        QueueView view = Stubs.of(QueueView.class, "size", 2, "get", (Function<Object[], Object>) a -> (int) a[0] == 0 ? q1 : q2);
        Platform platform = Stubs.of(Platform.class, "queues", view,
                "schedulers", List.of(policy("rr", 11, true, false), policy("priority", 0, false, false),
                        policy("bad \"one\"", 5, false, true)),
                "builtinPicks", 3L, "capacityWaits", 4L, "models", List.of(isalModel(), hisiModel()),
                "crossovers", List.of("gzip compress fast sync: isal/cpu0 up to 16 KiB, hisi_zip/hisi_zip-0 above"),
                "queueCount", (Function<Object[], Object>) a -> {
                    if (a[1].equals("gone-0")) {
                        throw new WdException(WdStatus.INVALID_ARGUMENT, "unknown device");
                    }
                    return a[2] == QueueMode.SHARED ? 2 : 0;
                });
        Counts total = Stubs.of(Counts.class, "requests", 100L, "bytesIn", 4096L, "bytesOut", 1024L);
        ConsumerUsage consumer = Stubs.of(ConsumerUsage.class, "name", "com.example.app", "version", "1.0.0",
                "bundleId", 42L, "total", total, "hardwareShare", 0.25, "errors", Map.of(WdStatus.CORRUPT_INPUT, 2L),
                "queuedNanos", 1L, "serviceNanos", 2L, "hardwareBusyNanos", 3L, "cpuNanos", 4L, "reservedQueues", 1);
        QueueUsage qu = Stubs.of(QueueUsage.class, "id", 1L, "requests", 9L, "failed", 0L, "faults", 0L);
        DeviceUsage wrong = Stubs.of(DeviceUsage.class, "driver", "soft", "device", "soft-0", "wrongOutputs", 3L);
        UsageStats stats = Stubs.of(UsageStats.class, "consumers", List.of(consumer), "queues", List.of(qu),
                "drivers", List.of(driverUsage("soft", true), driverUsage("hisi_zip", false)),
                "devices", List.of(wrong), "since", Instant.ofEpochMilli(1234),
                "streamContinuity", Stubs.of(StreamContinuityUsage.class, "moves", 5L, "keptInput", 65536L,
                        "keptInputLimit", 268435456L, "keptInputRefusals", 2L));
        Driver soft = driver("soft", CalcType.SOFT, 0, List.of(device("soft-0"), device("gone-0")));

        String text = new StatusJson(platform, stats, List.of(soft))
                .write(new StatusJson.ConsoleInfo("0.1.0", 1000, true), 99L);
        Map<String, Object> j = MiniJson.object(text);

        assertEquals(Map.of("version", "0.1.0", "refreshMs", 1000.0, "changesEnabled", true), j.get("console"));
        assertEquals(99.0, j.get("time"));
        assertEquals(1234.0, j.get("since"));
        assertEquals("rr", j.get("activePolicy"));
        assertEquals(3.0, j.get("builtinPicks"));
        assertEquals(4.0, j.get("capacityWaits"));

        List<Map<String, Object>> policies = list(j, "policies");
        assertEquals(List.of("active", "standby", "demoted"), policies.stream().map(p -> p.get("state")).toList());
        assertEquals("bad \"one\"", policies.get(2).get("name"));

        List<Map<String, Object>> drivers = list(j, "drivers");
        assertEquals("soft", drivers.get(0).get("name"));
        assertEquals("SOFT", drivers.get(0).get("type"));
        assertEquals(2.0, drivers.get(0).get("queues"));
        assertEquals(10.0, drivers.get(0).get("requests"));
        assertEquals("hisi_zip", drivers.get(1).get("name"), "a driver gone keeps its counters");
        assertEquals(false, drivers.get(1).get("present"));
        assertNull(drivers.get(1).get("priority"));

        List<Map<String, Object>> devices = list(j, "devices");
        assertEquals(List.of("gzip", "zlib"), devices.get(0).get("algorithms"));
        assertEquals(Map.of("shared", 2.0, "sync", 0.0, "async", 0.0), devices.get(0).get("queueCounts"));
        assertEquals(Map.of("emulated", "true"), devices.get(0).get("attributes"));
        assertEquals(2.0, devices.get(0).get("queues"));
        assertEquals(3.0, devices.get(0).get("wrongOutputs"), "compress-and-verify's count of the device");
        assertEquals(0.0, devices.get(1).get("wrongOutputs"), "a device without counters has none");
        assertNull(((Map<?, ?>) devices.get(1).get("queueCounts")).get("shared"), "a failing count is null, not an error");
        assertEquals(Map.of("moves", 5.0, "keptInput", 65536.0, "keptInputLimit", 268435456.0,
                "keptInputRefusals", 2.0), j.get("streamContinuity"), "streams moved, kept input and its limit, refusals");

        List<Map<String, Object>> queues = list(j, "queues");
        assertEquals("compress", queues.get(0).get("direction"));
        assertEquals("shared", queues.get(0).get("mode"));
        assertEquals(3.0, queues.get(0).get("inFlight"));
        assertEquals(9.0, queues.get(0).get("requests"));
        assertEquals(0.0, queues.get(1).get("requests"), "no usage yet for queue 2");
        assertEquals(true, queues.get(1).get("reserved"));

        Map<String, Object> c = list(j, "consumers").get(0);
        assertEquals("com.example.app", c.get("name"));
        assertEquals(100.0, c.get("requests"));
        assertEquals(2.0, c.get("errors"));
        assertEquals(0.25, c.get("hardwareShare"));

        List<Map<String, Object>> models = list(j, "models");
        assertEquals(List.of("isal", "hisi_zip"), models.stream().map(m -> m.get("driver")).toList());
        assertEquals(5000.0, models.get(0).get("lastCalibration"));
        assertNull(models.get(1).get("lastCalibration"), "never calibrated");
        assertEquals("self-test: wrong output", models.get(1).get("refused"));
        List<Map<String, Object>> estimates = list(models.get(0), "estimates");
        assertEquals(1, estimates.size(), "only what the engine has learned something of");
        Map<String, Object> e = estimates.get(0);
        assertEquals("gzip compress, fast (levels 1-3)", e.get("kind"));
        assertEquals("4 KiB", e.get("size"));
        assertEquals(4096.0, e.get("bytes"));
        assertEquals(8.0, e.get("predictedUs"));
        assertEquals(512.0, e.get("mbPerSecond"));
        assertEquals(12.0, e.get("samples"));
        assertEquals(0.5, e.get("confidence"));
        assertEquals(-1.0, list(models.get(1), "estimates").get(0).get("predictedUs"), "still learning");
        assertEquals(List.of("gzip compress fast sync: isal/cpu0 up to 16 KiB, hisi_zip/hisi_zip-0 above"),
                j.get("crossovers"));
    }

    /** An engine that knows 4 KiB gzip compressions at level 1-3: 8 µs, 12 samples. */
    private static ModelInfo isalModel() {
        return model("isal", "cpu0", false, 5000L, null, 8_000L);
    }

    /** An engine still learning 4 KiB gzip compressions (2 samples), refused by its self-test. */
    private static ModelInfo hisiModel() {
        return model("hisi_zip", "hisi_zip-0", true, 0L, "self-test: wrong output", -1L);
    }

    private static ModelInfo model(String driver, String device, boolean hardware, long calibrated, String refused,
            long nanos) {
        Function<Object[], Object> known = a -> a[0] == Operation.COMPRESS && a[1] == Algorithm.GZIP && (int) a[2] <= 3
                && (long) a[3] == 4096;
        return Stubs.of(ModelInfo.class, "driver", driver, "device", device, "hardware", hardware,
                "lastCalibrationMillis", calibrated, "refused", refused,
                "samples", (Function<Object[], Object>) a -> (boolean) known.apply(a) ? (nanos < 0 ? 2L : 12L) : 0L,
                "predictNanos", (Function<Object[], Object>) a -> (boolean) known.apply(a) ? nanos : -1L,
                "confidence", (Function<Object[], Object>) a -> (boolean) known.apply(a) ? 0.5 : 0.0);
    }

    @Test
    void noPolicyActiveIsNull() {
        QueueView empty = Stubs.of(QueueView.class, "size", 0);
        Platform platform = Stubs.of(Platform.class, "queues", empty, "schedulers", List.of(), "builtinPicks", 0L,
                "capacityWaits", 0L, "models", List.of(), "crossovers", List.of());
        UsageStats stats = Stubs.of(UsageStats.class, "consumers", List.of(), "queues", List.of(), "drivers", List.of(),
                "devices", List.of(), "since", Instant.EPOCH, "streamContinuity", Stubs.of(StreamContinuityUsage.class,
                        "moves", 0L, "keptInput", 0L, "keptInputLimit", 0L, "keptInputRefusals", 0L));
        Map<String, Object> j = MiniJson.object(new StatusJson(platform, stats, List.of())
                .write(new StatusJson.ConsoleInfo("x", 500, false), 0));
        assertNull(j.get("activePolicy"));
        assertEquals(List.of(), j.get("drivers"));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> j, String key) {
        return (List<Map<String, Object>>) j.get(key);
    }
}
