package io.warpdrive.lib.format;

import io.warpdrive.comp.SgList;
import java.nio.ByteBuffer;

/**
 * Walks a source {@link SgList} segment by segment. Consumers (header parser, deflater,
 * inflater, trailer reader) take bytes from {@link #current()} and advance its position
 * themselves; the cursor only finds the next segment with bytes left, so one request's
 * input flows through all of them in order without copying. Reusable through
 * {@link #start}.
 *
 * @since 1.2
 */
public final class SgInput implements FramedInput {
    private SgList list;
    private int index;

    /** Reads from {@code source}, from its first segment with bytes left. */
    public void start(SgList source) {
        list = source;
        index = 0;
    }

    /** Forgets the list so that no reference to the caller's buffers outlives the request. */
    public void clear() {
        list = null;
        index = 0;
    }

    @Override
    public ByteBuffer current() {
        for (; index < list.size(); index++) {
            ByteBuffer segment = list.get(index);
            if (segment.hasRemaining()) {
                return segment;
            }
        }
        return null;
    }

    @Override
    public int peek(int ahead) {
        int skip = ahead;
        for (int i = index; i < list.size(); i++) {
            ByteBuffer segment = list.get(i);
            if (skip < segment.remaining()) {
                return segment.get(segment.position() + skip) & 0xff;
            }
            skip -= segment.remaining();
        }
        return -1;
    }
}
