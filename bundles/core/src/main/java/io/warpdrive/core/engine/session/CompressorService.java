package io.warpdrive.core.engine.session;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Compressor;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.Session;
import io.warpdrive.comp.SessionSpec;
import io.warpdrive.comp.StreamSession;
import io.warpdrive.core.engine.Engine;
import org.osgi.framework.Bundle;
import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;

/**
 * The {@link Compressor} service, with bundle scope: every consumer bundle gets its own
 * instance, so the engine knows who asks. When the consumer releases the service (or
 * stops), its sessions are closed.
 */
// The component name it had before the engine was split into rooms (seen by the shell, web console, SCR).
@Component(name = "io.warpdrive.core.engine.CompressorService", service = Compressor.class, scope = ServiceScope.BUNDLE)
public final class CompressorService implements Compressor {

    @Reference
    private Engine engine;

    private CompressorImpl delegate;

    @Activate
    void activate(ComponentContext context) {
        Bundle consumer = context.getUsingBundle();
        delegate = CompressorImpl.of(engine, consumer.getSymbolicName(), consumer.getVersion().toString(),
                consumer.getBundleId(), engine.settings().isSystem(consumer));
    }

    @Deactivate
    void deactivate() {
        delegate.close();
    }

    @Override
    public Session openSession(SessionSpec spec) {
        return delegate.openSession(spec);
    }

    @Override
    public StreamSession openStream(Operation operation, SessionSpec spec) {
        return delegate.openStream(operation, spec);
    }

    @Override
    public int poll(int budget, long waitNanos) {
        return delegate.poll(budget, waitNanos);
    }

    @Override
    public int poll(int budget, long waitNanos, io.warpdrive.comp.PollTarget target) {
        return delegate.poll(budget, waitNanos, target);
    }

    @Override
    public io.warpdrive.comp.Reservation reserve(Operation operation, int queues, io.warpdrive.comp.FallbackPolicy where) {
        return delegate.reserve(operation, queues, where);
    }

    @Override
    public io.warpdrive.comp.Reservation reserve(Operation operation, int queues, io.warpdrive.comp.FallbackPolicy where,
            java.time.Duration timeout) {
        return delegate.reserve(operation, queues, where, timeout);
    }

    @Override
    public long maxCompressedLength(Algorithm algorithm, long inputLength) {
        return delegate.maxCompressedLength(algorithm, inputLength);
    }

    @Override
    public byte[] compress(Algorithm algorithm, byte[] data) {
        return delegate.compress(algorithm, data);
    }

    @Override
    public byte[] decompress(Algorithm algorithm, byte[] data) {
        return delegate.decompress(algorithm, data);
    }
}
