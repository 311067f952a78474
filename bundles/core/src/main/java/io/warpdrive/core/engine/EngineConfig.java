package io.warpdrive.core.engine;

import io.warpdrive.core.engine.request.Poller;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** Configuration of the wd_comp engine (PID {@value Engine#PID}). */
@ObjectClassDefinition(name = "WarpDrive engine",
        description = "Queues opened per driver and device, completion mode, waiting and timeouts.")
public @interface EngineConfig {

    @AttributeDefinition(name = "Queues per device and direction",
            description = "Queues opened on each device for compression and as many for decompression, "
                    + "unless an entry of 'queues' says otherwise.", min = "0")
    int queues_default() default 2;

    @AttributeDefinition(name = "Queue counts",
            description = "Entries 'DRIVER[/DEVICE][:MODE]=N' (comma-separated in a .cfg file): N queues per "
                    + "direction on each device of DRIVER, or on that one device; MODE is shared (the default), "
                    + "sync or async (queues dedicated to sync or async requests). The most specific entry wins.")
    String[] queues() default {};

    @AttributeDefinition(name = "Queues per consumer",
            description = "Entries 'CONSUMER=N' (comma-separated in a .cfg file): the consumer bundle with that "
                    + "symbolic name holds N queues per direction of its own (hardware first), reserved while it "
                    + "uses the platform, whatever its own reservations ('taskset for queues'). 0 removes it.")
    String[] consumer_queues() default {};

    @AttributeDefinition(name = "Completion mode",
            description = "POLLER: a managed thread reaps hardware completion rings and callbacks run on "
                    + "platform threads. CALLER: consumers drive completion with Compressor.poll().",
            options = { @Option(label = "managed poller", value = "POLLER"),
                    @Option(label = "caller polls", value = "CALLER") })
    String completion() default "POLLER";

    @AttributeDefinition(name = "Spin threshold (µs)",
            description = "A sync caller whose request is expected to finish within this time (counting the "
                    + "work queued ahead of it) spins; otherwise it parks until woken.", min = "0")
    long spin_threshold_us() default 200;

    @AttributeDefinition(name = "Capacity wait timeout (ms)",
            description = "How long a request waits for a queue with room (HARDWARE_ONLY waiting for "
                    + "hardware, or back-pressure with WAIT) unless its session sets a timeout.", min = "0")
    long wait_timeout_ms() default 5000;

    @AttributeDefinition(name = "HARDWARE_ONLY waits without limit",
            description = "A HARDWARE_ONLY request whose session sets no timeout waits for hardware without "
                    + "limit instead of wait.timeout.ms (AUTO never waits for hardware).")
    boolean hardware_only_wait_unbounded() default false;

    @AttributeDefinition(name = "Job timeout (ms)",
            description = "A job in flight longer than this marks its queue as stuck: the queue is released "
                    + "and replaced, and its jobs are failed or re-sent.", min = "1")
    long job_timeout_ms() default 60000;

    @AttributeDefinition(name = "Retries",
            description = "How often a stateless request is re-sent after its queue or driver failed.",
            min = "0")
    int retries() default 3;

    @AttributeDefinition(name = "System locations",
            description = "Bundle-location patterns ('*' wildcard; comma-separated in a .cfg file): a consumer "
                    + "bundle installed from a matching location is a system consumer (priority levels SYSTEM_*). "
                    + "The default is the bundles embedded in warpdrive.jar; add, e.g., 'file:*/deploy/"
                    + "io.warpdrive.sched.coordinator-*.jar' for a policy bundle you deploy. Whoever installs a "
                    + "bundle chooses its location, never the bundle.")
    String[] system_locations() default { "warpdrive:bundles/*" };

    @AttributeDefinition(name = "System bundles",
            description = "Symbolic-name patterns ('*' wildcard; comma-separated in a .cfg file) of consumer "
                    + "bundles that are system consumers too. Empty by default: a bundle chooses its own name, "
                    + "so list only bundles whose installation you control.")
    String[] system_bundles() default {};

    @AttributeDefinition(name = "System signers",
            description = "Patterns ('*' wildcard; ';'-separated in a .cfg file) of signer distinguished names "
                    + "(RFC 2253, e.g. 'CN=Build,O=Example'): a consumer bundle signed by a signer the framework "
                    + "trusts and whose name matches is a system consumer too. Needs a framework that verifies "
                    + "signatures.")
    String[] system_signers() default {};

    @AttributeDefinition(name = "Scheduler budget (µs)",
            description = "A scheduling policy's pick taking longer than this counts as a fault and the "
                    + "built-in pick serves the request.", min = "1")
    long scheduler_budget_us() default 1000;

    @AttributeDefinition(name = "Accept a driver's nearest level",
            description = "A level is a promise about the ratio: under AUTO a compression whose level a driver's "
                    + "output does not honour (isal's best is about zlib level 2) goes to a driver that honours it. "
                    + "True: the preferred driver compresses at its nearest level instead (faster, larger output).")
    boolean level_accept_nearest() default false;

    @AttributeDefinition(name = "Scheduling policy",
            description = "The scheduling policy chosen by name (wd:sched use NAME): it serves while it is present and "
                    + "not demoted, whatever the rankings. Empty: the policy with the highest service.ranking serves.")
    String scheduler_policy() default "";

    @AttributeDefinition(name = "Scheduler fault limit",
            description = "Consecutive faults after which a scheduling policy is demoted until replaced.",
            min = "1")
    int scheduler_fault_limit() default 16;

    @AttributeDefinition(name = "Output limit per request (MiB)",
            description = "Upper bound of the output of one request (decompression-bomb guard); a session "
                    + "may set a lower one (SessionSpec.withOutputLimit).", min = "1")
    long output_limit_mb() default 1024;

    @AttributeDefinition(name = "Output limit per stream (MiB)",
            description = "Upper bound of the output of one stream over all its requests (decompression-bomb "
                    + "guard for streams); 0: no limit, streams may be as long as their data. A stream session "
                    + "may set a lower one (SessionSpec.withOutputLimit).", min = "0")
    long stream_output_limit_mb() default 0;

    @AttributeDefinition(name = "Resume input per decompression stream (MiB)",
            description = "Most compressed input a decompression stream keeps since its last resume point (its start,"
                    + " or the end of a gzip member, zlib or deflate stream, zstd or LZ4 frame) so that it can continue"
                    + " on another engine when its engine goes away; a stream past it fails then instead. 0: no"
                    + " decompression stream resumes.", min = "0")
    long stream_resume_input_mb() default 16;

    @AttributeDefinition(name = "Resume input of all decompression streams (MiB)",
            description = "Most compressed input all decompression streams together keep to resume on another engine,"
                    + " taken in chunks of 32 KiB. A stream refused its next chunk keeps nothing until its next resume"
                    + " point, where it tries again; if its engine goes away before, it fails saying so. 0: no"
                    + " decompression stream resumes.", min = "0")
    long stream_resume_total_mb() default 256;

    @AttributeDefinition(name = "Hold compression output for moving streams",
            description = "When a request of a compression stream (deflate, zlib, gzip, zstd, LZ4) may produce more output than"
                    + " its caller's output space takes, the engine writes into the platform's space and the platform"
                    + " holds the rest for the caller's next requests, so the stream can move to another engine"
                    + " whenever its engine goes away. Off: the engine keeps that output, and the stream cannot move"
                    + " while it does (a driver's own test of holding output back turns this off).")
    boolean stream_hold_output() default true;

    @AttributeDefinition(name = "Reserved queues per consumer",
            description = "How many queues one consumer bundle may reserve for itself (Compressor.reserve).",
            min = "0")
    int reservation_max_queues() default 4;

    @AttributeDefinition(name = "Startup grace (ms)",
            description = "For this long after the platform starts, until a first driver has opened queues, a "
                    + "request that waits for capacity (back-pressure WAIT) waits for a driver instead of failing "
                    + "with NO_DRIVER: consumers starting with the platform need not race the drivers.", min = "0")
    long startup_grace_ms() default 10000;

    @AttributeDefinition(name = "Poller idle park (µs)",
            description = "How long the managed poller first parks between sweeps while jobs are in flight on "
                    + "polled queues but none has completed; the pause doubles while nothing completes, up to "
                    + "1/16 of the shortest job's expected time.", min = "1")
    long poller_park_us() default 20;

    @AttributeDefinition(name = "Pick by",
            description = "FINISH_TIME: each request goes to the queue whose engine is predicted to finish it "
                    + "first (performance models learned from every completion; driver priority breaks ties). "
                    + "PRIORITY: the highest driver priority wins, as before the models (an administrator's override).",
            options = { @Option(label = "expected finish time", value = "FINISH_TIME"),
                    @Option(label = "driver priority", value = "PRIORITY") })
    String pick() default "FINISH_TIME";

    @AttributeDefinition(name = "Exploration (%)",
            description = "Share of requests, and of the time, at most, sent to an engine other than the "
                    + "predicted fastest so that every engine's model stays current (an engine that slowed down and recovered gets its "
                    + "traffic back). 0 turns exploration off; at most 50.", min = "0", max = "50")
    double explore_percent() default 1.0;

    @AttributeDefinition(name = "Calibrate",
            description = "When a driver registers, run each of its devices briefly on built-in text of several "
                    + "sizes: the times teach its performance model, and the results are a self-test - a device "
                    + "whose output does not decompress to the input gets no traffic (wd:devices and the log say why).")
    boolean calibrate() default true;

    @AttributeDefinition(name = "Verified share of hardware compressions (%)",
            description = "Compress-and-verify: this share of each hardware driver's compressions (stateless gzip, "
                    + "zlib, raw deflate, and zstd and LZ4 when a driver that reads them, zstd-lz4, is present) is "
                    + "decompressed on the CPU and compared with its input before it is "
                    + "delivered; of gzip, zlib and raw-deflate compression streams, this share of streams, each "
                    + "verified request by request. A wrong output is never delivered: the request is served on another engine and the "
                    + "device is quarantined (it gets no traffic; wd:devices says why). 0 turns it off, 100 checks "
                    + "every output.", min = "0", max = "100")
    double verify_percent() default 1.0;

    @AttributeDefinition(name = "Verified share per driver (%)",
            description = "Entries 'DRIVER=PERCENT' (comma-separated in a .cfg file): the share of that hardware "
                    + "driver's compressions verified, instead of verify.percent.")
    String[] verify_drivers() default {};

    @AttributeDefinition(name = "Device errors per hour before quarantine",
            description = "A hardware device that fails this many jobs (device errors, timeouts) within an hour is "
                    + "quarantined (isolated: no traffic) until the known-answer probe passes. 0: never.", min = "0")
    int quarantine_errors_per_hour() default 10;

    @AttributeDefinition(name = "Probe interval (s)",
            description = "A quarantined device runs the calibration's known-answer test this often, on a queue of its "
                    + "own, and gets traffic again when it passes. 0: no probe (only an administrator's reset).",
            min = "0")
    long quarantine_probe_interval_s() default 60;

    @AttributeDefinition(name = "Flap limit",
            description = "A device quarantined this many times within quarantine.flap.window.min stays out until an "
                    + "administrator resets it (wd:devices --reset DEVICE). 0: no limit.", min = "0")
    int quarantine_flap_limit() default 3;

    @AttributeDefinition(name = "Flap window (min)",
            description = "The window of quarantine.flap.limit.", min = "1")
    long quarantine_flap_window_min() default 60;
}
