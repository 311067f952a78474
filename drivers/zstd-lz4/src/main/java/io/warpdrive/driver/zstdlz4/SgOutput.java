package io.warpdrive.driver.zstdlz4;

import io.warpdrive.comp.SgList;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.lib.format.Lz4Sink;
import java.nio.ByteBuffer;

/**
 * Where a job's output goes: its destination list, segment by segment, within the job's
 * output limit. Reused from job to job; {@link #finish()} forgets the caller's buffers.
 */
final class SgOutput implements Lz4Sink {
    private SgList list;
    private int index;
    private long allowance;

    void start(SgList destination, long outputLimit) {
        list = destination;
        index = 0;
        allowance = outputLimit;
    }

    void finish() {
        list = null;
    }

    /**
     * Copies as much of {@code stage} (from its position to its limit) as the destination and
     * the limit take, advancing both.
     *
     * @return true when all of it was written; false when some is left pending
     * @throws WdException OUTPUT_LIMIT_EXCEEDED when the limit, not the destination, stops it
     */
    @Override
    public boolean write(ByteBuffer stage) {
        while (stage.hasRemaining()) {
            ByteBuffer segment = nextWithRoom();
            if (segment == null) {
                return false;
            }
            if (allowance == 0) {
                throw limitExceeded();
            }
            int n = (int) Math.min(Math.min(segment.remaining(), stage.remaining()), allowance);
            int end = stage.limit();
            stage.limit(stage.position() + n);
            segment.put(stage);
            stage.limit(end);
            allowance -= n;
        }
        return true;
    }

    /** True when the output limit, not the destination's size, bounds what may still be written. */
    boolean limitBinds(long room) {
        return allowance < room;
    }

    @Override
    public long allowance() {
        return allowance;
    }

    @Override
    public ByteBuffer direct(int length) {
        ByteBuffer segment = nextWithRoom();
        return segment != null && segment.remaining() >= length && allowance >= length ? segment : null;
    }

    @Override
    public void advance(int n) {
        ByteBuffer segment = list.get(index);
        segment.position(segment.position() + n);
        allowance -= n;
    }

    /** Accounts for {@code n} bytes the caller wrote straight into the destination. */
    void wrote(long n) {
        allowance -= n;
    }

    static WdException limitExceeded() {
        return new WdException(WdStatus.OUTPUT_LIMIT_EXCEEDED, "the output limit is reached");
    }

    private ByteBuffer nextWithRoom() {
        for (; index < list.size(); index++) {
            ByteBuffer segment = list.get(index);
            if (segment.hasRemaining()) {
                return segment;
            }
        }
        return null;
    }
}
