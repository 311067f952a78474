package io.warpdrive.lib.cpu;

import io.warpdrive.lib.Job;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * What one thread runs a CPU driver's jobs with: its buffers and native state, kept between
 * jobs. One per thread at a time, so it need not be thread-safe.
 */
@ConsumerType
public interface CpuCodec extends AutoCloseable {
    /**
     * Runs a job without blocking (its wall time is charged as CPU time): reads
     * {@code job.source()}, writes {@code job.destination()}. The pool then completes the job,
     * or fails it with the status of a {@link io.warpdrive.comp.WdException} thrown here.
     *
     * @return end of stream, as {@link Job#complete(boolean)} takes it
     */
    boolean execute(Job job);

    /** Frees what the codec holds; the pool calls it for every codec it made when it stops. */
    @Override
    void close();
}
