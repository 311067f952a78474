package io.warpdrive.core.engine.session;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Completion;
import io.warpdrive.comp.FallbackPolicy;
import io.warpdrive.comp.Flush;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.Request;
import io.warpdrive.comp.SessionSpec;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.core.engine.Engine;
import io.warpdrive.core.engine.config.Settings;
import io.warpdrive.core.engine.queue.DriverBinding;
import io.warpdrive.core.engine.queue.EngineQueue;
import io.warpdrive.core.engine.request.EngineRequest;
import io.warpdrive.core.engine.usage.ConsumerCounters;
import io.warpdrive.core.engine.usage.ContextCounters;
import io.warpdrive.lib.StreamState;
import io.warpdrive.lib.ring.MpmcRing;
import io.warpdrive.sched.PriorityLevel;
import io.warpdrive.sched.SchedSession;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What stateless sessions and streams share: identity, settings, the request API, the
 * scheduler's per-session state, and a few spare requests for the convenience methods
 * (so those allocate nothing in steady state either).
 */
public abstract class AbstractSession implements SchedSession {
    private static final AtomicLong IDS = new AtomicLong();

    private final Engine engine;
    private final Consumer consumer;
    private final SessionSpec spec;
    private final PriorityLevel level;
    /** Work counters of this consumer under this session's context tag. */
    private final ContextCounters work;
    private final long id = IDS.incrementAndGet();
    private volatile boolean closed;
    private volatile PolicyState policy;
    private final MpmcRing<EngineRequest> spares = new MpmcRing<>(8);

    public Engine engine() {
        return engine;
    }

    public Consumer consumer() {
        return consumer;
    }

    public PriorityLevel level() {
        return level;
    }

    public ContextCounters work() {
        return work;
    }

