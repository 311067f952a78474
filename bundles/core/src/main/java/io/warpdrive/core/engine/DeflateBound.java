package io.warpdrive.core.engine;

import io.warpdrive.comp.Algorithm;

/** Upper bound of a compressed stream's size: {@link Algorithm#compressBound}. */
final class DeflateBound {
    private DeflateBound() {
    }

    static long of(Algorithm algorithm, long inputLength) {
        return algorithm.compressBound(inputLength);
    }
}
