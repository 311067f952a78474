package io.warpdrive.core.engine.config;

import io.warpdrive.core.engine.EngineConfig;
import io.warpdrive.core.engine.health.QuarantineRules;
import io.warpdrive.core.engine.health.VerifyShares;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.osgi.framework.Bundle;

/**
 * The engine's configuration, validated and converted once. Immutable: a configuration
 * change builds a new instance and swaps it in, so the request path reads plain fields.
 */
public final class Settings {
    /**
     * Where the launcher installs the bundles embedded in warpdrive.jar (the product's own): the
     * default system location. The installer chooses a bundle's location, never the bundle.
     */
    public static final String EMBEDDED_LOCATIONS = "warpdrive:bundles/*";

    /** How completions of asynchronous requests are delivered. */
    public enum CompletionDelivery {
        POLLER,
        CALLER
    }

    private final int queuesDefault;
    private final Map<String, Integer> queueCounts;
    /** Consumer symbolic name → queues per direction an administrator gives it ({@code consumer.queues}). */
    private final Map<String, Integer> consumerQueues;
    private final CompletionDelivery completion;
    private final long spinThresholdNanos;
    private final long waitTimeoutNanos;
    /** A HARDWARE_ONLY request without a session timeout waits for hardware without limit. */
    private final boolean hardwareOnlyWaitUnbounded;
    private final long jobTimeoutNanos;
    private final int retries;
    private final Pattern[] systemBundles;
    private final Pattern[] systemLocations;
    private final Pattern[] systemSigners;
    private final long schedulerBudgetNanos;
    private final int schedulerFaultLimit;
    /** Under AUTO, a driver may compress at its nearest level where it does not honour the one asked for. */
    private final boolean levelAcceptNearest;
    /** The scheduling policy chosen by name, or null: the highest ranking. */
    private final String schedulerPolicy;
    /** Most output of one request, in bytes. */
    private final long outputLimit;
    /** Most output of one stream over all its requests, in bytes; 0: no limit. */
    private final long streamOutputLimit;
    /** Most compressed input a decompression stream keeps to resume on another engine, in bytes; 0: none kept. */
    private final long streamResumeInputLimit;
    /** Most compressed input all decompression streams together keep to resume, in bytes. */
    private final long streamResumeTotalLimit;
    /** A compression stream's output beyond its caller's space is held by the platform, not its engine (it can move). */
    private final boolean streamHoldOutput;
    private final long pollerParkNanos;
    private final int reservationMaxQueues;
    private final long startupGraceNanos;
    /** Share of requests that may explore another engine, in percent. */
    private final double explorePercent;
    /** Pick by expected finish time (true), or by driver priority alone (an administrator's override). */
    private final boolean pickByFinishTime;
    /** Calibrate and self-test each device when its driver registers. */
    private final boolean calibrate;
    /** Compress-and-verify: the share of each hardware driver's compressions verified. */
    private final VerifyShares verifyShares;
    /** When a device is quarantined (device errors) and comes back (the probe, the flap limit). */
    private final QuarantineRules quarantineRules;

    public int queuesDefault() {
        return queuesDefault;
    }

    public CompletionDelivery completion() {
        return completion;
    }

    public long spinThresholdNanos() {
        return spinThresholdNanos;
    }

    public long waitTimeoutNanos() {
        return waitTimeoutNanos;
    }

    public boolean hardwareOnlyWaitUnbounded() {
        return hardwareOnlyWaitUnbounded;
    }

    public long jobTimeoutNanos() {
        return jobTimeoutNanos;
    }

    public int retries() {
        return retries;
    }

    public long schedulerBudgetNanos() {
        return schedulerBudgetNanos;
    }

    public int schedulerFaultLimit() {
        return schedulerFaultLimit;
    }

    public boolean levelAcceptNearest() {
        return levelAcceptNearest;
    }

    public String schedulerPolicy() {
        return schedulerPolicy;
    }

    public long outputLimit() {
        return outputLimit;
    }

    public long streamOutputLimit() {
        return streamOutputLimit;
    }

    /** Most compressed input a decompression stream keeps to resume on another engine, in bytes; 0: none kept. */
    public long streamResumeInputLimit() {
        return streamResumeInputLimit;
    }

