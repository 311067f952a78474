package io.warpdrive.core.engine.session;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Compressor;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.Session;
import io.warpdrive.comp.SessionSpec;
import io.warpdrive.comp.StreamSession;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.core.engine.Engine;
import java.util.ArrayList;
import java.util.concurrent.atomic.AtomicReferenceArray;

/** The Compressor of one consumer bundle. */
public final class CompressorImpl implements Compressor {
    final Engine engine;
    public final Consumer consumer;
    /** Sessions with default settings for the one-shot array methods, one per algorithm. */
    private final AtomicReferenceArray<Session> defaults = new AtomicReferenceArray<>(Algorithm.values().length);

    public CompressorImpl(Engine engine, Consumer consumer) {
        this.engine = engine;
        this.consumer = consumer;
    }

    /** The Compressor of one consumer bundle, classed by its symbolic name alone (tests outside a framework). */
    public static CompressorImpl of(Engine engine, String symbolicName, String version, long bundleId) {
        return of(engine, symbolicName, version, bundleId, engine.settings().isSystem(symbolicName));
    }

    /** The Compressor of one consumer bundle of the given class. */
    public static CompressorImpl of(Engine engine, String symbolicName, String version, long bundleId, boolean system) {
        Consumer c = new Consumer(symbolicName, version, bundleId, system,
                engine.usage().consumer(symbolicName, version, bundleId));
        CompressorImpl impl = new CompressorImpl(engine, c);
        engine.consumerQueues().arrived(c);
        return impl;
    }

    @Override
    public Session openSession(SessionSpec spec) {
        engine.checkRunning();
        SessionImpl s = new SessionImpl(engine, consumer, spec);
        consumer.sessions().add(s);
        return s;
    }

    @Override
    public StreamSession openStream(Operation operation, SessionSpec spec) {
        engine.checkRunning();
        StreamSessionImpl s = new StreamSessionImpl(engine, consumer, operation, spec);
        consumer.sessions().add(s);
        return s;
    }

    @Override
    public int poll(int budget, long waitNanos) {
        return engine.callerPolling().poll(consumer.inbox(), budget, waitNanos, io.warpdrive.comp.PollTarget.all());
    }

    @Override
    public int poll(int budget, long waitNanos, io.warpdrive.comp.PollTarget target) {
        if (target == null) {
            throw new io.warpdrive.comp.WdException(io.warpdrive.comp.WdStatus.INVALID_ARGUMENT,
                    "a poll target is required (PollTarget.all() for every queue)");
        }
        return engine.callerPolling().poll(consumer.inbox(), budget, waitNanos, target);
    }

    @Override
    public io.warpdrive.comp.Reservation reserve(Operation operation, int queues, io.warpdrive.comp.FallbackPolicy where) {
        return engine.reservations().reserve(consumer, operation, queues, where);
    }

    @Override
    public io.warpdrive.comp.Reservation reserve(Operation operation, int queues, io.warpdrive.comp.FallbackPolicy where,
            java.time.Duration timeout) {
        return engine.reservations().reserve(consumer, operation, queues, where, timeout);
    }

    @Override
    public long maxCompressedLength(Algorithm algorithm, long inputLength) {
        if (algorithm == null) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, "algorithm is required");
        }
        return DeflateBound.of(algorithm, inputLength);
    }

    @Override
    public byte[] compress(Algorithm algorithm, byte[] data) {
        return defaultSession(algorithm).compress(data);
    }

    @Override
    public byte[] decompress(Algorithm algorithm, byte[] data) {
        return defaultSession(algorithm).decompress(data);
    }

    private Session defaultSession(Algorithm algorithm) {
        if (algorithm == null) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, "algorithm is required");
        }
        Session s = defaults.get(algorithm.ordinal());
        if (s == null || s.isClosed()) {
            Session fresh = openSession(SessionSpec.of(algorithm));
            if (defaults.compareAndSet(algorithm.ordinal(), s, fresh)) {
                s = fresh;
            } else {
                fresh.close();
                s = defaults.get(algorithm.ordinal());
            }
        }
        return s;
    }

    /** The consumer is going away: close its sessions and give back its reservations (requests in flight still complete). */
    public void close() {
        engine.consumerQueues().left(consumer);
        for (AbstractSession s : new ArrayList<>(consumer.sessions())) {
            s.close();
        }
        for (ReservationImpl r : new ArrayList<>(consumer.reservations())) {
            r.close();
        }
    }
}
