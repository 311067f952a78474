package io.warpdrive.core.engine.request;

import io.warpdrive.comp.Backpressure;
import io.warpdrive.comp.Completion;
import io.warpdrive.comp.FallbackPolicy;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.core.engine.Engine;
import io.warpdrive.core.engine.config.Settings;
import io.warpdrive.core.engine.queue.DriverBinding;
import io.warpdrive.core.engine.queue.EngineQueue;
import io.warpdrive.core.engine.queue.QueueViewImpl;
import io.warpdrive.core.engine.session.AbstractSession;
import io.warpdrive.core.engine.session.Consumer;
import io.warpdrive.core.engine.usage.ConsumerCounters;
import io.warpdrive.core.model.RequestClass;
import io.warpdrive.lib.CompletionMode;
import io.warpdrive.lib.Device;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * The request path: validate, pick a queue (policy, else built-in), take a tag, send;
 * wait (sync) or return (async); and when a job finishes, decide whether its request
 * succeeded, is re-sent elsewhere, or fails. No lock is taken on this path.
 */
public final class Dispatcher implements JobEvents {
    /** Moves of a stream one dispatch makes when the engine it was started on is gone before the send. */
    private static final int MAX_MOVES = 4;
    /** Picks that found a queue but lost the race for its last slot, before waiting for capacity. */
    private static final int MAX_MISSES = 16;
    /** Spin at least this long when a request's duration is unknown or tiny. */
    private static final long MIN_SPIN_NANOS = 20_000;

    private final Engine engine;
    private final LongAdder callbackFaults = new LongAdder();

    public Dispatcher(Engine engine) {
        this.engine = engine;
    }

    // ---- entry points -----------------------------------------------------------------

    public void execute(EngineRequest r) {
        Settings st = engine.settings();
        if (!startAndSend(r, true, null)) {
            return;
        }
        EngineQueue q = r.queue();
        long spin = spinNanos(q, r, st);
        long spun = r.awaitDone(spin, st.pollerParkNanos(), st.completion() == Settings.CompletionDelivery.CALLER);
        r.session().counters().syncWaited(spin > 0, spun);
        EngineQueue served = r.queue();
        if (served != null && r.completedNanos != 0) {
            served.model().handedBack(engine.clock().nanoTime() - r.completedNanos);
        }
        WdException error = r.error();
        if (error != null) {
            throw error;
        }
    }

    public void submit(EngineRequest r, Completion completion) {
        startAndSend(r, false, completion);
    }

    /**
     * What a sync and an async request go through alike: checks, claimed, dispatched (or served by the
     * platform without an engine, or refused: then the caller gets the exception and no callback runs).
     *
     * @return true when the request went to an engine; false when the platform finished it already
     */
    private boolean startAndSend(EngineRequest r, boolean sync, Completion completion) {
        start(r, sync, completion);
        if (r.session().serveWithoutEngine(r)) {
            finish(r);
            return false;
        }
        WdException refused = dispatchOrMove(r);
        if (refused != null) {
            finishRefused(r, refused);
            throw refused;
        }
        return true;
    }

    private WdException dispatchOrMove(EngineRequest r) {
        return dispatchOrMove(r, true);
    }

    /**
     * Dispatches; a stream whose engine has no queue open any more (its driver stopping) moves to
     * another engine if it can, and the request is dispatched again: a few times, as the pick
     * after a move may start the stream on another driver that is stopping too.
     */
    private WdException dispatchOrMove(EngineRequest r, boolean mayWait) {
        WdException refused = dispatch(r, mayWait);
        for (int moves = 0; refused != null && refused.status() == WdStatus.DRIVER_GONE && r.session().isStream()
                && moves < MAX_MOVES && r.session().move(refused.getMessage()); moves++) {
            r.source().resetPositions(); // nothing of the request is delivered before it is sent again
            r.destination().resetPositions();
            refused = dispatch(r, mayWait);
        }
        return refused;
    }

