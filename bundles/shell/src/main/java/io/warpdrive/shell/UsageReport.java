package io.warpdrive.shell;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.stats.ConsumerUsage;
import io.warpdrive.stats.Counts;
import io.warpdrive.stats.DriverUsage;
import io.warpdrive.stats.MovingAverages;
import io.warpdrive.stats.QueueUsage;
import io.warpdrive.stats.StreamContinuityUsage;
import io.warpdrive.stats.UsageStats;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The accounting as tables: consumers (sorted), one consumer in detail, drivers and queues. */
final class UsageReport {
    private final UsageStats stats;

    UsageReport(UsageStats stats) {
        this.stats = stats;
    }

    /** Sort keys of {@code wd:stats --sort}. */
    static Comparator<ConsumerUsage> order(String key) {
        switch (key.toLowerCase(Locale.ROOT)) {
            case "requests":
                return Comparator.comparingLong((ConsumerUsage c) -> c.total().requests()).reversed();
            case "bytes":
                return Comparator.comparingLong((ConsumerUsage c) -> c.total().bytesIn()).reversed();
            case "errors":
                return Comparator.comparingLong(UsageReport::errorCount).reversed();
            case "cpu":
                return Comparator.comparingLong(ConsumerUsage::cpuNanos).reversed();
            case "hw":
                return Comparator.comparingDouble(ConsumerUsage::hardwareShare).reversed();
            case "name":
                return Comparator.comparing(ConsumerUsage::name);
            default:
                throw new UsageException("--sort is requests, bytes, errors, cpu, hw or name, not '" + key + "'");
        }
    }

    void consumers(PrintStream out, Comparator<ConsumerUsage> order) {
        List<ConsumerUsage> list = new ArrayList<>(stats.consumers());
        list.sort(order);
        out.println("since " + stats.since() + " (" + ago(stats.since()) + ")");
        TextTable t = new TextTable("CONSUMER", "VERSION", "REQUESTS", "IN", "OUT", "HW SHARE", "ERRORS", "QUEUED",
                "SERVICE", "HW BUSY", "CPU", "RESERVED");
        for (ConsumerUsage c : list) {
            t.row(c.name(), c.version(), c.total().requests(), Sizes.human(c.total().bytesIn()),
                    Sizes.human(c.total().bytesOut()), percent(c.hardwareShare()), errorCount(c), ms(c.queuedNanos()),
                    ms(c.serviceNanos()), ms(c.hardwareBusyNanos()), ms(c.cpuNanos()), c.reservedQueues());
        }
        if (t.isEmpty()) {
            out.println("no consumer has used the platform");
        } else {
            t.print(out);
        }
    }

    /**
     * Platform-wide stream figures: moves to another engine, and the compressed input decompression
     * streams keep to resume against its limit.
     */
    void streams(PrintStream out) {
        StreamContinuityUsage s = stats.streamContinuity();
        out.printf("streams: %d moved to another engine; kept input %s of %s, refused %d time%s%n", s.moves(),
                Sizes.human(s.keptInput()), Sizes.human(s.keptInputLimit()), s.keptInputRefusals(),
                s.keptInputRefusals() == 1 ? "" : "s");
    }

