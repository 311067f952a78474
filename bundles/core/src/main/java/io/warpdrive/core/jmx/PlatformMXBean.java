package io.warpdrive.core.jmx;

/** {@code io.warpdrive:type=Platform}: the engine, and the administrator's knobs. */
@Description("The WarpDrive platform: the scheduling policy in use, queues, counters, and the administrator's "
        + "changes (queue counts, the scheduling policy)")
public interface PlatformMXBean {
    @Description("Name of the scheduling policy serving requests now, or '(built-in pick)' when none is present")
    String getActivePolicy();

    @Description("The scheduling policy chosen by name (wd:sched use NAME), or empty when the highest "
            + "service.ranking decides")
    String getChosenPolicy();

    @Description("Requests served by the built-in pick: no policy present, the policy failed, or it found nothing")
    long getBuiltinPicks();

    @Description("Requests that had to wait for a queue with room")
    long getCapacityWaits();

    @Description("Queues open now, over all drivers, devices, directions and modes")
    int getOpenQueues();

    @Description("Where another engine becomes the fastest for a sync caller, per kind of request at least two "
            + "engines know (as wd:models shows them)")
    String[] getCrossovers();

    @Description("Times a stream continued on another engine since counting started: a compression stream "
            + "moved, a decompression stream resumed from its last resume point")
    long getStreamMoves();

    @Description("Bytes of compressed input that decompression streams keep now to resume on another engine")
    long getKeptInput();

    @Description("The most bytes of compressed input all decompression streams together keep "
            + "(stream.resume.total.mb)")
    long getKeptInputLimit();

    @Description("Times a decompression stream was refused more kept input because KeptInputLimit was reached "
            + "(it cannot resume until its next resume point)")
    long getKeptInputRefusals();

    @Description("When counting started (ISO-8601); resetCounters starts again")
    String getCountingSince();

    @Description("Sets every counter (consumers, drivers, queues, stream moves, kept input refusals) back to zero")
    void resetCounters();

    @Description("Keeps a number of queues of a mode per direction on a driver's devices, or on one device; "
            + "persisted in the engine's configuration")
    void setQueueCount(
            @Description(name = "driver", value = "Driver name, e.g. soft, isal, hisi_zip") String driver,
            @Description(name = "device", value = "Device name, e.g. soft-0; empty for every device of the driver")
                    String device,
            @Description(name = "mode", value = "shared (empty: shared), sync or async") String mode,
            @Description(name = "count", value = "Queues per direction, 0 or more") int count);

    @Description("Queues of a mode per direction the engine keeps on a driver's device (or its devices)")
    int getQueueCount(
            @Description(name = "driver", value = "Driver name, e.g. soft, isal, hisi_zip") String driver,
            @Description(name = "device", value = "Device name; empty for the driver's setting") String device,
            @Description(name = "mode", value = "shared (empty: shared), sync or async") String mode);

    @Description("Chooses the scheduling policy by name: it serves while present and not demoted, whatever the "
            + "rankings (no ranking changes; persisted). An empty name lets the highest ranking decide again. "
            + "Returns what serves now.")
    String usePolicy(
            @Description(name = "name", value = "Policy name as getActivePolicy shows it (e.g. priority, rr); empty: "
                    + "by ranking") String name);
}
