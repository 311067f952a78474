package io.warpdrive.driver.hisi_zip.zip;

import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;

/**
 * A stateless decompression: the input is all there is. The software parses the header
 * (any valid gzip header, with every optional field, not UADK's fixed 10 bytes), then a
 * stateless SQE decodes the member's deflate data and checks its trailer. Concatenated
 * gzip members each get their header parsed and their own SQE; data after the end that
 * is not another member is left unconsumed. A request larger than one SQE may carry is
 * handed to {@link StreamDecompression} with the slot's scratch context.
 */
final class StatelessDecompression implements ZipFlow {
    private final ZipProfile profile;
    private final StreamDecompression chain;

    StatelessDecompression(ZipProfile profile, StreamDecompression chain) {
        this.profile = profile;
        this.chain = chain;
    }

    @Override
    public boolean start(JobContext c) {
        StreamContext framing = c.scratch();
        framing.startDecompression(c.algorithm);
        c.stream = framing;
        return member(c);
    }

    /** The next member: its header in software, then its data in one SQE (or split, when too large). */
    private boolean member(JobContext c) {
        StreamContext s = c.stream;
        if (s.phase == StreamContext.Phase.HEADER) {
            try {
                if (!s.parseHeader(c.src)) {
                    s.checkHeaderComplete();
                }
            } catch (WdException e) {
                return c.fail(e);
            }
            s.phase = StreamContext.Phase.BODY;
        }
        int input = c.src.remaining();
        long room = c.outputRoom();
        if (input > profile.maxSqeBytes() || room > profile.maxSqeBytes()) {
            c.statelessChain = true;
            c.flow = chain;
            return chain.start(c);
        }
        c.sentInput = input;
        c.sentSpace = (int) room;
        c.sqe.stateless(c.algorithm, c.job.window(), profile.sqeType(), c.tag, c.sourceAddress(), input,
                c.destinationAddress(), c.sentSpace);
        return true;
    }

    @Override
    public boolean completed(JobContext c) {
        ZipResult r = c.result;
        StreamContext s = c.stream;
        if (r.status == ZipStatus.OUTPUT_TOO_SMALL) {
            return FlowFailures.outputExhausted(c, "the decompressed data of " + s.where());
        }
        if (r.status != ZipStatus.DECOMPRESSION_END && r.status != ZipStatus.OK) {
            return FlowFailures.status(c, s.where());
        }
        if (FlowFailures.implausible(c)) {
            return false;
        }
        c.advance(r.consumed, r.produced);
        if (r.status == ZipStatus.OK) {
            // the input ended before the stream did
            return c.fail(WdStatus.TRUNCATED_INPUT, "input ended inside the " + (r.bfinal ? "trailer" : "deflate data")
                    + " of " + s.where() + " after " + r.consumed + " compressed bytes (" + r.produced
                    + " decompressed)");
        }
        s.memberEnded();
        c.members++;
        if (s.nextMemberFollows(c.src)) {
            s.startMember();
            return member(c);
        }
        return c.succeed(true);
    }
}
