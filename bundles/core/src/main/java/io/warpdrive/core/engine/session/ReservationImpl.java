package io.warpdrive.core.engine.session;

import io.warpdrive.comp.Operation;
import io.warpdrive.comp.Reservation;
import io.warpdrive.core.engine.Engine;
import io.warpdrive.core.engine.queue.EngineQueue;
import java.util.List;

/** Queues opened for one consumer alone; closing drains and closes them. */
public final class ReservationImpl implements Reservation {
    private final Engine engine;
    private final Consumer consumer;
    private final Operation operation;
    private final List<EngineQueue> queues;
    private volatile boolean closed;

    public ReservationImpl(Engine engine, Consumer consumer, Operation operation, List<EngineQueue> queues) {
        this.engine = engine;
        this.consumer = consumer;
        this.operation = operation;
        this.queues = List.copyOf(queues);
    }

    @Override
    public Operation operation() {
        return operation;
    }

    @Override
    public int queues() {
        int n = 0;
        for (EngineQueue q : queues) {
            if (q.state() == EngineQueue.OPEN) {
                n++;
            }
        }
        return n;
    }

    /** Queues granted (whatever happened to them since). */
    int granted() {
        return queues.size();
    }

    @Override
    public boolean isHardware() {
        return !queues.isEmpty() && queues.get(0).calcType().isHardware();
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        consumer.reservations().remove(this);
        for (EngineQueue q : queues) {
            q.startDraining();
        }
        engine.views().publish();
    }

    @Override
    public String toString() {
        return queues.size() + " " + operation.name().toLowerCase() + " queue(s) reserved by " + consumer;
    }
}
