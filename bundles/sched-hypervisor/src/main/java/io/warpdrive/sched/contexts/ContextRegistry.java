package io.warpdrive.sched.contexts;

import java.io.IOException;
import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Registers scheduling contexts from Java (StarPU's {@code sc_hypervisor_register_ctx(ctx, flops)},
 * with input bytes for flops). A context is kept as a factory configuration of Configuration
 * Admin, exactly as {@code wd:context add} and configuration files keep it, so it persists and the
 * shell shows and changes it. Values are checked as the context checks them: one it would refuse
 * is refused here, and nothing is stored.
 */
@ProviderType
public interface ContextRegistry {

    /**
     * Registers context {@code name}, or changes it.
     *
     * @param work its total declared work from now on: input bytes, or units of work when its requests
     *        declare theirs ({@code Request.declaredWork}); 0: none declared
     * @param settings other keys of its configuration as text, as {@code wd:context add} takes them
     *        (e.g. {@code tags → "batch,reports"}, {@code resize.policy → "THROUGHPUT"}, {@code min.queues → "2"})
     * @return what was done, in one line
     * @throws IllegalArgumentException a key or value the context would refuse
     * @throws IOException when Configuration Admin fails
     */
    String register(String name, long work, Map<String, String> settings) throws IOException;

    /**
     * Declares (updates) the total work of a registered context.
     *
     * @throws IllegalArgumentException when there is no such context or the amount is negative
     */
    String declareWork(String name, long work) throws IOException;

    /** Removes a context; false when there was none. */
    boolean remove(String name) throws IOException;
}
