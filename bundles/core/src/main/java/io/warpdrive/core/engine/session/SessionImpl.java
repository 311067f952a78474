package io.warpdrive.core.engine.session;

import io.warpdrive.comp.Operation;
import io.warpdrive.comp.Session;
import io.warpdrive.comp.SessionSpec;
import io.warpdrive.comp.SgList;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.core.engine.Engine;
import io.warpdrive.core.engine.request.EngineRequest;
import java.nio.ByteBuffer;
import java.util.Arrays;

/** A stateless session: each request is complete in itself and may go to any queue. */
final class SessionImpl extends AbstractSession implements Session {
    /** The largest array a JVM reliably allocates. */
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 64;

    SessionImpl(Engine engine, Consumer consumer, SessionSpec spec) {
        super(engine, consumer, spec);
    }

    @Override
    public boolean isStream() {
        return false;
    }

    @Override
    public Operation fixedOperation() {
        return null;
    }

    @Override
    public int compress(ByteBuffer src, ByteBuffer dst) {
        return (int) run(Operation.COMPRESS, src, dst);
    }

    @Override
    public int decompress(ByteBuffer src, ByteBuffer dst) {
        return (int) run(Operation.DECOMPRESS, src, dst);
    }

    @Override
    public long compress(SgList src, SgList dst) {
        return run(Operation.COMPRESS, src, dst);
    }

    @Override
    public long decompress(SgList src, SgList dst) {
        return run(Operation.DECOMPRESS, src, dst);
    }

    private long run(Operation op, ByteBuffer src, ByteBuffer dst) {
        EngineRequest r = borrow();
        try {
            r.operation(op).source(requireBuffer(src, "source")).destination(requireBuffer(dst, "destination"));
            engine().dispatcher().execute(r);
            return r.produced();
        } finally {
            giveBack(r);
        }
    }

    private long run(Operation op, SgList src, SgList dst) {
        EngineRequest r = borrow();
        try {
            r.operation(op).source(src).destination(dst);
            engine().dispatcher().execute(r);
            return r.produced();
        } finally {
            giveBack(r);
        }
    }

    @Override
    public byte[] compress(byte[] data) {
        ByteBuffer in = ByteBuffer.wrap(requireArray(data));
        long bound = DeflateBound.of(spec().algorithm(), data.length);
        if (bound > Integer.MAX_VALUE - 64) {
            throw new WdException(WdStatus.INVALID_ARGUMENT,
                    data.length + " bytes may not compress into one array; use a stream");
        }
        ByteBuffer out = ByteBuffer.allocate((int) bound);
        run(Operation.COMPRESS, in, out);
        return Arrays.copyOf(out.array(), out.position());
    }

    /**
     * Decompresses into a growing array: starts at four times the input and doubles on
     * OUTPUT_TOO_SMALL, up to the output limit (the platform's, or the session's when lower).
     */
    @Override
    public byte[] decompress(byte[] data) {
        ByteBuffer in = ByteBuffer.wrap(requireArray(data));
        long limit = Math.min(outputLimit(), MAX_ARRAY);
        long size = Math.min(limit, Math.max(64 * 1024L, 4L * data.length));
        for (;;) {
            ByteBuffer out = ByteBuffer.allocate((int) size);
            try {
                run(Operation.DECOMPRESS, in, out);
                return Arrays.copyOf(out.array(), out.position());
            } catch (WdException e) {
                if (e.status() != WdStatus.OUTPUT_TOO_SMALL) {
                    throw e;
                }
                if (size >= limit) {
                    throw new WdException(WdStatus.OUTPUT_LIMIT_EXCEEDED, "decompressed data exceeds "
                            + (limit == MAX_ARRAY ? "the largest array (" + limit + " bytes); use a stream"
                                    : "the output limit of " + limit + " bytes"));
                }
                size = Math.min(limit, size * 2);
                in.rewind();
            }
        }
    }

    private static ByteBuffer requireBuffer(ByteBuffer b, String what) {
        if (b == null) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, what + " buffer is null");
        }
        return b;
    }

    private static byte[] requireArray(byte[] data) {
        if (data == null) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, "input array is null");
        }
        return data;
    }
}