    /**
     * Spin when the request is expected to finish soon (including the work queued ahead of
     * it on its device), park otherwise: the short versus long request of the layering. The
     * device's model predicts it ({@code DeviceModel.spinNanos}); while the model does not know
     * this kind of request yet, the queue's measured throughput does.
     */
    private static long spinNanos(EngineQueue q, EngineRequest r, Settings st) {
        if (q == null || st.spinThresholdNanos() == 0) {
            return 0;
        }
        long modelled = q.model().spinNanos(r.modelCell, r.size(), st.spinThresholdNanos(), MIN_SPIN_NANOS);
        if (modelled >= 0) {
            return modelled;
        }
        long expected = q.expectedNanos(0);
        if (expected > st.spinThresholdNanos()) {
            return 0;
        }
        return Math.min(2 * st.spinThresholdNanos(), Math.max(MIN_SPIN_NANOS, 2 * expected));
    }

    private void start(EngineRequest r, boolean sync, Completion completion) {
        AbstractSession s = r.session();
        try {
            s.checkOpen();
            validate(r);
            r.begin(sync, completion);
        } catch (WdException e) {
            s.counters().failed(e.status());
            throw e;
        }
        try {
            s.beforeDispatch(r);
        } catch (WdException e) {
            r.abandon();
            s.counters().failed(e.status());
            chargeGoneDriver(r, e.status());
            throw e;
        }
        r.markBuffers();
        s.work().submitted(r.operation, r.size(), r.declaredWork);
    }