    void consumer(PrintStream out, String name) {
        ConsumerUsage c = null;
        for (ConsumerUsage u : stats.consumers()) {
            if (u.name().equals(name)) {
                c = u;
            }
        }
        if (c == null) {
            throw new UsageException("no consumer named '" + name + "' (see wd:stats)");
        }
        out.printf("%s %s (bundle %d)%n", c.name(), c.version(), c.bundleId());
        TextTable t = new TextTable("ALGORITHM", "DIRECTION", "REQUESTS", "IN", "OUT", "RATIO");
        for (Algorithm a : Algorithm.values()) {
            for (Operation op : Operation.values()) {
                Counts k = c.of(a, op);
                if (k.requests() > 0) {
                    t.row(a.uadkName(), op.name().toLowerCase(Locale.ROOT), k.requests(), Sizes.human(k.bytesIn()),
                            Sizes.human(k.bytesOut()), k.bytesIn() == 0 ? "-"
                                    : String.format("%.3f", (double) k.bytesOut() / k.bytesIn()));
                }
            }
        }
        t.print(out);
        out.printf("served by hardware: %d (%s), by CPU: %d%n", c.hardwareRequests(), percent(c.hardwareShare()),
                c.cpuRequests());
        out.printf("time queued %s, in service %s, hardware busy %s, CPU %s; reserved queues %d%n", ms(c.queuedNanos()),
                ms(c.serviceNanos()), ms(c.hardwareBusyNanos()), ms(c.cpuNanos()), c.reservedQueues());
        out.printf("over 1/5/15 min: hardware busy %s instances (%s of all consumers'), CPU %s (%s)%n",
                averages(c.hardwareBusy()), shares(c.hardwareBusyShare()), averages(c.cpuTime()),
                shares(c.cpuTimeShare()));
        if (c.errors().isEmpty()) {
            out.println("errors: none");
        } else {
            StringBuilder b = new StringBuilder("errors:");
            for (Map.Entry<WdStatus, Long> e : c.errors().entrySet()) {
                b.append(' ').append(e.getKey()).append('=').append(e.getValue());
            }
            out.println(b);
        }
    }

    /**
     * One row per driver. BUSY is summed over its queues (queue time with work); an idle time summed
     * the same way would exceed the time that passed, so UTIL shows the share of its queues' open
     * time that had a job in flight instead.
     */
    void drivers(PrintStream out) {
        TextTable t = new TextTable("DRIVER", "TYPE", "REQUESTS", "FAILED", "IN", "OUT", "IN FLIGHT", "BUSY", "UTIL",
                "THROUGHPUT", "FAULTS");
        for (DriverUsage d : stats.drivers()) {
            long open = d.busyNanos() + d.idleNanos();
            t.row(d.driver() + (d.present() ? "" : " (gone)"), d.calcType() == null ? "-" : d.calcType(), d.requests(),
                    d.failed(), Sizes.human(d.bytesIn()), Sizes.human(d.bytesOut()), d.inFlight(), ms(d.busyNanos()),
                    open == 0 ? "-" : percent((double) d.busyNanos() / open), Sizes.rate(d.throughput()), d.faults());
        }
        t.print(out);
    }

    void queues(PrintStream out) {
        TextTable t = new TextTable("QUEUE", "DRIVER", "DEVICE", "DIRECTION", "MODE", "IN FLIGHT", "REQUESTS", "FAILED",
                "IN", "BUSY", "IDLE", "THROUGHPUT", "FAULTS");
        for (QueueUsage q : stats.queues()) {
            t.row("#" + q.id() + (q.reservedBy() >= 0 ? " (reserved)" : ""), q.driver(), q.device(),
                    q.operation().name().toLowerCase(Locale.ROOT), q.mode(), q.inFlight() + "/" + q.depth(),
                    q.requests(), q.failed(), Sizes.human(q.bytesIn()), ms(q.busyNanos()), ms(q.idleNanos()),
                    Sizes.rate(q.throughput()), q.faults());
        }
        t.print(out);
    }

    private static long errorCount(ConsumerUsage c) {
        long n = 0;
        for (long v : c.errors().values()) {
            n += v;
        }
        return n;
    }

    private static String averages(MovingAverages a) {
        return String.format(Locale.ROOT, "%.2f/%.2f/%.2f", a.oneMinute(), a.fiveMinutes(), a.fifteenMinutes());
    }

    private static String shares(MovingAverages a) {
        return percent(a.oneMinute()) + "/" + percent(a.fiveMinutes()) + "/" + percent(a.fifteenMinutes());
    }

    private static String percent(double share) {
        return String.format("%.0f%%", share * 100);
    }

    private static String ms(long nanos) {
        return nanos < 10_000_000L ? String.format("%.2f ms", nanos / 1e6) : String.format("%.1f s", nanos / 1e9);
    }

    private static String ago(Instant since) {
        Duration d = Duration.between(since, Instant.now());
        return d.toSeconds() < 120 ? d.toSeconds() + " s ago" : d.toMinutes() + " min ago";
    }
}
