package io.warpdrive.shell;

import io.warpdrive.comp.Compressor;
import io.warpdrive.comp.Flush;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.Request;
import io.warpdrive.comp.SessionSpec;
import io.warpdrive.comp.StreamSession;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.comp.stream.CompressorOutputStream;
import io.warpdrive.comp.stream.ParallelCompression;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * Compresses or decompresses one byte channel into another through a stream session, a
 * block at a time, so a file of any size passes through bounded memory and the platform
 * may serve each block on whichever queue of the stream's driver has room. With a
 * {@link ParallelCompression} a compression is cut into pieces that several engines
 * compress at once (pigz's way), still one standard stream.
 *
 * <p>A compression stream whose engine goes away moves to the next engine inside the platform. A
 * decompression stream cannot: when its engine goes away and the input is a file (seekable), the
 * decompression starts again from the file's beginning on the next engine, the output written so
 * far skipped, not written twice.
 */
final class FileCodec {
    /** Decompressions started again after their engine went away, at most. */
    private static final int RESTARTS = 3;

    /** What a run did. */
    static final class Result {
        long bytesIn;
        long bytesOut;
        long trailingBytes;
        String servedBy;
        /** Times a decompression started again from the beginning because its engine went away. */
        int restarts;
    }

    private final Compressor compressor;

    FileCodec(Compressor compressor) {
        this.compressor = compressor;
    }

    /**
     * Compresses {@code source} into {@code sink} in pieces on several engines at once.
     *
     * @throws IOException the read, the write or the platform failed (its {@link WdException} the cause)
     */
    Result runParallel(SessionSpec spec, ParallelCompression parallel, ReadableByteChannel source,
            WritableByteChannel sink, Progress progress) throws IOException {
        Result result = new Result();
        ByteBuffer in = ByteBuffer.allocate(parallel.pieceSize());
        ChannelOutput counted = new ChannelOutput(sink);
        try (CompressorOutputStream out = new CompressorOutputStream(counted, compressor, spec, parallel)) {
            boolean eof = false;
            while (!eof) {
                in.clear();
                eof = fill(source, in);
                out.write(in.array(), 0, in.position());
                result.bytesIn += in.position();
                progress.update(result.bytesIn);
            }
            out.finish();
            result.servedBy = out.servedBy() + ", in " + parallel;
        } finally {
            progress.finish();
        }
        result.bytesOut = counted.written;
        return result;
    }

    /** The sink as an OutputStream the compressing stream may close without closing the channel. */
    private static final class ChannelOutput extends OutputStream {
        private final WritableByteChannel channel;
        long written;

        ChannelOutput(WritableByteChannel channel) {
            this.channel = channel;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            drain(ByteBuffer.wrap(b, off, len), channel);
            written += len;
        }
    }

    Result run(Operation op, SessionSpec spec, ReadableByteChannel source, WritableByteChannel sink, int blockSize,
            Progress progress) throws IOException {
        try {
            long written = 0;
            for (int restarts = 0;; restarts++) {
                Result result = new Result();
                try {
                    runOnce(op, spec, source, sink, blockSize, progress, written, result);
                    result.bytesOut += written;
                    result.restarts = restarts;
                    return result;
                } catch (WdException e) {
                    if (op != Operation.DECOMPRESS || !e.status().isQueueFailure()
                            || !(source instanceof SeekableByteChannel) || restarts == RESTARTS) {
                        throw e;
                    }
                    ((SeekableByteChannel) source).position(0);
                    written += result.bytesOut;
                }
            }
        } finally {
            progress.finish();
        }
    }

    /** One pass; the first {@code skip} bytes of output were written by an earlier pass and are not written again. */
    private void runOnce(Operation op, SessionSpec spec, ReadableByteChannel source, WritableByteChannel sink,
            int blockSize, Progress progress, long skip, Result result) throws IOException {
        int outSize = op == Operation.COMPRESS
                ? (int) Math.min(Integer.MAX_VALUE - 64, compressor.maxCompressedLength(spec.algorithm(), blockSize))
                : Math.max(256 * 1024, blockSize * 4);
        ByteBuffer in = ByteBuffer.allocateDirect(blockSize);
        ByteBuffer out = ByteBuffer.allocateDirect(outSize);
        in.flip();
        boolean eof = false;
        try (StreamSession session = compressor.openStream(op, spec)) {
            Request r = session.newRequest();
            for (;;) {
                if (!in.hasRemaining() && !eof) {
                    in.clear();
                    eof = fill(source, in);
                    in.flip();
                    result.bytesIn += in.remaining();
                    progress.update(result.bytesIn);
                }
                out.clear();
                r.source(in).destination(out).flush(eof ? Flush.FINISH : Flush.NONE);
                session.execute(r);
                out.flip();
                if (skip > 0) {
                    int n = (int) Math.min(skip, out.remaining());
                    out.position(out.position() + n);
                    skip -= n;
                }
                result.bytesOut += out.remaining();
                drain(out, sink);
                if (result.servedBy == null) {
                    result.servedBy = r.servedBy();
                }
                if (r.endOfStream()) {
                    if (op == Operation.COMPRESS) {
                        break;
                    }
                    if (in.hasRemaining()) {
                        result.trailingBytes = in.remaining();
                        break;
                    }
                    if (eof) {
                        break;
                    }
                } else if (r.consumed() == 0 && r.produced() == 0 && (in.hasRemaining() || eof)) {
                    throw new WdException(WdStatus.INTERNAL, "the codec made no progress");
                }
            }
        }
    }

    /** Reads until the buffer is full or the input ends; true at the end of the input. */
    private static boolean fill(ReadableByteChannel source, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            if (source.read(buffer) < 0) {
                return true;
            }
        }
        return false;
    }

    private static void drain(ByteBuffer buffer, WritableByteChannel sink) throws IOException {
        while (buffer.hasRemaining()) {
            sink.write(buffer);
        }
    }

    static void warnTrailing(PrintStream err, long bytes) {
        err.println("warning: " + bytes + " bytes of trailing data after the end of the compressed stream ignored");
    }
}
