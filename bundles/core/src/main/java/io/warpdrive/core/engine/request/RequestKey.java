package io.warpdrive.core.engine.request;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.FallbackPolicy;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.SessionSpec;
import io.warpdrive.comp.WindowSize;
import io.warpdrive.core.engine.queue.DriverBinding;
import io.warpdrive.sched.PriorityLevel;
import io.warpdrive.sched.SchedKey;
import io.warpdrive.sched.SchedSession;

/** The scheduler's view of one request: a flyweight over the request and its session, never copied. */
public final class RequestKey implements SchedKey {
    private final EngineRequest request;
    /** The session's spec, read by every queue's checks in a pick: one load rather than three. */
    private final SessionSpec spec;

    RequestKey(EngineRequest request) {
        this.request = request;
        this.spec = request.session.spec;
    }

    @Override
    public String consumer() {
        return request.session.consumer.name;
    }

    @Override
    public long consumerId() {
        return request.session.consumer.bundleId;
    }

    @Override
    public Operation operation() {
        return request.operation;
    }

    @Override
    public Algorithm algorithm() {
        return spec.algorithm();
    }

    @Override
    public WindowSize window() {
        return spec.window();
    }

    @Override
    public boolean sync() {
        return request.sync;
    }

    @Override
    public boolean stream() {
        return request.session.isStream();
    }

    @Override
    public String requiredDriver() {
        DriverBinding b = request.session.boundBinding();
        return b != null ? b.name : spec.driver();
    }

    /** The compression level the session asks for (1..9). */
    public int level() {
        return spec.level();
    }

    /** The driver the session pins its requests to by name, or null. */
    public String pinnedDriver() {
        return spec.driver();
    }

    @Override
    public long size() {
        return request.size;
    }

    @Override
    public int numaNode() {
        return spec.numaNode();
    }

    @Override
    public PriorityLevel priority() {
        return request.session.level;
    }

    @Override
    public FallbackPolicy fallback() {
        return spec.fallback();
    }

    @Override
    public int hardwareInFlight() {
        return request.session.consumer.hardwareInFlight();
    }

    @Override
    public SchedSession session() {
        return request.session;
    }

    @Override
    public String contextTag() {
        return spec.contextTag();
    }

    /** The driver instance a stream's state belongs to (identity, not just the name). */
    public DriverBinding requiredBinding() {
        return request.session.boundBinding();
    }

    /** The request waits in the capacity line (it may take hardware held back for waiters). */
    public boolean inLine() {
        return request.inLine;
    }

    /** The request's cell in the performance models, or -1. */
    public int modelCell() {
        return request.modelCell;
    }

    boolean predicts() {
        return request.predicts;
    }

    /**
     * The finish prediction for this request on a device, computed once per device and pick: 0 when
     * the request predicts nothing (no cell, picks by priority) or explores this device.
     */
    public long finishOn(io.warpdrive.core.model.DeviceModel model) {
        EngineRequest r = request;
        if (r.predictedFor != model) {
            r.predictedFinish = r.modelCell < 0 || !r.predicts || r.exploreTarget == model ? 0
                    : model.finishNanos(r.modelCell, r.size, r.sync);
            r.predictedFor = model;
        }
        return r.predictedFinish;
    }

    /** A new pick predicts afresh (the queued work has moved). */
    void forgetPredictions() {
        request.predictedFor = null;
    }

    /** The device whose model this request keeps current, or null. */
    io.warpdrive.core.model.DeviceModel exploreTarget() {
        return request.exploreTarget;
    }

    /** Set after a device error under AUTO: retry on a CPU driver. */
    public boolean forceCpu() {
        return request.forceCpu;
    }

    @Override
    public String toString() {
        return request.session.spec.algorithm().uadkName() + " " + request.operation + " " + request.size + " B "
                + (request.sync ? "sync" : "async") + " " + request.session.spec.fallback() + " from "
                + consumer();
    }
}
