package io.warpdrive.driver.hisi_zip.zip;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.lib.format.GzipFormat;
import io.warpdrive.lib.format.ZlibFormat;

/**
 * A stateless compression: the software writes the zlib or gzip header (as UADK does:
 * the hardware produces raw deflate and the trailer), then one stateless SQE takes the
 * whole input with FINISH into the space after the header. A request larger than one SQE
 * may carry is handed to {@link StreamCompression} with the slot's scratch context.
 */
final class StatelessCompression implements ZipFlow {
    private final ZipProfile profile;
    private final StreamCompression chain;

    StatelessCompression(ZipProfile profile, StreamCompression chain) {
        this.profile = profile;
        this.chain = chain;
    }

    @Override
    public boolean start(JobContext c) {
        int level = c.job.level();
        if (level < 1 || level > 9) {
            return c.fail(WdStatus.INVALID_ARGUMENT, "compression level " + level + " outside 1..9");
        }
        int input = c.src.remaining();
        long room = c.outputRoom();
        int header = headerLength(c.algorithm);
        // One SQE takes at most maxSqeBytes of input and of output. Output space beyond what
        // the input can compress to is not needed, so a large destination only forces a split
        // when the compressed data might not fit one SQE.
        if (input > profile.maxSqeBytes() || (room - header > profile.maxSqeBytes()
                && deflateBound(input) > profile.maxSqeBytes())) {
            StreamContext s = c.scratch();
            s.startCompression(c.algorithm, level, c.job.window());
            c.stream = s;
            c.statelessChain = true;
            c.flow = chain;
            return chain.start(c);
        }
        if (room < header) {
            return FlowFailures.outputExhausted(c, "the " + header + "-byte " + c.algorithm.uadkName() + " header");
        }
        // The header goes in front of the device's output; positions move only on success.
        StreamContext.writeHeader(c.algorithm, level, c.job.window(), c.headerBuffer);
        int at = c.dst.position();
        for (int i = 0; i < header; i++) {
            c.dst.put(at + i, c.header[i]);
        }
        c.headerLength = header;
        c.sentInput = input;
        c.sentSpace = (int) Math.min(room - header, profile.maxSqeBytes());
        c.sqe.stateless(c.algorithm, c.job.window(), profile.sqeType(), c.tag, c.sourceAddress(), input,
                c.destinationAddress() + header, c.sentSpace);
        return true;
    }

    @Override
    public boolean completed(JobContext c) {
        ZipResult r = c.result;
        if (r.status == ZipStatus.OUTPUT_TOO_SMALL) {
            return FlowFailures.outputExhausted(c, "the compressed data");
        }
        if (!ZipStatus.isSuccess(r.status)) {
            return FlowFailures.status(c, c.algorithm.uadkName() + " compression");
        }
        if (FlowFailures.implausible(c)) {
            return false;
        }
        if (r.consumed != c.sentInput) {
            return c.fail(WdStatus.DEVICE_ERROR, "the device consumed " + r.consumed + " of " + c.sentInput
                    + " input bytes of a stateless compression");
        }
        c.advance(r.consumed, c.headerLength + r.produced);
        return c.succeed(true);
    }

    /** zlib's compressBound of raw deflate plus the largest trailer: what {@code length} bytes can compress to. */
    static long deflateBound(long length) {
        return length + (length >> 12) + (length >> 14) + (length >> 25) + 13 + 8;
    }

    static int headerLength(Algorithm a) {
        return a == Algorithm.GZIP ? GzipFormat.HEADER_LENGTH : a == Algorithm.ZLIB ? ZlibFormat.HEADER_LENGTH : 0;
    }
}
