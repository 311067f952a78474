package io.warpdrive.lib.format;

import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import java.nio.ByteBuffer;

/** An {@link Lz4Sink} over one buffer with an output limit. */
final class Lz4TestSink implements Lz4Sink {
    final ByteBuffer out;
    long allowance;
    private final boolean offersDirect;

    Lz4TestSink(ByteBuffer out, long allowance, boolean offersDirect) {
        this.out = out;
        this.allowance = allowance;
        this.offersDirect = offersDirect;
    }

    @Override
    public boolean write(ByteBuffer stage) {
        while (stage.hasRemaining()) {
            if (!out.hasRemaining()) {
                return false;
            }
            if (allowance == 0) {
                throw new WdException(WdStatus.OUTPUT_LIMIT_EXCEEDED, "the output limit is reached");
            }
            int n = (int) Math.min(Math.min(out.remaining(), stage.remaining()), allowance);
            out.put(out.position(), stage, stage.position(), n);
            out.position(out.position() + n);
            stage.position(stage.position() + n);
            allowance -= n;
        }
        return true;
    }

    @Override
    public ByteBuffer direct(int length) {
        return offersDirect && out.remaining() >= length && allowance >= length ? out : null;
    }

    @Override
    public void advance(int n) {
        out.position(out.position() + n);
        allowance -= n;
    }

    @Override
    public long allowance() {
        return allowance;
    }

    byte[] written() {
        byte[] bytes = new byte[out.position()];
        out.duplicate().flip().get(bytes);
        return bytes;
    }
}
