package io.warpdrive.zip;

import io.warpdrive.comp.Compressor;
import io.warpdrive.comp.Flush;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.Request;
import io.warpdrive.comp.SessionSpec;
import io.warpdrive.comp.StreamSession;
import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;

/**
 * The platform stream behind one {@link PlatformDeflater} or {@link PlatformInflater}: opened
 * at the first request (so settings changed before any data still apply), reset for the next
 * stream, reopened when the settings changed in between. It is also the cleaning action of
 * its owner, so a stream whose owner is dropped without {@code end()} is still released, as
 * the JDK's classes release their zlib state.
 */
final class PlatformStream implements Runnable {
    static final Cleaner CLEANER = Cleaner.create();

    private final Compressor compressor;
    private final Operation operation;
    private SessionSpec spec;
    private StreamSession session;
    private Request request;
    /** A request was sent since the stream (re)started: its settings can no longer change. */
    private boolean started;

    PlatformStream(Compressor compressor, Operation operation, SessionSpec spec) {
        this.compressor = compressor;
        this.operation = operation;
        this.spec = spec;
    }

    SessionSpec spec() {
        return spec;
    }

    boolean started() {
        return started;
    }

    /**
     * Settings for the stream: applied now when no request was sent yet, else at the next
     * {@link #reset()}.
     */
    void respec(SessionSpec next) {
        if (next.equals(spec)) {
            return;
        }
        spec = next;
        if (!started) {
            closeSession();
        }
    }

    /** One request of the stream; source and destination advance by what it consumed and produced. */
    Request execute(ByteBuffer source, ByteBuffer destination, Flush flush) {
        if (session == null) {
            session = compressor.openStream(operation, spec);
            request = session.newRequest();
        }
        started = true;
        session.execute(request.source(source).destination(destination).flush(flush));
        return request;
    }

    /** Starts a new stream, with the latest settings. */
    void reset() {
        if (session != null && !session.spec().equals(spec)) {
            closeSession();
        } else if (session != null) {
            session.reset();
        }
        started = false;
    }

    private void closeSession() {
        if (session != null) {
            StreamSession s = session;
            session = null;
            request = null;
            s.close();
        }
    }

    /** Releases the stream; the cleaning action too. */
    @Override
    public void run() {
        closeSession();
    }
}
