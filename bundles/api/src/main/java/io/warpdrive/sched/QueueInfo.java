package io.warpdrive.sched;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.WindowSize;
import io.warpdrive.lib.CalcType;
import io.warpdrive.lib.CompletionMode;
import io.warpdrive.lib.QueueMode;
import org.osgi.annotation.versioning.ProviderType;

/** Read-only, live view of one open queue and its state. */
@ProviderType
public interface QueueInfo {

    /** Position of this queue in the view it came from. */
    int index();

    /** Platform-wide unique id of the queue (stable while it is open). */
    long id();

    String driver();

    CalcType calcType();

    /** The driver's priority (larger wins). */
    int driverPriority();

    String device();

    int numaNode();

    Operation operation();

    QueueMode mode();

    CompletionMode completionMode();

    /** Jobs the queue can hold in flight. */
    int depth();

    /** Jobs in flight now. */
    int inFlight();

    /** Input bytes of the jobs in flight (the work queued ahead of a new request). */
    long queuedBytes();

    /** Recent throughput in input bytes per second (0 before the first completion). */
    double throughput();

    /** Open, device healthy, not stopped by the device, not draining. */
    boolean isAvailable();

    /** Available and with a free slot. */
    boolean hasRoom();

    boolean serves(Algorithm algorithm, WindowSize window);

    /**
     * Bundle id of the consumer that reserved this queue for itself, or -1 for a queue of
     * the shared pool. A reserved queue takes only its owner's requests.
     */
    long reservedBy();

    /**
     * The platform's full check that this queue may take the request: available with room,
     * serves its algorithm, direction and window, its mode accepts the request, its driver
     * is the required one if any, and its calc type is allowed by the fallback policy.
     */
    boolean canTake(SchedKey key);

    /**
     * The platform's prediction of when this request, sent to this queue now, would be back with
     * its caller, in nanoseconds from now: the work queued ahead on the queue's device (from its
     * performance model, not a count), the request's own service time there, and the caller's path
     * (for a sync caller, the hand-back from the device; nothing for a CPU driver that runs sync
     * jobs on the caller's thread). Least is best; a policy that keeps its own rules picks, among
     * the queues those rules allow, the one with the least prediction ({@link QueueOrder#sooner}).
     *
     * <p>0 means "try this queue": its device has no model of this kind of request yet and has a
     * server free, or the platform chose this request to keep the device's model current (a bounded
     * share). A device with no model of the kind whose servers are all busy reads later than any
     * known prediction (a quarter of {@code Long.MAX_VALUE}). Where every queue reads 0 the policy's
     * own order decides. Valid only during {@link Scheduler#pick} with the
     * key passed to it; costs a few field reads, never allocates.
     *
     * @since 1.2
     */
    default long predictedFinishNanos(SchedKey key) {
        return 0;
    }

    /**
     * The predicted service time of this request on this queue's device alone, with the sync
     * caller's path but without the work queued ahead; 0 when not known.
     *
     * @since 1.2
     */
    default long predictedServiceNanos(SchedKey key) {
        return 0;
    }
}