    /** A compression stream's output beyond its caller's space is held by the platform, not its engine (it can move). */
    public long streamResumeTotalLimit() {
        return streamResumeTotalLimit;
    }

    public boolean streamHoldOutput() {
        return streamHoldOutput;
    }

    public long pollerParkNanos() {
        return pollerParkNanos;
    }

    public int reservationMaxQueues() {
        return reservationMaxQueues;
    }

    public long startupGraceNanos() {
        return startupGraceNanos;
    }

    public double explorePercent() {
        return explorePercent;
    }

    public boolean pickByFinishTime() {
        return pickByFinishTime;
    }

    public boolean calibrate() {
        return calibrate;
    }

    public VerifyShares verifyShares() {
        return verifyShares;
    }

    public QuarantineRules quarantineRules() {
        return quarantineRules;
    }

    /** A builder holding these settings, to derive changed ones. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.queuesDefault = queuesDefault;
        b.queueCounts.putAll(queueCounts);
        b.consumerQueues.putAll(consumerQueues);
        b.completion = completion;
        b.spinThresholdNanos = spinThresholdNanos;
        b.waitTimeoutNanos = waitTimeoutNanos;
        b.hardwareOnlyWaitUnbounded = hardwareOnlyWaitUnbounded;
        b.jobTimeoutNanos = jobTimeoutNanos;
        b.retries = retries;
        b.systemBundles = systemBundles;
        b.systemLocations = systemLocations;
        b.systemSigners = systemSigners;
        b.schedulerBudgetNanos = schedulerBudgetNanos;
        b.schedulerFaultLimit = schedulerFaultLimit;
        b.schedulerPolicy = schedulerPolicy;
        b.levelAcceptNearest = levelAcceptNearest;
        b.outputLimit = outputLimit;
        b.streamOutputLimit = streamOutputLimit;
        b.streamResumeInputLimit = streamResumeInputLimit;
        b.streamResumeTotalLimit = streamResumeTotalLimit;
        b.streamHoldOutput = streamHoldOutput;
        b.pollerParkNanos = pollerParkNanos;
        b.reservationMaxQueues = reservationMaxQueues;
        b.startupGraceNanos = startupGraceNanos;
        b.explorePercent = explorePercent;
        b.pickByFinishTime = pickByFinishTime;
        b.calibrate = calibrate;
        b.verifyShares = verifyShares;
        b.quarantineRules = quarantineRules;
        return b;
    }

    private Settings(Builder b) {
        this.queuesDefault = b.queuesDefault;
        this.queueCounts = Map.copyOf(b.queueCounts);
        this.consumerQueues = Map.copyOf(b.consumerQueues);
        this.completion = b.completion;
        this.spinThresholdNanos = b.spinThresholdNanos;
        this.waitTimeoutNanos = b.waitTimeoutNanos;
        this.hardwareOnlyWaitUnbounded = b.hardwareOnlyWaitUnbounded;
        this.jobTimeoutNanos = b.jobTimeoutNanos;
        this.retries = b.retries;
        this.systemBundles = b.systemBundles;
        this.systemLocations = b.systemLocations;
        this.systemSigners = b.systemSigners;
        this.schedulerBudgetNanos = b.schedulerBudgetNanos;
        this.schedulerFaultLimit = b.schedulerFaultLimit;
        this.levelAcceptNearest = b.levelAcceptNearest;
        this.schedulerPolicy = b.schedulerPolicy == null || b.schedulerPolicy.isBlank() ? null : b.schedulerPolicy.trim();
        this.outputLimit = b.outputLimit;
        this.streamOutputLimit = b.streamOutputLimit;
        this.streamResumeInputLimit = b.streamResumeInputLimit;
        this.streamResumeTotalLimit = b.streamResumeTotalLimit;
        this.streamHoldOutput = b.streamHoldOutput;
        this.pollerParkNanos = b.pollerParkNanos;
        this.reservationMaxQueues = b.reservationMaxQueues;
        this.startupGraceNanos = b.startupGraceNanos;
        this.explorePercent = b.explorePercent;
        this.pickByFinishTime = b.pickByFinishTime;
        this.calibrate = b.calibrate;
        this.verifyShares = b.verifyShares;
        this.quarantineRules = b.quarantineRules;
    }

    public static Settings defaults() {
        return new Builder().build();
    }

    /** @throws IllegalArgumentException with a message naming the bad value */
    public static Settings from(EngineConfig c) {
        Builder b = new Builder();
        b.queuesDefault(c.queues_default());
        for (String entries : c.queues()) {
            // A .cfg file gives a list as one comma-separated string.
            for (String entry : entries.split(",")) {
                if (!entry.isBlank()) {
                    b.queueCount(entry.trim());
                }
            }
        }
        for (String entries : c.consumer_queues()) {
            for (String entry : entries.split(",")) {
                if (!entry.isBlank()) {
                    b.consumerQueues(entry.trim());
                }
            }
        }
        b.completion(c.completion());
        b.spinThresholdNanos = TimeUnit.MICROSECONDS.toNanos(nonNegative("spin.threshold.us", c.spin_threshold_us()));
        b.waitTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(nonNegative("wait.timeout.ms", c.wait_timeout_ms()));
        b.hardwareOnlyWaitUnbounded = c.hardware_only_wait_unbounded();
        b.jobTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(positive("job.timeout.ms", c.job_timeout_ms()));
        b.retries = (int) nonNegative("retries", c.retries());
        b.systemBundles(c.system_bundles());
        b.systemLocations(c.system_locations());
        b.systemSigners(c.system_signers());
        b.schedulerBudgetNanos = TimeUnit.MICROSECONDS.toNanos(positive("scheduler.budget.us", c.scheduler_budget_us()));
        b.schedulerFaultLimit = (int) positive("scheduler.fault.limit", c.scheduler_fault_limit());
        b.schedulerPolicy = c.scheduler_policy();
        b.levelAcceptNearest = c.level_accept_nearest();
        b.outputLimit = megabytes("output.limit.mb", positive("output.limit.mb", c.output_limit_mb()));
        b.streamOutputLimit = megabytes("stream.output.limit.mb",
                nonNegative("stream.output.limit.mb", c.stream_output_limit_mb()));
        b.streamResumeInputLimit = megabytes("stream.resume.input.mb",
                nonNegative("stream.resume.input.mb", c.stream_resume_input_mb()));
        b.streamResumeTotalLimit = megabytes("stream.resume.total.mb",
                nonNegative("stream.resume.total.mb", c.stream_resume_total_mb()));
        b.streamHoldOutput = c.stream_hold_output();
        b.pollerParkNanos = TimeUnit.MICROSECONDS.toNanos(positive("poller.park.us", c.poller_park_us()));
        b.reservationMaxQueues = (int) nonNegative("reservation.max.queues", c.reservation_max_queues());
        b.startupGraceNanos = TimeUnit.MILLISECONDS.toNanos(nonNegative("startup.grace.ms", c.startup_grace_ms()));
        double explore = c.explore_percent();
        if (!(explore >= 0 && explore <= 50)) {
            throw new IllegalArgumentException("explore.percent must be between 0 and 50: " + explore);
        }
        b.explorePercent = explore;
        b.pick(c.pick());
        b.calibrate = c.calibrate();
        b.verifyShares = VerifyShares.of(c.verify_percent(), c.verify_drivers());
        b.quarantineRules = QuarantineRules.of(c.quarantine_errors_per_hour(), c.quarantine_probe_interval_s(),
                c.quarantine_flap_limit(), c.quarantine_flap_window_min());
        return b.build();
    }

