package io.warpdrive.netty;

import io.netty.buffer.ByteBuf;
import io.warpdrive.comp.Request;
import io.warpdrive.comp.SgList;

/**
 * The platform's view of Netty buffers: the readable bytes as the request's source and the
 * writable bytes as its destination, without copying (a direct {@code ByteBuf} stays direct
 * memory; a composite one becomes a scatter-gather list); then the buffers' indexes moved by
 * what the request consumed and produced.
 */
final class NettyBuffers {
    private NettyBuffers() {
    }

    /** Sets {@code in}'s readable bytes and {@code out}'s writable bytes on {@code request}. */
    static Request bind(Request request, ByteBuf in, ByteBuf out) {
        if (in.nioBufferCount() == 1) {
            request.source(in.nioBuffer(in.readerIndex(), in.readableBytes()));
        } else {
            request.source(SgList.of(in.nioBuffers(in.readerIndex(), in.readableBytes())));
        }
        return request.destination(out.nioBuffer(out.writerIndex(), out.writableBytes()));
    }

    /** Moves the indexes after the request: {@code in} past what it consumed, {@code out} past what it produced. */
    static void advance(Request request, ByteBuf in, ByteBuf out) {
        in.skipBytes((int) request.consumed());
        out.writerIndex(out.writerIndex() + (int) request.produced());
    }
}