    AbstractSession(Engine engine, Consumer consumer, SessionSpec spec) {
        if (spec == null) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, "session spec is required");
        }
        this.engine = engine;
        this.consumer = consumer;
        this.spec = spec;
        this.level = PriorityLevel.of(consumer.isSystem(), spec.priority());
        this.work = engine.usage().context(consumer.name(), spec.contextTag());
    }

    // ---- what differs between stateless sessions and streams ---------------------------

    public abstract boolean isStream();

    /** The only operation a stream allows, or null for a stateless session. */
    public abstract Operation fixedOperation();

    /** The driver instance a stream's state belongs to, or null. */
    /** The counters of the consumer this session is charged to. */
    public ConsumerCounters counters() {
        return consumer.counters();
    }

    /** A request of this session went to a hardware queue (before send: the driver may complete it inside). */
    public void hardwareSent() {
        consumer.hardwareSent();
    }

    /** A request of this session left its hardware queue (completed, or refused by the driver). */
    public void hardwareDone() {
        consumer.hardwareDone();
    }

    /** A finished async request waits in the consumer's inbox for a caller's poll (completion delivery CALLER). */
    public void deliverLater(EngineRequest r) {
        consumer.inbox().add(r);
    }

    public DriverBinding boundBinding() {
        return null;
    }

    public StreamState streamState() {
        return null;
    }

    /** Called before a request is dispatched; may refuse it. */
    public void beforeDispatch(EngineRequest r) {
    }

    /** Called when a queue was picked for the request, before it is sent (a stream creates its state). */
    public void beforeSend(EngineQueue q) {
    }

    /**
     * The stream's engine went away or failed: moves the stream to a fresh state on another engine
     * if it can continue there as one valid stream. True when the failed request may be sent again.
     */
    public boolean move(String why) {
        return false;
    }

    /** The algorithm the engine runs: the session's, but raw deflate for a stream that moved mid-way. */
    public Algorithm engineAlgorithm() {
        return spec.algorithm();
    }

    /** The flush the engine sees for a stream request whose caller asked for {@code flush}. */
    public Flush engineFlush(Flush flush) {
        return flush;
    }

    /** Serves the request without an engine when the platform alone owes the output; true if it did. */
    public boolean serveWithoutEngine(EngineRequest r) {
        return false;
    }

    /**
     * A job of the request succeeded: true when the request goes on with another job the session
     * set up (a stream resuming on a new engine replays its kept input first), false when it is done.
     */
    public boolean continuesAfter(EngineRequest r) {
        return false;
    }

    /**
     * A compression stream's job succeeded on hardware: what is wrong with its output, if the
     * stream is verified on that engine (compress-and-verify), else null.
     */
    public String wrongStreamOutput(EngineRequest r, long consumed, boolean endOfStream) {
        return null;
    }

    /** Called once per request when it is done, before the caller hears of it. */
    public void afterCompletion(EngineRequest r) {
    }

    void onClose() {
    }

    // ---- the request API --------------------------------------------------------------

    public SessionSpec spec() {
        return spec;
    }

    public Request newRequest() {
        checkOpen();
        return new EngineRequest(this);
    }

    public void execute(Request request) {
        engine.dispatcher().execute(own(request));
    }

    public void submit(Request request, Completion completion) {
        if (completion == null) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, "completion callback is required");
        }
        engine.dispatcher().submit(own(request), completion);
    }

    public CompletionStage<Request> submit(Request request) {
        CompletableFuture<Request> future = new CompletableFuture<>();
        engine.dispatcher().submit(own(request), r -> {
            if (r.error() != null) {
                future.completeExceptionally(r.error());
            } else {
                future.complete(r);
            }
        });
        return future;
    }

    public boolean isClosed() {
        return closed;
    }

    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        consumer.sessions().remove(this);
        engine.schedulers().sessionClosed(this);
        onClose();
    }

    public void checkOpen() {
        if (closed) {
            throw new WdException(WdStatus.SESSION_CLOSED, "session " + id + " is closed");
        }
    }

    private EngineRequest own(Request request) {
        if (!(request instanceof EngineRequest) || ((EngineRequest) request).session() != this) {
            throw new WdException(WdStatus.ACCESS_DENIED, "the request does not belong to this session");
        }
        return (EngineRequest) request;
    }

    /**
     * The most output the request may produce: the platform's per-request limit, lowered by
     * the session's own ({@link SessionSpec#outputLimit()}). A stream lowers it further to
     * what is left of the stream's limit.
     */
    public long outputLimit() {
        long platform = engine.settings().outputLimit();
        long own = spec.outputLimit();
        return own > 0 && own < platform ? own : platform;
    }

    /**
     * A wait "without limit" in nanoseconds: 73 years, so that deadlines computed from it stay
     * comparable by subtraction ({@code System.nanoTime} wraps).
     */
    public static final long UNBOUNDED_WAIT_NANOS = Long.MAX_VALUE / 4;

    /**
     * How long a request waits for a queue with room: the session's timeout, else — for a
     * HARDWARE_ONLY session when the engine's {@code hardware.only.wait.unbounded} is on — without
     * limit, else the engine's {@code wait.timeout.ms}.
     */
    public long waitTimeoutNanos() {
        if (spec.timeout() != null) {
            return spec.timeout().toNanos();
        }
        Settings st = engine.settings();
        return st.hardwareOnlyWaitUnbounded() && spec.fallback() == FallbackPolicy.HARDWARE_ONLY ? UNBOUNDED_WAIT_NANOS
                : st.waitTimeoutNanos();
    }

    /** A spare request for a convenience call. */
    EngineRequest borrow() {
        checkOpen();
        EngineRequest r = spares.poll();
        return r != null ? r : new EngineRequest(this);
    }

    void giveBack(EngineRequest r) {
        if (r.phase() != EngineRequest.IN_FLIGHT) {
            r.releaseBuffers();
            spares.offer(r);
        }
    }

    // ---- SchedSession -----------------------------------------------------------------

    @Override
    public long id() {
        return id;
    }

    @Override
    public Object policyState() {
        PolicyState p = policy;
        return p != null && p.owner == engine.schedulers().activeScheduler() ? p.state : null;
    }

    @Override
    public void policyState(Object state) {
        policy = state == null ? null : new PolicyState(engine.schedulers().activeScheduler(), state);
    }

    /** Policy state together with the policy that set it, so a swapped-in policy starts afresh. */
    private static final class PolicyState {
        final Object owner;
        final Object state;

        PolicyState(Object owner, Object state) {
            this.owner = owner;
            this.state = state;
        }
    }

    @Override
    public String toString() {
        return (isStream() ? "stream " : "session ") + id + " of " + consumer + " (" + spec + ")";
    }
}
