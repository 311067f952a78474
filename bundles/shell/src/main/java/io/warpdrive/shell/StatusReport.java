package io.warpdrive.shell;

import io.warpdrive.admin.Platform;
import io.warpdrive.admin.SchedulerInfo;
import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.WindowSize;
import io.warpdrive.lib.Capability;
import io.warpdrive.lib.Device;
import io.warpdrive.lib.Driver;
import io.warpdrive.lib.DriverInfo;
import io.warpdrive.sched.QueueInfo;
import io.warpdrive.sched.QueueView;
import io.warpdrive.stats.DeviceUsage;
import io.warpdrive.stats.UsageStats;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/** What the platform runs, as tables: drivers, devices, queues, scheduling policies, a summary. */
final class StatusReport {
    private final Platform platform;
    private final List<Driver> drivers;

    StatusReport(Platform platform, List<Driver> drivers) {
        this.platform = platform;
        List<Driver> sorted = new ArrayList<>(drivers);
        sorted.sort(Comparator.comparingInt(Driver::priority).reversed().thenComparing(Driver::name));
        this.drivers = sorted;
    }

    void drivers(PrintStream out) {
        TextTable t = new TextTable("DRIVER", "TYPE", "PRIORITY", "DEVICES", "QUEUES", "SCATTER-GATHER", "MEMORY");
        QueueView view = platform.queues();
        for (Driver d : drivers) {
            t.row(d.name(), d.calcType(), d.priority(), d.devices().size(), queuesOf(view, d.name()),
                    d.scatterGather() ? "yes" : "bounced", d.directMemoryOnly() ? "direct" : "heap or direct");
        }
        if (t.isEmpty()) {
            out.println("no driver present");
        } else {
            t.print(out);
            out.println();
            capabilities(out);
        }
        unavailable(out);
    }

    /** Each driver's capability matrix: per algorithm, what it serves each way and its device request limit. */
    private void capabilities(PrintStream out) {
        TextTable t = new TextTable("DRIVER", "ALGORITHM", "COMPRESS", "DECOMPRESS", "PER DEVICE REQUEST");
        for (Driver d : drivers) {
            DriverInfo info;
            try {
                info = d.info();
            } catch (RuntimeException e) {
                continue;
            }
            for (Algorithm a : Algorithm.values()) {
                Capability c = row(info, a, Operation.COMPRESS);
                Capability x = row(info, a, Operation.DECOMPRESS);
                if (c == null && x == null) {
                    continue;
                }
                long limit = Math.max(c == null ? 0 : c.deviceRequestBytes(), x == null ? 0 : x.deviceRequestBytes());
                t.row(d.name(), a.uadkName(), modes(c), modes(x), limit == 0 ? "-" : Sizes.human(limit));
            }
        }
        t.print(out);
    }

    private static Capability row(DriverInfo info, Algorithm a, Operation op) {
        for (Capability c : info.capabilities()) {
            if (c.algorithm() == a && c.operation() == op && (c.stateless() || c.stream())) {
                return c;
            }
        }
        return null;
    }

    private static String modes(Capability c) {
        if (c == null) {
            return "-";
        }
        return c.stateless() && c.stream() ? "stateless, stream" : c.stateless() ? "stateless" : "stream";
    }

    /** One line per driver that is present but cannot serve, with its reason. */
    private void unavailable(PrintStream out) {
        for (Driver d : drivers) {
            String reason = d.unavailableReason();
            if (reason != null) {
                out.println(d.name() + ": unavailable: " + reason);
            }
        }
    }