    private static void validate(EngineRequest r) {
        if (r.operation == null) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, "operation not set (COMPRESS or DECOMPRESS)");
        }
        if (r.source == null) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, "source not set");
        }
        if (r.destination == null) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, "destination not set");
        }
        // A list without a single buffer: drivers that take one flat buffer have nothing to
        // point the device at, so every driver gets the same answer here (an empty buffer is fine).
        if (r.source.size() == 0) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, "source has no buffer (give an empty one for no input)");
        }
        if (r.destination.size() == 0) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, "destination has no buffer");
        }
        if (r.destination.isReadOnly()) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, "destination has a read-only buffer");
        }
    }

    /** A request refused before it was ever sent: the caller gets the exception, no callback runs. */
    private static void finishRefused(EngineRequest r, WdException e) {
        r.failed(e, null);
        account(r);
        r.session().afterCompletion(r);
        r.completion = null;
        r.markDone();
    }

    // ---- dispatch -----------------------------------------------------------------------

    /**
     * Sends the request to a queue. Returns null when sent, or the reason it could not be:
     * no driver serves it, no room and the caller does not wait, or the wait timed out.
     */
    WdException dispatch(EngineRequest r, boolean mayWait) {
        RequestKey key = r.key();
        CapacityLine line = engine.line();
        boolean inLine = false;
        int misses = 0;
        JobSlot handed = null;
        boolean sent = false;
        try {
            prepareModel(r);
            boolean prepared = true; // the first pick's checks were just worked out
            for (;;) {
                EngineQueue q;
                JobSlot slot;
                QueueViewImpl view = engine.views().view();
                if (handed != null) {
                    // A releasing thread gave us this slot directly (our turn in the line).
                    slot = handed;
                    q = slot.queue;
                    handed = null;
                } else {
                    if (!prepared) {
                        key.beginPick();
                    }
                    prepared = false;
                    q = engine.schedulers().pick(key, view, engine.settings());
                    slot = q == null ? null : admitted(q, q.tryAcquire(), key);
                }
                if (slot != null) {
                    inLine = stopWaiting(r, inLine);
                    WdException refused = send(q, slot, r);
                    if (refused == null) {
                        sent = true;
                        return null;
                    }
                    if (refused != REFUSED_FULL) {
                        return refused;
                    }
                }
                if (q != null && ++misses < MAX_MISSES) {
                    continue;
                }
                // Picks go by in-flight counts, which lag the slot pools for an instant: before
                // waiting, try the pool of every queue that may take the request.
                JobSlot swept = sweep(view, key);
                if (swept != null) {
                    inLine = stopWaiting(r, inLine);
                    WdException refused = send(swept.queue, swept, r);
                    if (refused == null) {
                        sent = true;
                        return null;
                    }
                    if (refused != REFUSED_FULL) {
                        return refused;
                    }
                }
                if (key.fallback() == FallbackPolicy.HARDWARE_ONLY && !view.anyCouldServe(key)
                        && hardwareCannotServe(key)) {
                    return unsupported(key);
                }
                boolean waits = mayWait && r.session().spec().backpressure() == Backpressure.WAIT;
                long graceEnd = 0;
                if (key.fallback() != FallbackPolicy.HARDWARE_ONLY && !view.anyCouldServe(key)) {
                    graceEnd = waits ? engine.views().startupGraceEnd() : 0;
                    if (graceEnd == 0) {
                        return noDriver(key);
                    }
                }
                if (!waits) {
                    return busy(key, view);
                }
                if (r.deadlineNanos == 0) {
                    r.deadlineNanos = System.nanoTime() + r.session().waitTimeoutNanos();
                }
                long until = r.deadlineNanos;
                if (graceEnd != 0 && graceEnd - until < 0) {
                    until = graceEnd; // waiting for a first driver: no longer than the start-up grace
                }
                if (!inLine) {
                    line.enter(r);
                    inLine = true;
                }
                handed = line.park(r, until);
                if (handed == null && System.nanoTime() - until >= 0) {
                    QueueViewImpl now = engine.views().view();
                    if (key.fallback() != FallbackPolicy.HARDWARE_ONLY && !now.anyCouldServe(key)) {
                        return noDriver(key);
                    }
                    return timedOut(r, key, now);
                }
                misses = 0;
            }
        } finally {
            if (!sent) {
                stopWaiting(r, inLine);
            }
        }
    }

    /**
     * The request is about to be sent (or gives up): it leaves the line and its pick is over. Done
     * before the send, never after: the send may complete the request, and from then on it is its
     * caller's to use again — a next dispatch of it, on another thread, whose pick and place in
     * line nothing of this one may touch (a slot handed over meanwhile would be lost, the waiter
     * taken out of the line).
     *
     * @return false: no longer in line
     */
    private boolean stopWaiting(EngineRequest r, boolean inLine) {
        r.key().endPick();
        if (inLine) {
            engine.line().leave(r);
        }
        return false;
    }

    /**
     * Where the request sits in the performance models, whether picks predict for it, and whether
     * it is one of the few that explore another device; works out the request's side of the
     * queues' checks for its first pick ({@link RequestKey#beginPick}).
     */
    public void prepareModel(EngineRequest r) {
        Settings st = engine.settings();
        r.key().beginPick();
        r.modelCell = RequestClass.of(r.operation, r.session().spec().algorithm(), r.session().spec().level(), r.size());
        r.predicts = st.pickByFinishTime();
        r.exploreTarget = st.pickByFinishTime() && !r.session().isStream()
                ? engine.explorer().target(r.key(), engine.views().view(), r.modelCell, engine.clock()) : null;
    }

    /** A free slot on any queue that may take the request, in view order (driver priority first), or null. */
    private static JobSlot sweep(QueueViewImpl view, RequestKey key) {
        for (int i = 0; i < view.size(); i++) {
            EngineQueue q = view.get(i);
            if (q.mayTake(key)) {
                JobSlot slot = admitted(q, q.tryAcquire(), key);
                if (slot != null) {
                    return slot;
                }
            }
        }
        return null;
    }

    /**
     * The policy is asked again once the slot is taken: a policy that withdrew the queue meanwhile
     * and found it idle (it reads the in-flight count after withdrawing it, this thread after
     * taking the slot) must be able to rely on no request it refused going there.
     */
    private static JobSlot admitted(EngineQueue q, JobSlot slot, RequestKey key) {
        if (slot != null && !q.admits(key)) {
            q.release(slot);
            return null;
        }
        return slot;
    }

    /** Marker: the driver refused the job because the queue was full (or, under AUTO, to start its stream); pick again. */
    private static final WdException REFUSED_FULL = new WdException(WdStatus.BUSY, "queue full");

    /** Sends on a taken slot: null when sent, REFUSED_FULL when the driver refused, or a failure. */
    private WdException send(EngineQueue q, JobSlot slot, EngineRequest r) {
        try {
            r.session().beforeSend(q);
        } catch (RuntimeException e) {
            q.release(slot);
            if (q.isHardware() && r.session().spec().fallback() == FallbackPolicy.AUTO && r.session().spec().driver() == null
                    && !r.forceCpu) {
                // The hardware could not start the stream (its devices went away under the pick, say):
                // nothing was sent, so under AUTO the CPU gets its chance, as after a device error.
                r.forceCpu = true;
                return REFUSED_FULL;
            }
            return e instanceof WdException ? (WdException) e
                    : new WdException(WdStatus.INTERNAL, "driver " + q.driver() + " failed to create the stream state: "
                            + e, e);
        }
        try {
            if (!q.submit(slot, r, r.session().outputLimit())) {
                return REFUSED_FULL;
            }
        } catch (WdException e) {
            return e;
        }
        if (q.completionMode() == CompletionMode.POLL && !callerWillReap(q, r)) {
            engine.wakePoller();
        }
        return null;
    }

    /**
     * A sync caller about to spin reaps its own completion: the poller need not wake for it
     * and take a core from the device and the caller. Should the caller park after all, it
     * wakes the poller first ({@link EngineRequest#awaitDone}).
     */
    private boolean callerWillReap(EngineQueue q, EngineRequest r) {
        return r.isSync() && r.caller == Thread.currentThread() && spinNanos(q, r, engine.settings()) > 0;
    }

    private static WdException noDriver(RequestKey key) {
        String which = key.fallback() == FallbackPolicy.SOFTWARE_ONLY ? "no CPU driver" : "no driver";
        String what = key.algorithm().uadkName() + " " + key.operation().name().toLowerCase()
                + (key.window().bytes() < 32 * 1024 ? " with a " + key.window() + " window" : "")
                + (key.frame().isDefault() ? "" : " with frame options " + key.frame());
        if (key.requiredBinding() != null) {
            return new WdException(WdStatus.DRIVER_GONE,
                    "no queue of driver " + key.requiredBinding().name() + " holding this stream is open");
        }
        if (key.pinnedDriver() != null) {
            return new WdException(WdStatus.NO_DRIVER, "driver " + key.pinnedDriver() + " is not present or serves no "
                    + what + (key.fallback() == FallbackPolicy.AUTO ? "" : " under " + key.fallback()));
        }
        return new WdException(WdStatus.NO_DRIVER, which + " serves " + what);
    }

    /**
     * Some hardware driver is bound and none lists the request in its capability matrix with a
     * device that serves it (zstd decompression on a compress-only device): waiting cannot help.
     */
    private boolean hardwareCannotServe(RequestKey key) {
        boolean anyHardware = false;
        for (DriverBinding b : engine.drivers().all()) {
            if (!b.calcType().isHardware() || b.isRemoved()) {
                continue;
            }
            List<? extends Device> devices = b.driver().devices();
            if (devices.isEmpty()) {
                return false; // its devices are gone for now (removed, resetting): they may come back
            }
            anyHardware = true;
            if (b.serves(key.algorithm(), key.operation(), key.stream())) {
                for (Device d : devices) {
                    if (d.serves(key.algorithm(), key.operation(), key.window())) {
                        return false;
                    }
                }
            }
        }
        return anyHardware;
    }

    private static WdException unsupported(RequestKey key) {
        return new WdException(WdStatus.UNSUPPORTED, "no hardware driver serves " + key.algorithm().uadkName() + " "
                + (key.stream() ? "stream " : "") + key.operation().name().toLowerCase()
                + " (HARDWARE_ONLY; see wd:drivers for each driver's capability matrix)");
    }

    private static WdException busy(RequestKey key, QueueViewImpl view) {
        return new WdException(WdStatus.BUSY, "all " + view.countCouldServe(key) + " queues for "
                + key.algorithm().uadkName() + " " + key.operation().name().toLowerCase() + " are full");
    }

    private static WdException timedOut(EngineRequest r, RequestKey key, QueueViewImpl view) {
        long ms = r.session().waitTimeoutNanos() / 1_000_000;
        int n = view.countCouldServe(key);
        String kind = key.fallback() == FallbackPolicy.HARDWARE_ONLY ? "hardware " : "";
        String what = key.algorithm().uadkName() + " " + key.operation().name().toLowerCase();
        String msg = n == 0 ? "no " + kind + "queue serves " + what + "; waited " + ms + " ms"
                : "all " + n + " " + kind + "queues for " + what + " stayed busy for " + ms + " ms";
        return new WdException(WdStatus.TIMEOUT, msg);
    }

    // ---- completion -----------------------------------------------------------------------

    @Override
    public void jobFinished(EngineQueue q, EngineRequest r, WdStatus status, String detail, boolean endOfStream,
            long consumed, long produced) {
        if (status == WdStatus.OK) {
            String wrong = engine.verification().rejects(q, r, r.session(), consumed, produced, endOfStream);
            if (wrong != null) {
                // Never delivered: served again on another engine (the device is quarantined now);
                // under AUTO on the CPU once the retries are spent, so that AUTO work never fails for it.
                // A stream's state took the request's input: it moves from its last checkpoint first.
                engine.usage().failedOn(q, true);
                boolean retriesLeft = r.attempts < engine.settings().retries();
                boolean auto = r.session().spec().fallback() == FallbackPolicy.AUTO;
                if (!retriesLeft && auto) {
                    r.forceCpu = true;
                }
                String cause = describe(q, WdStatus.DEVICE_ERROR, wrong);
                resendOrFail(q, r, WdStatus.DEVICE_ERROR, cause,
                        (retriesLeft || auto) && (!r.session().isStream() || r.session().move(cause)));
                return;
            }
            q.counters().completed(consumed, produced);
            r.succeeded(consumed, produced, endOfStream, q);
            if (r.session().continuesAfter(r)) {
                sendNext(q, r);
                return;
            }
            finish(r);
            return;
        }
        engine.usage().failedOn(q, status.isQueueFailure());
        if (status == WdStatus.DEVICE_ERROR || status == WdStatus.TIMEOUT) {
            engine.quarantine().deviceError(q, describe(q, status, detail));
        }
        if (status == WdStatus.QUEUE_CLOSED) {
            // The queue says it is closed (its driver closed it: device removed, driver
            // stopping): no more requests for it, or the re-send below would keep picking it
            // and burn the retries. The watchdog closes and replaces it (isStopped).
            q.healthy(false);
        }
        String cause = describe(q, status, detail);
        boolean retry = status.isQueueFailure() && mayRetry(r, status, cause);
        if (retry && status == WdStatus.DEVICE_ERROR) {
            r.forceCpu = true;
        }
        resendOrFail(q, r, status, cause, retry);
    }

    /** Sends a request whose job failed on {@code q} again, when it may go again; else fails it. */
    private void resendOrFail(EngineQueue q, EngineRequest r, WdStatus status, String cause, boolean retry) {
        if (retry) {
            if (status != WdStatus.QUEUE_CLOSED) {
                // A closed queue is out of the picks now (above): trying the next one costs no retry,
                // else a driver closing more queues than there are retries would lose requests.
                r.attempts++;
            }
            r.source.resetPositions();
            r.destination.resetPositions();
            // This thread (a driver worker, the poller) must not block: try once, else hand over.
            WdException again = dispatchOrMove(r, false);
            if (again == null) {
                return;
            }
            if (again.status() == WdStatus.BUSY && r.session().spec().backpressure() == Backpressure.WAIT) {
                engine.resender().resend(r, new WdException(status, cause), q);
                return;
            }
            cause = cause + "; re-sending failed: " + again.getMessage();
        }
        fail(r, new WdException(status, cause), q);
    }

    /** A stream's request goes on with its next job (a resuming stream replays its kept input first). */
    private void sendNext(EngineQueue q, EngineRequest r) {
        WdException again = dispatchOrMove(r, false);
        if (again == null) {
            return;
        }
        if (again.status() == WdStatus.BUSY && r.session().spec().backpressure() == Backpressure.WAIT) {
            engine.resender().resend(r, again, q);
            return;
        }
        fail(r, again, q);
    }

    /** Completes a request with an error. */
    void fail(EngineRequest r, WdException e, EngineQueue lastQueue) {
        r.failed(e, lastQueue);
        finish(r);
    }

    private boolean mayRetry(EngineRequest r, WdStatus status, String cause) {
        if (r.attempts >= engine.settings().retries()) {
            return false;
        }
        // A device error under HARDWARE_ONLY is the caller's answer; under AUTO the CPU takes over.
        if (status == WdStatus.DEVICE_ERROR && r.session().spec().fallback() != FallbackPolicy.AUTO) {
            return false;
        }
        // A stream's state was that engine's: the request goes again only if the stream can move.
        return !r.session().isStream() || r.session().move(cause);
    }

    private static String describe(EngineQueue q, WdStatus status, String detail) {
        String where = "driver " + q.driver() + " device " + q.device();
        if (status == WdStatus.QUEUE_CLOSED || status == WdStatus.DRIVER_GONE) {
            return where + ": " + status.text() + (detail == null ? "" : " (" + detail + ")");
        }
        return (detail == null || detail.isEmpty() ? status.text() : detail) + " [" + where + "]";
    }

    /** Hands a finished request to its caller: wake the sync waiter, or deliver the callback. */
    void finish(EngineRequest r) {
        account(r);
        r.session().afterCompletion(r);
        if (r.completion == null) {
            r.markDone();
            return;
        }
        if (engine.settings().completion() == Settings.CompletionDelivery.CALLER) {
            r.session().deliverLater(r);
            return;
        }
        deliver(r);
    }

    /** A stream's request failed because its driver went away: counted as failed on that driver too. */
    private static void chargeGoneDriver(EngineRequest r, WdStatus status) {
        DriverBinding b = r.session().boundBinding();
        if (status == WdStatus.DRIVER_GONE && b != null) {
            r.session().engine().usage().failedOnDriver(b.name());
        }
    }

    /** Charges a finished request to its consumer: counts, bytes, who served it, its time and CPU. */
    private static void account(EngineRequest r) {
        r.session().work().completed(r.operation, r.size(), r.declaredWork);
        if (r.hypervisorTag != 0) {
            r.session().engine().usage().tagCompleted(r);
        }
        ConsumerCounters c = r.session().counters();
        if (r.error() == null) {
            c.succeeded(r.session().spec().algorithm(), r.operation, r.servedByHardware(), r.consumed(), r.produced());
        } else {
            c.failed(r.status());
            if (r.servedBy() == null) {
                chargeGoneDriver(r, r.status());
            }
        }
        long now = r.session().engine().clock().nanoTime();
        long sent = r.sentNanos();
        if (sent != 0) {
            c.timed(sent - r.startNanos, now - sent, r.servedByHardware(), r.cpuNanos);
        } else {
            c.timed(now - r.startNanos, 0, false, r.cpuNanos);
        }
    }

    /** Runs the callback of a finished async request; a throwing callback harms nobody else. */
    public void deliver(EngineRequest r) {
        Completion c = r.completion;
        r.completion = null;
        r.markDone();
        try {
            c.completed(r);
        } catch (Throwable t) {
            callbackFailed(r.session().consumer(), t);
        }
    }

    private void callbackFailed(Consumer consumer, Throwable t) {
        callbackFaults.increment();
        engine.log().warnOnce("callback:" + consumer.name(),
                "a completion callback of " + consumer + " threw " + t + "; ignored, the platform carries on");
    }
}
