package io.warpdrive.admin;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.FallbackPolicy;
import io.warpdrive.comp.Operation;
import io.warpdrive.lib.QueueMode;
import io.warpdrive.sched.QueueView;
import java.time.Duration;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;
import org.osgi.framework.Bundle;

/** The engine's administrative face. */
@ProviderType
public interface Platform {

    /** The queues open now, with live state. */
    QueueView queues();

    /** Every scheduling policy present, the active one first. */
    List<SchedulerInfo> schedulers();

    /**
     * Chooses the scheduling policy by name: it serves from now on while it is present and
     * not demoted, whatever the rankings. The choice is the engine's configuration key
     * {@code scheduler.policy} (persisted through Configuration Admin, and written back to
     * {@code conf/} when the engine's configuration came from there); no policy's
     * {@code service.ranking} changes, so a later deployment means what its ranking says
     * once the choice is cleared. A null or empty name clears the choice: the highest
     * ranking decides again.
     *
     * @return the {@code service.ranking} of the policy serving now (0 when none is present)
     * @throws io.warpdrive.comp.WdException INVALID_ARGUMENT for a name no policy present
     *         has, or a demoted policy
     */
    int usePolicy(String name);

    /**
     * The scheduling policy chosen by name ({@link #usePolicy}), or null when the highest
     * ranking decides.
     */
    String chosenPolicy();

    /**
     * Requests served by the built-in pick because no policy was present, the policy
     * failed, or it found nothing usable.
     */
    long builtinPicks();

    /**
     * Sets how many queues of {@code mode} the platform keeps open per direction on a
     * driver's devices (on one device when {@code device} is given) — the "taskset for
     * queues". Applied live (new queues open; surplus ones stop taking requests,
     * drain and close; nothing in flight fails) and persisted through Configuration Admin.
     *
     * @param device a device name, or null for every device of the driver
     * @throws io.warpdrive.comp.WdException INVALID_ARGUMENT (with a clear message, nothing
     *         changed) for an unknown driver or device, a negative count, or more queues than
     *         a device has instances; UNSUPPORTED when Configuration Admin is not running
     */
    void setQueueCount(String driver, String device, QueueMode mode, int count);

    /** The configured count of {@code mode} queues per direction on a device of the driver. */
    int queueCount(String driver, String device, QueueMode mode);

    /**
     * Gives a consumer bundle (by symbolic name) {@code queues} queues per direction of its own,
     * hardware first, reserved while it uses the platform ({@code consumer.queues}; the "taskset for
     * queues"); 0 takes them back. Saved in the engine's configuration, so kept across restarts;
     * applied live (a lower count drains the surplus).
     *
     * @throws io.warpdrive.comp.WdException INVALID_ARGUMENT for a negative count or no name,
     *         UNSUPPORTED when Configuration Admin is not running
     * @since 1.3
     */
    void setConsumerQueues(String consumer, int queues);

    /** The queues per direction an administrator gives this consumer (0: none). @since 1.3 */
    int consumerQueues(String consumer);

    /**
     * Requests that had to wait for a queue with room (HARDWARE_ONLY waiting for hardware,
     * or back-pressure when every queue was full), since the platform started.
     */
    long capacityWaits();

    /**
     * Waits until some open queue can serve the algorithm in that direction under that
     * fallback policy (e.g. a one-shot command waiting for drivers to start).
     *
     * @return true if such a queue exists, false if none appeared in time
     */
    boolean awaitQueue(Algorithm algorithm, Operation operation, FallbackPolicy fallback, Duration timeout);

    /**
     * Waits until the calibration and known-answer self-test the engine runs on a driver's devices
     * when the driver registers have ended (passed, failed or skipped) for every driver present now:
     * e.g. before a benchmark's first measurement, whose engines and CPUs they would share. With
     * calibration off, or a kept self-test reused, there is nothing to wait for.
     *
     * @param timeout how long to wait at most; zero only asks
     * @return true when no calibration runs (any more), false when one still ran as the timeout passed
     * @throws InterruptedException when the waiting thread is interrupted
     * @since 1.4
     */
    boolean awaitCalibration(Duration timeout) throws InterruptedException;

    /**
     * Whether the platform counts {@code bundle} as a system consumer (priority levels
     * {@code SYSTEM_*}) rather than a third-party one, from what the bundle cannot choose: its
     * location matches a pattern of the engine's {@code system.locations} (by default the bundles
     * embedded in warpdrive.jar), or a signer the framework trusts matches a pattern of
     * {@code system.signers}, or an administrator listed its symbolic name in
     * {@code system.bundles} (empty by default). The one rule behind every consumer's class: its requests'
     * {@link io.warpdrive.sched.SchedKey#priority()} and whatever else grants by class.
     *
     * @since 1.1
     */
    boolean isSystemConsumer(Bundle bundle);

    /**
     * A {@link io.warpdrive.comp.Compressor} whose requests are accounted to a consumer of their
     * own, {@code consumerName}, with the version and class of {@code bundle}: for a tool a bundle
     * runs (the shell's benchmark) whose traffic is not the bundle's own work. Close the sessions
     * it opens; they are closed with the engine otherwise.
     *
     * @since 1.2
     */
    io.warpdrive.comp.Compressor compressorFor(Bundle bundle, String consumerName);

    /**
     * The performance model of every engine (device of a driver) the platform has served requests
     * on, for shells and consoles.
     *
     * @since 1.2
     */
    List<ModelInfo> models();

    /**
     * Where another engine becomes the fastest for a sync caller, per kind of request that at least
     * two engines know, e.g. {@code "gzip compress fast sync: isal/cpu0 up to 16 KiB, hisi_zip/hisi_zip-0 above"}.
     *
     * @since 1.2
     */
    List<String> crossovers();

    /**
     * Lets a quarantined device (wrong output caught by compress-and-verify, too many device errors,
     * held out after flapping) have traffic again and forgets its flap history; a device still
     * wrong is caught again. {@link ModelInfo#refused()} says why a device is quarantined.
     *
     * @return false when the device is not quarantined
     * @since 1.4
     */
    boolean resetQuarantine(String device);
}
