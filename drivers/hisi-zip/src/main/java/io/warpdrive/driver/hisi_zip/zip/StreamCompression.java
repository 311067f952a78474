package io.warpdrive.driver.hisi_zip.zip;

import io.warpdrive.comp.Flush;

/**
 * Stateful compression: the software writes the header before the first block (it may
 * straddle requests when the output space is tiny), then stateful SQEs carry the input in
 * pieces of at most one SQE's worth, the history staying in the 64 KiB stream context and
 * the checksum and ISIZE carries going back and forth in dw31/dw30. Every SQE ends with a
 * sync flush (the hardware knows no other) or, with FINISH, writes the final block and the
 * trailer, which may need several SQEs when the output space is small; once FINISH has
 * begun the device takes no more input, so the following SQEs are FINISH without input.
 *
 * <p>A job ends when its input is consumed and nothing is pending (or the end is
 * written), or when its output space is full: then it completes with the input it could
 * not take, and the caller comes back with more room. Also serves stateless requests too
 * large for one SQE ({@link JobContext#statelessChain}), where a full destination is an error.
 */
final class StreamCompression implements ZipFlow {
    private final ZipProfile profile;

    StreamCompression(ZipProfile profile) {
        this.profile = profile;
    }

    @Override
    public boolean start(JobContext c) {
        StreamContext s = c.stream;
        if (s.ended) {
            return c.fail(io.warpdrive.comp.WdStatus.INVALID_STATE, "the stream has ended; reset it to start another");
        }
        writeHeader(c, s);
        return next(c, s);
    }

    /** The software header, as far as the output space allows. */
    private static void writeHeader(JobContext c, StreamContext s) {
        while (s.headerWritten < s.headerLength && c.outputRoom() > 0) {
            c.dst.put(s.header[s.headerWritten++]);
            c.produced++;
        }
    }

    private boolean next(JobContext c, StreamContext s) {
        boolean finish = c.flush() == Flush.FINISH || s.finishing;
        int input = c.src.remaining();
        if (s.headerWritten < s.headerLength) {
            return roomExhausted(c);
        }
        if (!s.finishing && input == 0 && !s.outputPending && !finish) {
            return c.succeed(false);
        }
        long room = c.outputRoom();
        if (room == 0) {
            return roomExhausted(c);
        }
        int space = (int) Math.min(room, profile.maxSqeBytes());
        int chunk = s.finishing ? 0 : Math.min(input, profile.maxSqeBytes());
        if ((long) space * 9 < (long) chunk * 8 + chunk) {
            // UADK's rule: with less output space than 9/8 of the input, give the device only
            // what surely fits, so that it never has to stop inside a block.
            chunk = Math.max(1, (int) ((space * 8L / 9) & ~3L));
        }
        boolean finishFlag = finish && (s.finishing || chunk == input);
        c.sentInput = chunk;
        c.sentSpace = space;
        c.sentFinish = finishFlag;
        c.sqe.stateful(c.algorithm, s.window, profile.sqeType(), c.tag, c.sourceAddress(), chunk,
                c.destinationAddress(), space, s.address(), !s.started, finishFlag, s.isize, s.checksum);
        return true;
    }

    @Override
    public boolean completed(JobContext c) {
        ZipResult r = c.result;
        StreamContext s = c.stream;
        if (!ZipStatus.isSuccess(r.status)) {
            return FlowFailures.status(c, c.algorithm.uadkName() + " stream compression");
        }
        if (FlowFailures.implausible(c)) {
            return false;
        }
        c.advance(r.consumed, r.produced);
        s.started = true;
        s.isize = r.isize;
        s.checksum = r.checksum;
        s.outputPending = r.outputPending();
        if (c.sentFinish && r.consumed == c.sentInput) {
            s.finishing = true;
        }
        if (r.lastBlock) {
            s.ended = true;
            s.outputPending = false;
            return c.succeed(true);
        }
        if (r.consumed == 0 && r.produced == 0 && !s.outputPending && c.outputRoom() > 0
                && (c.sentInput > 0 || c.sentFinish)) {
            return FlowFailures.noProgress(c, c.algorithm.uadkName() + " stream compression");
        }
        return next(c, s);
    }

    private static boolean roomExhausted(JobContext c) {
        if (c.statelessChain || c.limitBinds()) {
            return FlowFailures.outputExhausted(c, "the compressed data");
        }
        return c.succeed(false);
    }
}
