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
}
