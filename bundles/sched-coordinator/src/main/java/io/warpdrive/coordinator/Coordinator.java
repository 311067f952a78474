package io.warpdrive.coordinator;

import io.warpdrive.comp.Priority;
import io.warpdrive.sched.PriorityLevel;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The coordinator's tune service ({@code tuneResources} / {@code retune} / {@code untune} of
 * the priority coordinator). Registered with bundle scope: each consumer bundle gets its own instance, and
 * whether it is a system or a third-party consumer comes from what the bundle cannot choose (the
 * platform's {@code system.locations}, {@code system.signers} and an administrator's
 * {@code system.bundles}), never from the caller. Errors are
 * {@link io.warpdrive.comp.WdException}s with a status and a clear message.
 *
 * <pre>{@code
 * long handle = coordinator.tune("hardware", 16, Duration.ofMinutes(5), Priority.HIGH);
 * ...
 * coordinator.retune(handle, Duration.ofMinutes(5)); // five more minutes from now
 * coordinator.untune(handle);
 *
 * // one request, several resources: applied together, released together
 * long both = coordinator.tune(Map.of("hardware", 16L, "cpu.workers", 1L), Duration.ofMinutes(5), Priority.HIGH);
 * }</pre>
 */
@ProviderType
public interface Coordinator {

    /**
     * Asks for {@code value} of a resource for {@code duration}, at {@code priority} within the
     * caller's class ({@code SYSTEM_*} for a system consumer, {@code THIRD_PARTY_*} otherwise).
     *
     * @param duration how long the tune lasts; null until untuned (or the bundle stops)
     * @return the tune's handle
     * @throws io.warpdrive.comp.WdException INVALID_ARGUMENT for an unknown resource, a value out
     *         of the resource's range or a duration that is not positive
     */
    long tune(String resource, long value, Duration duration, Priority priority);

    /**
     * As {@link #tune(String, long, Duration, Priority)}, at an explicit level. A system consumer
     * may use any level; a third-party one only the {@code THIRD_PARTY_*} levels.
     *
     * @throws io.warpdrive.comp.WdException ACCESS_DENIED when a third-party consumer asks for a
     *         {@code SYSTEM_*} level
     */
    long tune(String resource, long value, Duration duration, PriorityLevel level);

    /**
     * One tune request naming several resources, each with its value: one handle, one timer.
     * Every resource and value is checked first, so a bad one refuses the whole request and
     * nothing changes; the values then take effect together (each in its resource's order) and
     * leave together — when the request expires, is untuned, or its bundle stops — and a retune
     * restarts them all. Each resource lists the request under the same handle.
     *
     * @param values resource name to value, at least one
     * @throws io.warpdrive.comp.WdException INVALID_ARGUMENT as {@link #tune(String, long, Duration, Priority)},
     *         or for no resource
     * @since 1.1
     */
    long tune(Map<String, Long> values, Duration duration, Priority priority);

    /**
     * As {@link #tune(Map, Duration, Priority)}, at an explicit level.
     *
     * @throws io.warpdrive.comp.WdException ACCESS_DENIED when a third-party consumer asks for a
     *         {@code SYSTEM_*} level
     * @since 1.1
     */
    long tune(Map<String, Long> values, Duration duration, PriorityLevel level);

    /**
     * Restarts a tune's timer: it now lasts {@code duration} from now (null: until untuned), for
     * every resource the tune names.
     *
     * @throws io.warpdrive.comp.WdException INVALID_ARGUMENT for a handle that is not (or no
     *         longer) a tune; ACCESS_DENIED for another bundle's tune, unless the caller is a system
     *         consumer
     */
    void retune(long handle, Duration duration);

    /**
     * Removes a tune from every resource it names; when no tune is left on a resource, the
     * resource's default is back.
     *
     * @throws io.warpdrive.comp.WdException as {@link #retune}
     */
    void untune(long handle);

    /** The level this consumer's tunes get with {@code priority}. */
    PriorityLevel level(Priority priority);

    /** Every resource of the table with its value in force and its tunes, in table order. */
    List<ResourceState> resources();
}
