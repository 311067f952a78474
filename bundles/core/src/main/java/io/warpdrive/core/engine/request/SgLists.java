package io.warpdrive.core.engine.request;

import io.warpdrive.comp.SgList;
import java.nio.ByteBuffer;

/** Position arithmetic on scatter-gather lists the engine needs around bounce buffers. */
final class SgLists {
    private SgLists() {
    }

    /** Advances the segments' positions by {@code n} bytes in order. */
    static void advance(SgList list, long n) {
        for (int i = 0, size = list.size(); i < size && n > 0; i++) {
            ByteBuffer b = list.get(i);
            int step = (int) Math.min(n, b.remaining());
            b.position(b.position() + step);
            n -= step;
        }
    }
}