    /**
     * Queues of {@code mode} per direction to open on {@code device} of {@code driver}: the
     * most specific entry wins; without one, {@code queues.default} shared queues and no
     * dedicated sync or async ones.
     */
    public int queuesFor(String driver, String device, io.warpdrive.lib.QueueMode mode) {
        String suffix = mode == io.warpdrive.lib.QueueMode.SHARED ? "" : ":" + mode.name().toLowerCase(Locale.ROOT);
        Integer n = queueCounts.get(driver + "/" + device + suffix);
        if (n == null) {
            n = queueCounts.get(driver + suffix);
        }
        if (n == null) {
            return mode == io.warpdrive.lib.QueueMode.SHARED ? queuesDefault : 0;
        }
        return n;
    }

    /** Queues per direction an administrator gives the consumer of this symbolic name (0: none). */
    public int consumerQueues(String consumer) {
        return consumerQueues.getOrDefault(consumer, 0);
    }

    /** The entries as configured, {@code DRIVER[/DEVICE][:MODE]} → count. */
    Map<String, Integer> queueCounts() {
        return queueCounts;
    }

    public boolean isSystem(String symbolicName) {
        return symbolicName != null && matchesAny(systemBundles, symbolicName);
    }

    /**
     * The platform's one rule for a consumer's class, from what the bundle cannot choose: it was
     * installed from a system location (by default the bundles embedded in warpdrive.jar), or a
     * signer the framework trusts has a system name — or an administrator listed its symbolic
     * name (empty by default: any bundle can take any name). (Felix verifies signatures only with
     * its security provider; without one no bundle has trusted signers.)
     */
    public boolean isSystem(Bundle bundle) {
        String location = bundle.getLocation();
        if ((location != null && matchesAny(systemLocations, location)) || isSystem(bundle.getSymbolicName())) {
            return true;
        }
        if (systemSigners.length == 0) {
            return false;
        }
        Map<X509Certificate, List<X509Certificate>> signers = bundle.getSignerCertificates(Bundle.SIGNERS_TRUSTED);
        if (signers != null) {
            for (X509Certificate signer : signers.keySet()) {
                if (matchesAny(systemSigners, signer.getSubjectX500Principal().getName())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean matchesAny(Pattern[] patterns, String s) {
        for (Pattern p : patterns) {
            if (p.matcher(s).matches()) {
                return true;
            }
        }
        return false;
    }

    private static long nonNegative(String key, long v) {
        if (v < 0) {
            throw new IllegalArgumentException(key + " must not be negative: " + v);
        }
        return v;
    }

    /** MiB to bytes; refuses what would overflow. */
    private static long megabytes(String key, long mb) {
        if (mb > Long.MAX_VALUE >> 20) {
            throw new IllegalArgumentException(key + " is too large: " + mb);
        }
        return mb << 20;
    }

    private static long positive(String key, long v) {
        if (v <= 0) {
            throw new IllegalArgumentException(key + " must be positive: " + v);
        }
        return v;
    }

    /** Builder used by {@link #from} and by tests. */
    public static final class Builder {
        public int queuesDefault = 2;
        final Map<String, Integer> queueCounts = new HashMap<>();
        final Map<String, Integer> consumerQueues = new HashMap<>();
        public CompletionDelivery completion = CompletionDelivery.POLLER;
        public long spinThresholdNanos = TimeUnit.MICROSECONDS.toNanos(200);
        public long waitTimeoutNanos = TimeUnit.SECONDS.toNanos(5);
        public boolean hardwareOnlyWaitUnbounded;
        public long jobTimeoutNanos = TimeUnit.SECONDS.toNanos(60);
        public int retries = 3;
        public Pattern[] systemBundles = {};
        public Pattern[] systemLocations = { glob(EMBEDDED_LOCATIONS) };
        public Pattern[] systemSigners = {};
        public long schedulerBudgetNanos = TimeUnit.MILLISECONDS.toNanos(1);
        int schedulerFaultLimit = 16;
        String schedulerPolicy;
        boolean levelAcceptNearest;
        public long outputLimit = 1024L << 20;
        public long streamOutputLimit = 0;
        public long streamResumeInputLimit = 16L << 20;
        public long streamResumeTotalLimit = 256L << 20;
        public boolean streamHoldOutput = true;
        long pollerParkNanos = TimeUnit.MICROSECONDS.toNanos(20);
        int reservationMaxQueues = 4;
        public long startupGraceNanos = TimeUnit.SECONDS.toNanos(10);
        public double explorePercent = 1.0;
        public boolean pickByFinishTime = true;
        /** Off unless configured (the product's configuration says on): engine tests bind drivers that only copy. */
        public boolean calibrate;
        /** Off unless configured, as calibration: engine tests bind hardware fakes that only copy. */
        public VerifyShares verifyShares = VerifyShares.all(0);
        /** No isolation after errors unless configured: engine tests fail hardware fakes' jobs on purpose. */
        public QuarantineRules quarantineRules = QuarantineRules.defaults().withoutIsolation();

        Builder pick(String by) {
            String v = by == null ? "" : by.trim().toUpperCase(Locale.ROOT);
            if (v.equals("FINISH_TIME")) {
                pickByFinishTime = true;
            } else if (v.equals("PRIORITY")) {
                pickByFinishTime = false;
            } else {
                throw new IllegalArgumentException("pick must be FINISH_TIME or PRIORITY, not '" + by + "'");
            }
            return this;
        }

        public Builder queuesDefault(int n) {
            this.queuesDefault = (int) nonNegative("queues.default", n);
            return this;
        }

        /** {@code CONSUMER=N}: N queues per direction of its own for that consumer bundle; 0 removes the entry. */
        public Builder consumerQueues(String entry) {
            int n = entryCount("consumer.queues", entry, "CONSUMER=N");
            String consumer = entry.substring(0, entry.indexOf('=')).trim();
            if (n == 0) {
                consumerQueues.remove(consumer);
            } else {
                consumerQueues.put(consumer, n);
            }
            return this;
        }

        /** Parses {@code DRIVER[/DEVICE][:MODE]=N}, MODE being shared (the default), sync or async. */
        public Builder queueCount(String entry) {
            int n = entryCount("queues", entry, "DRIVER[/DEVICE][:MODE]=N");
            String target = entry.substring(0, entry.indexOf('=')).trim();
            int colon = target.indexOf(':');
            if (colon >= 0) {
                String mode = target.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
                if (!mode.equals("shared") && !mode.equals("sync") && !mode.equals("async")) {
                    throw new IllegalArgumentException("queues entry '" + entry + "': mode '" + mode
                            + "' is not shared, sync or async");
                }
                target = target.substring(0, colon).trim() + (mode.equals("shared") ? "" : ":" + mode);
            }
            queueCounts.put(target, n);
            return this;
        }

        /** The count N of an entry {@code TARGET=N} of a list key, checked: a whole number, not negative. */
        private static int entryCount(String key, String entry, String form) {
            int eq = entry == null ? -1 : entry.indexOf('=');
            if (eq <= 0 || eq == entry.length() - 1) {
                throw new IllegalArgumentException(key + " entry '" + entry + "' is not " + form);
            }
            int n;
            try {
                n = Integer.parseInt(entry.substring(eq + 1).trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + " entry '" + entry + "': '" + entry.substring(eq + 1)
                        + "' is not a number");
            }
            nonNegative(key + " entry '" + entry + "'", n);
            return n;
        }

        public Builder completion(String mode) {
            try {
                this.completion = CompletionDelivery.valueOf(mode.trim().toUpperCase(Locale.ROOT));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("completion must be POLLER or CALLER, not '" + mode + "'");
            }
            return this;
        }

        /** Symbolic-name patterns; a .cfg file gives a list as one comma-separated string. */
        public Builder systemBundles(String... patterns) {
            this.systemBundles = globs(",", patterns);
            return this;
        }

        /** Bundle-location patterns; a .cfg file gives a list as one comma-separated string. */
        public Builder systemLocations(String... patterns) {
            this.systemLocations = globs(",", patterns);
            return this;
        }

        /** Signer-name patterns; distinguished names hold commas, so a .cfg file separates them with ';'. */
        public Builder systemSigners(String... patterns) {
            this.systemSigners = globs(";", patterns);
            return this;
        }

        /** Patterns of a list whose entries may each hold several, split at {@code separator}; blanks are none. */
        private static Pattern[] globs(String separator, String... patterns) {
            List<Pattern> list = new java.util.ArrayList<>();
            for (String entries : patterns) {
                if (entries == null) {
                    continue;
                }
                for (String p : entries.split(separator)) {
                    if (!p.isBlank()) {
                        list.add(glob(p.trim()));
                    }
                }
            }
            return list.toArray(new Pattern[0]);
        }

        public Settings build() {
            return new Settings(this);
        }

        private static Pattern glob(String pattern) {
            String[] parts = pattern.split("\\*", -1);
            StringBuilder regex = new StringBuilder();
            for (int i = 0; i < parts.length; i++) {
                if (i > 0) {
                    regex.append(".*");
                }
                regex.append(Pattern.quote(parts[i]));
            }
            return Pattern.compile(regex.toString());
        }
    }
}
