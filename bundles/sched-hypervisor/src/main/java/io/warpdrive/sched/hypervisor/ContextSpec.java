package io.warpdrive.sched.hypervisor;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * One context's configuration, checked. Sizes are queues per direction; {@code max} 0 means
 * no bound, {@code queues} 0 an equal share.
 *
 * @param consumers symbolic-name patterns ({@code *} matches any run of characters)
 * @param tags context tags of sessions
 * @param policy the name of the resize strategy it selected, in upper case
 * @param tagResizes the resize applied when a request with a hypervisor tag completes
 * @param applyAfterNanos time to apply: a resize takes effect this long after it was decided (0: at once)
 * @param applyAfterBytes or once the context completed this many more input bytes (0: not by work)
 * @param queueMaxIdleNanos maximum idle times of its queues by driver ({@code hisi_zip}) or
 *        device ({@code hisi_zip/hisi_zip-0}), over {@code maxIdleNanos}
 * @param minBytesPerSecond completed input bytes per second below which, with work pending, the
 *        engine pushes a slow event (0: not watched)
 */
record ContextSpec(String name, List<String> consumers, List<String> tags, int queues, int min, int max,
        String policy, long maxIdleNanos, long work, boolean useRemainder, long resizeIntervalNanos,
        Map<Integer, SizeChange> tagResizes, Map<String, Long> queueMaxIdleNanos, long applyAfterNanos,
        long applyAfterBytes, long minBytesPerSecond) {

    ContextSpec {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a context needs a name");
        }
        if (queues < 0 || min < 0 || max < 0) {
            throw new IllegalArgumentException("queues, min.queues and max.queues must not be negative");
        }
        if (max > 0 && min > max) {
            throw new IllegalArgumentException("min.queues " + min + " is above max.queues " + max);
        }
        if (max > 0 && queues > max) {
            throw new IllegalArgumentException("queues " + queues + " is above max.queues " + max);
        }
        if (work < 0 || maxIdleNanos < 0 || resizeIntervalNanos < 0) {
            throw new IllegalArgumentException("work, max.idle.ms and resize.interval.ms must not be negative");
        }
        if (applyAfterNanos < 0 || applyAfterBytes < 0 || minBytesPerSecond < 0) {
            throw new IllegalArgumentException("apply.after.ms, apply.after.bytes and min.throughput.bytes.per.s must "
                    + "not be negative");
        }
        if (consumers.isEmpty() && tags.isEmpty()) {
            throw new IllegalArgumentException("context " + name + " names no consumers and no tags: nothing would run in it");
        }
        policy = Strategies.normalize(policy);
        consumers = List.copyOf(consumers);
        tags = List.copyOf(tags);
        tagResizes = Map.copyOf(tagResizes);
        queueMaxIdleNanos = Map.copyOf(queueMaxIdleNanos);
    }

    /** The upper bound, or {@code Integer.MAX_VALUE} when there is none. */
    int upper() {
        return max == 0 ? Integer.MAX_VALUE : max;
    }

    int clamp(int size) {
        return Math.max(min, Math.min(upper(), size));
    }

    /** The maximum idle time of a queue of the context: its device's, else its driver's, else the context's. */
    long maxIdleNanos(String driver, String device) {
        Long t = queueMaxIdleNanos.get(driver + "/" + device);
        if (t == null) {
            t = queueMaxIdleNanos.get(driver);
        }
        return t == null ? maxIdleNanos : t;
    }

    /** The shortest of its maximum idle times: the context's work idle this long is pushed by the engine. */
    long shortestMaxIdleNanos() {
        long t = maxIdleNanos;
        for (long q : queueMaxIdleNanos.values()) {
            t = Math.min(t, q);
        }
        return t;
    }

    /** True when a resize takes effect as soon as it is decided. */
    boolean appliesAtOnce() {
        return applyAfterNanos == 0 && applyAfterBytes == 0;
    }

    /** True when the change needs the plan to start again from the configured sizes. */
    boolean sizesDiffer(ContextSpec o) {
        return queues != o.queues || min != o.min || max != o.max;
    }

    static ContextSpec from(ContextConfig c, String defaultName) {
        String name = c.name().isBlank() ? defaultName : c.name().trim();
        Map<Integer, SizeChange> resizes = new TreeMap<>();
        for (String entry : clean(c.resize_tags())) {
            if (entry == null || entry.isBlank()) {
                continue;
            }
            int eq = entry.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("resize.tags entry '" + entry + "' is not TAG=SIZE");
            }
            int tag;
            try {
                tag = Integer.parseInt(entry.substring(0, eq).trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("resize.tags entry '" + entry + "': the tag is not a number");
            }
            if (tag == 0) {
                throw new IllegalArgumentException("resize.tags entry '" + entry + "': tag 0 means no tag");
            }
            resizes.put(tag, SizeChange.parse(entry.substring(eq + 1)));
        }
        Map<String, Long> idle = new TreeMap<>();
        for (String entry : clean(c.queue_max_idle_ms())) {
            int eq = entry.lastIndexOf('=');
            long ms;
            try {
                ms = eq <= 0 ? -1 : Long.parseLong(entry.substring(eq + 1).trim());
            } catch (NumberFormatException e) {
                ms = -1;
            }
            if (ms < 0) {
                throw new IllegalArgumentException("queue.max.idle.ms entry '" + entry + "' is not DRIVER=MS or "
                        + "DRIVER/DEVICE=MS");
            }
            idle.put(entry.substring(0, eq).trim(), TimeUnit.MILLISECONDS.toNanos(ms));
        }
        return new ContextSpec(name, clean(c.consumers()), clean(c.tags()), c.queues(), c.min_queues(),
                c.max_queues(), c.resize_policy(), TimeUnit.MILLISECONDS.toNanos(c.max_idle_ms()),
                c.work() > 0 ? c.work() : c.work_bytes(), c.use_remainder(), TimeUnit.MILLISECONDS.toNanos(c.resize_interval_ms()), resizes,
                idle, TimeUnit.MILLISECONDS.toNanos(c.apply_after_ms()), c.apply_after_bytes(),
                c.min_throughput_bytes_per_s());
    }

    /** The values, each also split at commas (a file gives {@code a,b} as one value). */
    private static List<String> clean(String[] values) {
        return Arrays.stream(values == null ? new String[0] : values).filter(v -> v != null)
                .flatMap(v -> Arrays.stream(v.split(","))).map(String::trim).filter(v -> !v.isEmpty()).toList();
    }
}
