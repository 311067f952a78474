package io.warpdrive.driver.hisi_zip.zip;

import io.warpdrive.comp.Flush;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;

/**
 * Stateful decompression: the software parses each header (any valid gzip header, fed in
 * pieces of any size), then stateful SQEs hand the member's data to the device, which
 * keeps the history in the 64 KiB stream context, checks the trailer (which may straddle
 * requests) and answers status 0x13 with the last-block bit at the member's end. After a
 * gzip member, another member may follow in the same or a later request; data after the
 * end that is not another member is left unconsumed.
 *
 * <p>A job ends when the input is consumed (with FINISH, before the end, that is
 * TRUNCATED_INPUT), when the output space is full (the caller comes back with more room),
 * or at the end of the stream. Also serves stateless requests too large for one SQE
 * ({@link JobContext#statelessChain}), where a full destination is an error.
 */
final class StreamDecompression implements ZipFlow {
    private final ZipProfile profile;

    StreamDecompression(ZipProfile profile) {
        this.profile = profile;
    }

    @Override
    public boolean start(JobContext c) {
        return step(c, c.stream);
    }

    /** Advances through the phases until an SQE is needed or the job is done. */
    private boolean step(JobContext c, StreamContext s) {
        boolean lastInput = c.flush() == Flush.FINISH;
        for (;;) {
            switch (s.phase) {
                case HEADER:
                    try {
                        if (!s.parseHeader(c.src)) {
                            if (lastInput) {
                                s.checkHeaderComplete();
                            }
                            return c.succeed(false);
                        }
                    } catch (WdException e) {
                        return c.fail(e);
                    }
                    s.phase = StreamContext.Phase.BODY;
                    break;
                case BODY:
                    return body(c, s, lastInput);
                case ENDED:
                    if (s.nextMemberFollows(c.src)) {
                        s.startMember();
                        break;
                    }
                    return c.succeed(s.endsHere(c.src, lastInput));
                default:
                    throw new IllegalStateException("phase " + s.phase);
            }
        }
    }

    private boolean body(JobContext c, StreamContext s, boolean lastInput) {
        int input = c.src.remaining();
        if (input == 0 && !s.outputPending) {
            if (lastInput) {
                return c.fail(WdStatus.TRUNCATED_INPUT, "input ended inside the " + (s.inTrailer ? "trailer"
                        : "deflate data") + " of " + s.where() + " after " + c.src.position()
                        + " bytes of this request's input");
            }
            return c.succeed(false);
        }
        long room = c.outputRoom();
        if (room == 0) {
            if (c.statelessChain) {
                return probe(c, s, input);
            }
            if (c.limitBinds()) {
                return FlowFailures.outputExhausted(c, "the decompressed data of " + s.where());
            }
            return c.succeed(false);
        }
        int chunk = Math.min(input, profile.maxSqeBytes());
        int space = (int) Math.min(room, profile.maxSqeBytes());
        c.sentInput = chunk;
        c.sentSpace = space;
        c.sentFinish = lastInput && chunk == input;
        c.sqe.stateful(c.algorithm, s.window, profile.sqeType(), c.tag, c.sourceAddress(), chunk,
                c.destinationAddress(), space, s.address(), !s.started, c.sentFinish, s.isize, s.checksum);
        return true;
    }

    /**
     * A request that must decode to its end (stateless) filled its output space before the
     * stream ended: the data may need more room, or end without another byte of output
     * (the rest is an end-of-block code and the trailer), or be truncated. One more SQE into a
     * one-byte scratch space tells them apart.
     */
    private boolean probe(JobContext c, StreamContext s, int input) {
        c.probing = true;
        c.sentInput = Math.min(input, profile.maxSqeBytes());
        c.sentSpace = 1;
        c.sentFinish = c.sentInput == input;
        c.sqe.stateful(c.algorithm, s.window, profile.sqeType(), c.tag, c.sourceAddress(), c.sentInput,
                c.probeAddress(), 1, s.address(), !s.started, c.sentFinish, s.isize, s.checksum);
        return true;
    }

    @Override
    public boolean completed(JobContext c) {
        ZipResult r = c.result;
        StreamContext s = c.stream;
        boolean ended = r.status == ZipStatus.DECOMPRESSION_END && r.lastBlock;
        if (!ended && r.status != ZipStatus.OK) {
            return FlowFailures.status(c, s.where());
        }
        if (FlowFailures.implausible(c)) {
            return false;
        }
        if (c.probing) {
            c.probing = false;
            if (r.produced > 0) {
                return FlowFailures.outputExhausted(c, "the decompressed data of " + s.where());
            }
            if (r.consumed == 0 && !ended && c.sentInput > 0) {
                return FlowFailures.noProgress(c, s.where()); // probing again would ask the same
            }
            c.advance(r.consumed, 0);
        } else {
            c.advance(r.consumed, r.produced);
        }
        if (ended) {
            s.memberEnded();
            return step(c, s);
        }
        s.started = true;
        s.isize = r.isize;
        s.checksum = r.checksum;
        s.outputPending = r.outputPending();
        s.inTrailer = r.bfinal;
        if (r.consumed == 0 && r.produced == 0 && !s.outputPending && c.src.hasRemaining() && c.outputRoom() > 0) {
            return FlowFailures.noProgress(c, s.where());
        }
        return step(c, s);
    }
}
