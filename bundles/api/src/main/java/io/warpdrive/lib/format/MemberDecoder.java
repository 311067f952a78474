package io.warpdrive.lib.format;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;

/**
 * Reads one compressed stream: each member's header, its deflate data through the
 * driver's {@link DeflateEngine}, its trailer, and for gzip the members that follow. The
 * framing is parsed and checked here, once for every driver, so every failure has the same
 * status and message whichever inflater decodes the data: a bad header or deflate data
 * CORRUPT_INPUT, a CRC-32, ISIZE or Adler-32 that differs CHECKSUM_MISMATCH, a zlib preset
 * dictionary UNSUPPORTED, input that ends inside a member TRUNCATED_INPUT, output past the
 * limit OUTPUT_LIMIT_EXCEEDED, a destination too small for a stateless request
 * OUTPUT_TOO_SMALL.
 *
 * <p>Each phase consumes exactly its own bytes, so a stream may be fed in pieces of any
 * size, and what follows the end of a stream (data that does not start another gzip
 * member) is left in the input for the caller. Not thread-safe; one per worker or stream.
 *
 * @since 1.1
 */
public final class MemberDecoder {
    private enum Phase { HEADER, BODY, TRAILER, ENDED }

    private final DeflateEngine engine;
    private final MemberFraming framing = new MemberFraming();
    private Phase phase;

    public MemberDecoder(DeflateEngine engine) {
        this.engine = engine;
    }

    /** Starts reading a new stream of {@code algorithm}. */
    public void start(Algorithm algorithm) {
        framing.start(algorithm);
        startMember();
    }

    /** Starts a new stream with the same algorithm; nothing to do before the first {@link #start}. */
    public void reset() {
        if (framing.algorithm() != null) {
            start(framing.algorithm());
        }
    }

    private void startMember() {
        framing.startMember();
        engine.startMember(framing.algorithm());
        phase = framing.hasFraming() ? Phase.HEADER : Phase.BODY;
    }

    /**
     * Decompresses what {@code in} holds; the engine writes the output.
     *
     * @param lastInput no more input will come: a stream that has not ended by the end of
     *        {@code in} is truncated
     * @param outputLimit the most bytes this call may produce, for the message when the
     *        engine says the limit stopped it
     * @return true when a stream (a gzip member) ended exactly at the end of the input
     *         consumed; bytes after it that do not start another gzip member are left in
     *         {@code in}
     * @throws WdException CORRUPT_INPUT, TRUNCATED_INPUT, CHECKSUM_MISMATCH, UNSUPPORTED or
     *         OUTPUT_LIMIT_EXCEEDED
     */
    public boolean decode(FramedInput in, boolean lastInput, long outputLimit) {
        return run(in, lastInput, false, outputLimit);
    }

    /**
     * Stateless decompression: {@code in} is all the input there is and the engine's
     * output all the room there is.
     *
     * @param room the destination's size, for the message when it is too small
     * @throws WdException OUTPUT_TOO_SMALL when the data goes on past the destination, and
     *         as {@link #decode} otherwise
     */
    public void decodeAll(FramedInput in, long room, long outputLimit) {
        if (!run(in, true, true, outputLimit)) {
            throw new WdException(WdStatus.OUTPUT_TOO_SMALL, "the destination's " + room
                    + " bytes are too small for the decompressed data of " + where());
        }
    }

    /** @param whole stateless: when the output fills up, a probe tells "too small" from "ends here" */
    private boolean run(FramedInput in, boolean lastInput, boolean whole, long outputLimit) {
        for (;;) {
            switch (phase) {
                case HEADER:
                    if (!framing.parseHeader(in)) {
                        return inputEnded(lastInput);
                    }
                    phase = Phase.BODY;
                    break;
                case BODY:
                    DeflateEngine.Stop stop = inflate(false);
                    if (stop == DeflateEngine.Stop.OUTPUT_FULL) {
                        if (engine.limitReached()) {
                            throw new WdException(WdStatus.OUTPUT_LIMIT_EXCEEDED, "decompressed output would exceed"
                                    + " the output limit of " + outputLimit + " bytes in " + where());
                        }
                        if (!whole || (stop = inflate(true)) == DeflateEngine.Stop.OUTPUT_FULL) {
                            return false;
                        }
                    }
                    if (stop == DeflateEngine.Stop.INPUT_EXHAUSTED) {
                        return inputEnded(lastInput);
                    }
                    if (framing.hasFraming()) {
                        phase = Phase.TRAILER;
                    } else {
                        memberEnded();
                    }
                    break;
                case TRAILER:
                    if (!framing.readTrailer(in)) {
                        return inputEnded(lastInput);
                    }
                    framing.verifyTrailer(engine.checksum(), engine.memberOutput());
                    memberEnded();
                    break;
                case ENDED:
                    if (!framing.nextMemberFollows(in)) {
                        return framing.endsHere(in, lastInput);
                    }
                    startMember();
                    break;
                default:
                    throw new IllegalStateException("unknown phase " + phase);
            }
        }
    }

    private DeflateEngine.Stop inflate(boolean probe) {
        try {
            return engine.inflate(probe);
        } catch (WdException e) {
            WdStatus status = e.status();
            String message = status == WdStatus.CORRUPT_INPUT || status == WdStatus.CHECKSUM_MISMATCH
                    ? "corrupt deflate data in " + where() + ": " + e.detail()
                    : e.detail() + " in " + where();
            throw new WdException(status, message, e);
        }
    }

    private void memberEnded() {
        framing.memberEnded();
        phase = Phase.ENDED;
    }

    /** The input ran out before the stream ended: fine unless it was the last input. */
    private boolean inputEnded(boolean lastInput) {
        if (!lastInput) {
            return false;
        }
        if (phase == Phase.HEADER) {
            framing.checkHeaderComplete();
        } else if (phase == Phase.TRAILER) {
            framing.checkTrailerComplete();
        }
        throw new WdException(WdStatus.TRUNCATED_INPUT, "input ended inside the deflate data of " + where()
                + " after " + engine.memberOutput() + " decompressed bytes");
    }

    /** "gzip member 2" or "zlib stream": where the decoder is, for messages. */
    public String where() {
        return framing.where();
    }

    /** True when the last stream (or gzip member) has ended and no other has begun. */
    public boolean isEnded() {
        return phase == Phase.ENDED;
    }
}
