package io.warpdrive.lib;

import io.warpdrive.comp.Operation;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * One opened instance on a device (a {@code wd_ctx}, a hardware queue pair). Bounded and
 * non-blocking. Thread-safe: the platform may send, receive and close from different
 * threads.
 */
@ConsumerType
public interface Queue {

    Device device();

    /** The direction this queue serves. */
    Operation operation();

    QueueMode mode();

    /** Jobs the queue can hold in flight. */
    int depth();

    CompletionMode completionMode();

    /**
     * Offers a job. Returns false when the queue is full: the job is not accepted and
     * stays the caller's. Once accepted, the job completes exactly once
     * ({@link Job#complete(boolean)} or {@link Job#fail}), also if the queue is closed
     * meanwhile (a closed queue accepts and fails with QUEUE_CLOSED).
     */
    boolean send(Job job);

    /**
     * Reaps up to {@code budget} completed jobs, completing each. Only meaningful for
     * {@link CompletionMode#POLL} queues; PUSH queues return 0. Safe to call from many
     * threads; a call that finds another thread reaping may return 0 at once.
     *
     * @return number of jobs completed by this call
     */
    int receive(int budget);

    /** True if the device has stopped this queue (e.g. reset); it takes no new jobs. */
    default boolean isStopped() {
        return false;
    }

    /**
     * Releases the queue. Jobs not yet started fail with QUEUE_CLOSED; jobs running may
     * finish. When this returns, every job accepted before has completed and the device
     * no longer touches any job's buffers; a job sent afterwards is accepted and failed
     * with QUEUE_CLOSED at once. No job is lost. Idempotent.
     */
    void close();
}
