package io.warpdrive.webconsole;

import io.warpdrive.admin.ModelEstimate;
import io.warpdrive.admin.ModelInfo;
import io.warpdrive.admin.Platform;
import io.warpdrive.admin.SchedulerInfo;
import io.warpdrive.comp.Algorithm;
import io.warpdrive.lib.Device;
import io.warpdrive.lib.Driver;
import io.warpdrive.lib.QueueMode;
import io.warpdrive.sched.QueueInfo;
import io.warpdrive.sched.QueueView;
import io.warpdrive.stats.ConsumerUsage;
import io.warpdrive.stats.DeviceUsage;
import io.warpdrive.stats.DriverUsage;
import io.warpdrive.stats.QueueUsage;
import io.warpdrive.stats.StreamContinuityUsage;
import io.warpdrive.stats.UsageStats;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the platform runs and how it is used, as one JSON document for the page: drivers,
 * devices, queues (with their state), scheduling policies, per-consumer usage and the
 * engines' performance models. Read from the core's public services only, as the shell's
 * {@code drivers}, {@code devices}, {@code queues}, {@code sched}, {@code stats} and
 * {@code models} commands read them.
 */
final class StatusJson {

    /** What the page needs to know about the console itself. */
    record ConsoleInfo(String version, long refreshMillis, boolean changesEnabled) {
    }

    private final Platform platform;
    private final UsageStats stats;
    private final List<Driver> drivers;

    StatusJson(Platform platform, UsageStats stats, List<Driver> drivers) {
        this.platform = platform;
        this.stats = stats;
        List<Driver> sorted = new ArrayList<>(drivers);
        sorted.sort(Comparator.comparingInt(Driver::priority).reversed().thenComparing(Driver::name));
        this.drivers = sorted;
    }

    String write(ConsoleInfo console, long nowMillis) {
        QueueView view = platform.queues();
        JsonWriter w = new JsonWriter(new StringBuilder(4096));
        w.beginObject();
        w.name("console").beginObject().member("version", console.version())
                .member("refreshMs", console.refreshMillis()).member("changesEnabled", console.changesEnabled())
                .endObject();
        w.member("time", nowMillis);
        w.member("since", stats.since().toEpochMilli());
        policies(w);
        drivers(w, view);
        devices(w, view);
        streamContinuity(w);
        queues(w, view);
        consumers(w);
        models(w);
        w.endObject();
        return w.toString();
    }

    private void policies(JsonWriter w) {
        List<SchedulerInfo> list = platform.schedulers();
        String active = null;
        w.name("policies").beginArray();
        for (SchedulerInfo s : list) {
            if (s.active()) {
                active = s.name();
            }
            w.beginObject().member("name", s.name()).member("ranking", s.ranking())
                    .member("state", s.active() ? "active" : s.demoted() ? "demoted" : "standby")
                    .member("picks", s.picks()).member("faults", s.faults()).endObject();
        }
        w.endArray();
        // null: no policy serves requests, the built-in pick does.
        w.member("activePolicy", active);
        w.member("builtinPicks", platform.builtinPicks());
        w.member("capacityWaits", platform.capacityWaits());
    }

    /** Streams moved to another engine, and the compressed input decompression streams keep to resume. */
    private void streamContinuity(JsonWriter w) {
        StreamContinuityUsage s = stats.streamContinuity();
        w.name("streamContinuity").beginObject().member("moves", s.moves()).member("keptInput", s.keptInput())
                .member("keptInputLimit", s.keptInputLimit()).member("keptInputRefusals", s.keptInputRefusals())
                .endObject();
    }

    private void drivers(JsonWriter w, QueueView view) {
        Map<String, DriverUsage> usage = new LinkedHashMap<>();
        for (DriverUsage u : stats.drivers()) {
            usage.put(u.driver(), u);
        }
        w.name("drivers").beginArray();
        for (Driver d : drivers) {
            w.beginObject().member("name", d.name()).member("type", d.calcType().name())
                    .member("priority", d.priority()).member("present", true)
                    .member("unavailable", d.unavailableReason())
                    .member("devices", d.devices().size()).member("queues", countQueues(view, d.name(), null))
                    .member("scatterGather", d.scatterGather());
            load(w, usage.remove(d.name()));
            w.endObject();
        }
        // Drivers seen since the last reset that are gone now keep their counters.
        for (DriverUsage u : usage.values()) {
            w.beginObject().member("name", u.driver())
                    .member("type", u.calcType() == null ? null : u.calcType().name()).name("priority").nullValue()
                    .member("present", false).member("devices", 0).member("queues", 0);
            load(w, u);
            w.endObject();
        }
        w.endArray();
    }

    private static void load(JsonWriter w, DriverUsage u) {
        if (u == null) {
            w.member("requests", 0).member("failed", 0).member("bytesIn", 0).member("bytesOut", 0)
                    .member("inFlight", 0).member("throughput", 0).member("faults", 0).member("busyNs", 0);
            return;
        }
        w.member("requests", u.requests()).member("failed", u.failed()).member("bytesIn", u.bytesIn())
                .member("bytesOut", u.bytesOut()).member("inFlight", u.inFlight()).member("throughput", u.throughput())
                .member("faults", u.faults()).member("busyNs", u.busyNanos());
    }

