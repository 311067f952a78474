package io.warpdrive.core.engine.session;

import io.warpdrive.comp.Algorithm;

/** Upper bound of a compressed stream's size: {@link Algorithm#compressBound}. */
public final class DeflateBound {
    private DeflateBound() {
    }

    public static long of(Algorithm algorithm, long inputLength) {
        return algorithm.compressBound(inputLength);
    }
}