    /** The devices, with the wrong outputs compress-and-verify caught on each ({@code stats} counts them). */
    void devices(PrintStream out, UsageStats stats) {
        Map<String, Long> wrongOutputs = new TreeMap<>();
        for (DeviceUsage u : stats.devices()) {
            wrongOutputs.put(u.driver() + "/" + u.device(), u.wrongOutputs());
        }
        TextTable t = new TextTable("DEVICE", "DRIVER", "HEALTH", "WRONG-OUTPUTS", "FREE/INSTANCES", "NUMA", "ALGORITHMS",
                "ATTRIBUTES");
        for (Driver d : drivers) {
            for (Device dev : d.devices()) {
                StringJoiner algs = new StringJoiner(",");
                for (Algorithm a : dev.algorithms()) {
                    boolean c = dev.serves(a, Operation.COMPRESS, WindowSize.W32K);
                    boolean x = dev.serves(a, Operation.DECOMPRESS, WindowSize.W32K);
                    algs.add(a.uadkName() + (c == x ? "" : c ? "(compress)" : "(decompress)"));
                }
                StringJoiner attrs = new StringJoiner(" ");
                for (Map.Entry<String, String> e : new TreeMap<>(dev.attributes()).entrySet()) {
                    attrs.add(e.getKey() + "=" + e.getValue());
                }
                t.row(dev.name(), d.name(), dev.health(), wrongOutputs.getOrDefault(d.name() + "/" + dev.name(), 0L),
                        dev.availableInstances() + "/" + dev.instances(),
                        dev.numaNode(), algs, attrs.length() == 0 ? "-" : attrs);
            }
        }
        if (t.isEmpty()) {
            out.println("no device present");
        } else {
            t.print(out);
        }
        unavailable(out);
        for (io.warpdrive.admin.ModelInfo m : platform.models()) {
            if (m.refused() != null) {
                out.println(m.device() + " (" + m.driver() + "): gets no traffic: " + m.refused());
            }
        }
    }

    void queues(PrintStream out) {
        QueueView view = platform.queues();
        TextTable t = new TextTable("QUEUE", "DRIVER", "DEVICE", "DIRECTION", "MODE", "IN-FLIGHT/DEPTH", "THROUGHPUT",
                "AVAILABLE");
        for (int i = 0; i < view.size(); i++) {
            QueueInfo q = view.get(i);
            t.row("#" + q.id(), q.driver(), q.device(), q.operation().name().toLowerCase(), q.mode(),
                    q.inFlight() + "/" + q.depth(), Sizes.rate(q.throughput()), q.isAvailable() ? "yes" : "no");
        }
        if (t.isEmpty()) {
            out.println("no queue open");
        } else {
            t.print(out);
        }
    }

    void schedulers(PrintStream out) {
        List<SchedulerInfo> list = platform.schedulers();
        if (list.isEmpty()) {
            out.println("no scheduling policy present: the built-in pick serves every request");
        } else {
            TextTable t = new TextTable("POLICY", "RANKING", "STATE", "PICKS", "FAULTS");
            for (SchedulerInfo s : list) {
                t.row(s.name(), s.ranking(), s.active() ? "active" : s.demoted() ? "demoted" : "standby", s.picks(),
                        s.faults());
            }
            t.print(out);
        }
        out.println("built-in picks: " + platform.builtinPicks());
    }

    void summary(PrintStream out, String version) {
        out.println("WarpDrive " + version);
        if (drivers.isEmpty()) {
            out.println("drivers:   none (requests fail with NO_DRIVER until a driver bundle starts)");
        }
        QueueView view = platform.queues();
        for (Driver d : drivers) {
            int devices = d.devices().size();
            String reason = d.unavailableReason();
            out.printf("driver:    %-10s %-5s priority %-4d %s%n", d.name(), d.calcType(), d.priority(),
                    reason != null ? "unavailable: " + reason
                            : devices + " device" + (devices == 1 ? "" : "s") + ", " + queueSplit(view, d.name()));
        }
        List<SchedulerInfo> policies = platform.schedulers();
        if (policies.isEmpty() || !policies.get(0).active()) {
            out.println("scheduler: built-in pick (no policy bundle active)");
        } else {
            SchedulerInfo active = policies.get(0);
            out.println("scheduler: " + active.name() + " (ranking " + active.ranking() + ")"
                    + (policies.size() > 1 ? ", " + (policies.size() - 1) + " more present" : ""));
        }
    }

    private static int queuesOf(QueueView view, String driver) {
        int n = 0;
        for (int i = 0; i < view.size(); i++) {
            if (view.get(i).driver().equals(driver)) {
                n++;
            }
        }
        return n;
    }

    private static String queueSplit(QueueView view, String driver) {
        int compress = 0;
        int decompress = 0;
        for (int i = 0; i < view.size(); i++) {
            QueueInfo q = view.get(i);
            if (q.driver().equals(driver)) {
                if (q.operation() == Operation.COMPRESS) {
                    compress++;
                } else {
                    decompress++;
                }
            }
        }
        return compress + " compress + " + decompress + " decompress queues";
    }
}