    private void devices(JsonWriter w, QueueView view) {
        Map<String, DeviceUsage> usage = new HashMap<>();
        for (DeviceUsage u : stats.devices()) {
            usage.put(u.driver() + "/" + u.device(), u);
        }
        w.name("devices").beginArray();
        for (Driver d : drivers) {
            for (Device dev : d.devices()) {
                DeviceUsage u = usage.get(d.name() + "/" + dev.name());
                w.beginObject().member("name", dev.name()).member("driver", d.name())
                        .member("health", dev.health().name()).member("freeInstances", dev.availableInstances())
                        .member("instances", dev.instances()).member("numaNode", dev.numaNode());
                w.name("algorithms").beginArray();
                for (Algorithm a : dev.algorithms()) {
                    w.value(a.uadkName());
                }
                w.endArray();
                w.name("attributes").stringMap(new TreeMap<>(dev.attributes()));
                w.member("queues", countQueues(view, d.name(), dev.name()));
                w.member("wrongOutputs", u == null ? 0 : u.wrongOutputs());
                // The configured counts per direction, by mode: what "wd:queues" sets.
                w.name("queueCounts").beginObject();
                for (QueueMode m : QueueMode.values()) {
                    w.name(m.name().toLowerCase(Locale.ROOT));
                    try {
                        w.value(platform.queueCount(d.name(), dev.name(), m));
                    } catch (RuntimeException e) {
                        w.nullValue(); // the device went away meanwhile
                    }
                }
                w.endObject();
                w.endObject();
            }
        }
        w.endArray();
    }

    private void queues(JsonWriter w, QueueView view) {
        Map<Long, QueueUsage> usage = new HashMap<>();
        for (QueueUsage u : stats.queues()) {
            usage.put(u.id(), u);
        }
        w.name("queues").beginArray();
        for (int i = 0; i < view.size(); i++) {
            QueueInfo q = view.get(i);
            QueueUsage u = usage.get(q.id());
            w.beginObject().member("id", q.id()).member("driver", q.driver()).member("device", q.device())
                    .member("direction", q.operation().name().toLowerCase(Locale.ROOT))
                    .member("mode", q.mode().name().toLowerCase(Locale.ROOT))
                    .member("completion", q.completionMode().name().toLowerCase(Locale.ROOT))
                    .member("inFlight", q.inFlight()).member("depth", q.depth()).member("throughput", q.throughput())
                    .member("available", q.isAvailable()).member("reserved", q.reservedBy() >= 0)
                    .member("requests", u == null ? 0 : u.requests()).member("failed", u == null ? 0 : u.failed())
                    .member("faults", u == null ? 0 : u.faults()).endObject();
        }
        w.endArray();
    }

    private void consumers(JsonWriter w) {
        List<ConsumerUsage> list = new ArrayList<>(stats.consumers());
        list.sort(Comparator.comparingLong((ConsumerUsage c) -> c.total().requests()).reversed()
                .thenComparing(ConsumerUsage::name));
        w.name("consumers").beginArray();
        for (ConsumerUsage c : list) {
            long errors = 0;
            for (long n : c.errors().values()) {
                errors += n;
            }
            w.beginObject().member("name", c.name()).member("version", c.version()).member("bundleId", c.bundleId())
                    .member("requests", c.total().requests()).member("bytesIn", c.total().bytesIn())
                    .member("bytesOut", c.total().bytesOut()).member("hardwareShare", c.hardwareShare())
                    .member("errors", errors).member("queuedNs", c.queuedNanos()).member("serviceNs", c.serviceNanos())
                    .member("hardwareBusyNs", c.hardwareBusyNanos()).member("cpuNs", c.cpuNanos())
                    .member("reservedQueues", c.reservedQueues()).endObject();
        }
        w.endArray();
    }

    /** The performance models and crossovers, named as {@code wd:models} names them. */
    private void models(JsonWriter w) {
        w.name("models").beginArray();
        for (ModelInfo m : platform.models()) {
            long calibrated = m.lastCalibrationMillis();
            w.beginObject().member("driver", m.driver()).member("device", m.device()).member("hardware", m.hardware())
                    .member("refused", m.refused()).name("lastCalibration");
            if (calibrated == 0) {
                w.nullValue();
            } else {
                w.value(calibrated);
            }
            w.name("estimates").beginArray();
            for (ModelEstimate e : m.estimates()) {
                w.beginObject().member("kind", e.kind()).member("size", e.size()).member("bytes", e.bytes())
                        .member("predictedUs", e.micros()).member("mbPerSecond", e.megabytesPerSecond())
                        .member("samples", e.samples()).member("confidence", e.confidence()).endObject();
            }
            w.endArray();
            w.endObject();
        }
        w.endArray();
        w.name("crossovers").beginArray();
        for (String c : platform.crossovers()) {
            w.value(c);
        }
        w.endArray();
    }

    /** Open queues of a driver (and device, when given), both directions. */
    private static int countQueues(QueueView view, String driver, String device) {
        int n = 0;
        for (int i = 0; i < view.size(); i++) {
            QueueInfo q = view.get(i);
            if (q.driver().equals(driver) && (device == null || q.device().equals(device))) {
                n++;
            }
        }
        return n;
    }
}
