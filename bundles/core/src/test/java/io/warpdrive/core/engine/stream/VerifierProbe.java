package io.warpdrive.core.engine.stream;

/** Lets tests outside this package see a stream's verifier: whether it has one, and whether it was ended. */
public final class VerifierProbe {
    private final StreamVerifier verifier;

    private VerifierProbe(StreamVerifier verifier) {
        this.verifier = verifier;
    }

    /** The verifier of the stream {@code c} continues, on its current engine; null when it has none. */
    public static VerifierProbe of(StreamContinuity c) {
        StreamVerifier v = c.verifier();
        return v == null ? null : new VerifierProbe(v);
    }

    /** Its inflater was released. */
    public boolean ended() {
        return verifier.ended();
    }
}
