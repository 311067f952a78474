package io.warpdrive.netty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.EncoderException;
import io.netty.handler.codec.compression.CompressionException;
import io.netty.handler.codec.compression.DecompressionException;
import io.netty.handler.codec.compression.JdkZlibDecoder;
import io.netty.handler.codec.compression.JdkZlibEncoder;
import io.netty.handler.codec.compression.ZlibWrapper;
import io.warpdrive.comp.Compressor;
import io.warpdrive.comp.WdException;
import io.warpdrive.testing.data.DataKind;
import io.warpdrive.testing.drivers.SoftPlatform;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The platform's zlib codecs in Netty's {@link EmbeddedChannel}, against Netty's own JDK codecs
 * in both directions. Netty's leak detector runs at PARANOID (see the pom) and every buffer a
 * test reads is released.
 */
class ZlibCodecTest {
    static {
        LeakRecorder.install();
    }

    private SoftPlatform platform;
    private Compressor compressor;

    @BeforeEach
    void start() {
        platform = new SoftPlatform();
        compressor = platform.compressor();
    }

    @AfterEach
    void stop() throws Exception {
        platform.close();
        assertEquals(List.of(), LeakRecorder.leaks(), "buffers leaked");
    }

    /** Everything readable from the channel's outbound (or inbound) queue, the buffers released. */
    static byte[] drain(EmbeddedChannel channel, boolean outbound) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (ByteBuf b; (b = outbound ? channel.readOutbound() : channel.readInbound()) != null;) {
            byte[] a = new byte[b.readableBytes()];
            b.readBytes(a);
            b.release();
            bytes.writeBytes(a);
        }
        return bytes.toByteArray();
    }

    private static ByteBuf buffer(byte[] data, int from, int to, boolean direct) {
        ByteBuf b = direct ? Unpooled.directBuffer(to - from) : Unpooled.buffer(to - from);
        return b.writeBytes(data, from, to - from);
    }

    @ParameterizedTest
    @EnumSource(value = ZlibWrapper.class, names = { "ZLIB", "GZIP", "NONE" })
    void eachMessageIsReadableByNettysDecoderAsItArrives(ZlibWrapper wrapper) {
        byte[] data = DataKind.TEXT.bytes(300_000);
        int[] cuts = { 0, 1, 5000, 70_000, 70_001, 200_000, 300_000 };
        PlatformZlibEncoder codec = new PlatformZlibEncoder(compressor, wrapper, 6);
        JdkZlibDecoder nettys = new JdkZlibDecoder(wrapper);
        EmbeddedChannel encoder = new EmbeddedChannel(codec);
        EmbeddedChannel decoder = new EmbeddedChannel(nettys);
        for (int i = 1; i < cuts.length; i++) {
            assertTrue(encoder.writeOutbound(buffer(data, cuts[i - 1], cuts[i], i % 2 == 0)));
            decoder.writeInbound(encoder.<ByteBuf>readOutbound());
            assertArrayEquals(Arrays.copyOfRange(data, cuts[i - 1], cuts[i]), drain(decoder, false),
                    "message " + i + " decoded as it arrived");
        }
        assertFalse(codec.isClosed());
        assertTrue(encoder.finish()); // writes the end of the stream
        assertTrue(codec.isClosed());
        for (ByteBuf b; (b = encoder.readOutbound()) != null;) {
            decoder.writeInbound(b);
        }
        assertEquals(0, drain(decoder, false).length);
        if (wrapper != ZlibWrapper.NONE) {
            assertTrue(nettys.isClosed(), "the trailer ended the stream");
        }
        decoder.finishAndReleaseAll();
    }

    @Test
    void closeWritesTheTrailerAndLaterWritesPassThrough() {
        byte[] data = DataKind.XML.bytes(10_000);
        PlatformZlibEncoder codec = new PlatformZlibEncoder(compressor, ZlibWrapper.GZIP);
        EmbeddedChannel encoder = new EmbeddedChannel(codec);
        encoder.writeOutbound(buffer(data, 0, data.length, true));
        assertTrue(codec.close().isSuccess());
        assertTrue(codec.isClosed());
        assertTrue(encoder.isOpen(), "close() ends the stream, not the channel");
        byte[] stream = drain(encoder, true);
        encoder.writeOutbound(Unpooled.wrappedBuffer(new byte[] { 1, 2, 3 }));
        assertArrayEquals(new byte[] { 1, 2, 3 }, drain(encoder, true));
        assertFalse(encoder.finish());

        EmbeddedChannel decoder = new EmbeddedChannel(new JdkZlibDecoder(ZlibWrapper.GZIP));
        decoder.writeInbound(Unpooled.wrappedBuffer(stream));
        assertArrayEquals(data, drain(decoder, false));
        decoder.finishAndReleaseAll();
    }

    @ParameterizedTest
    @EnumSource(value = ZlibWrapper.class)
    void readsWhatNettysEncoderWrites(ZlibWrapper wrapper) {
        ZlibWrapper written = wrapper == ZlibWrapper.ZLIB_OR_NONE ? ZlibWrapper.NONE : wrapper;
        byte[] data = DataKind.MIXED.bytes(500_000);
        EmbeddedChannel encoder = new EmbeddedChannel(new JdkZlibEncoder(written, 6));
        int[] cuts = { 0, 7, 100_000, 100_003, 499_999, 500_000 };
        for (int i = 1; i < cuts.length; i++) {
            encoder.writeOutbound(buffer(data, cuts[i - 1], cuts[i], false));
        }
        encoder.finish();
        byte[] stream = drain(encoder, true);
        PlatformZlibDecoder codec = new PlatformZlibDecoder(compressor, wrapper);
        EmbeddedChannel decoder = new EmbeddedChannel(codec);
        // Fed in pieces of every size, direct and heap.
        int at = 0;
        for (int piece = 1; at < stream.length; piece = piece * 3 + 1) {
            int end = Math.min(stream.length, at + piece);
            decoder.writeInbound(buffer(stream, at, end, piece % 2 == 0));
            at = end;
        }
        assertArrayEquals(data, drain(decoder, false));
        if (wrapper != ZlibWrapper.NONE && wrapper != ZlibWrapper.ZLIB_OR_NONE) {
            assertTrue(codec.isClosed());
        }
        assertFalse(decoder.finish());
    }

    @Test
    void zlibOrNoneTellsZlibFromRawDeflate() {
        byte[] data = DataKind.SOURCE.bytes(50_000);
        for (ZlibWrapper written : new ZlibWrapper[] { ZlibWrapper.ZLIB, ZlibWrapper.NONE }) {
            EmbeddedChannel encoder = new EmbeddedChannel(new JdkZlibEncoder(written, 6));
            encoder.writeOutbound(Unpooled.wrappedBuffer(data));
            encoder.finish();
            byte[] stream = drain(encoder, true);
            EmbeddedChannel decoder = new EmbeddedChannel(new PlatformZlibDecoder(compressor, ZlibWrapper.ZLIB_OR_NONE));
            decoder.writeInbound(Unpooled.wrappedBuffer(stream, 0, 1)); // one byte cannot tell
            decoder.writeInbound(Unpooled.wrappedBuffer(stream, 1, stream.length - 1));
            assertArrayEquals(data, drain(decoder, false), written.toString());
            decoder.finishAndReleaseAll();
        }
    }

    @Test
    void concatenatedGzipMembersAreReadWhenAskedFor() {
        byte[] first = DataKind.TEXT.bytes(30_000);
        byte[] second = DataKind.ROWS.bytes(20_000);
        byte[] a = gzip(first);
        byte[] b = gzip(second);
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        byte[] expected = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, expected, first.length, second.length);

        // In one buffer, and with the second member in a later buffer.
        EmbeddedChannel one = new EmbeddedChannel(new PlatformZlibDecoder(compressor, ZlibWrapper.GZIP, true, 0));
        one.writeInbound(Unpooled.wrappedBuffer(both));
        assertArrayEquals(expected, drain(one, false));
        one.finishAndReleaseAll();
        EmbeddedChannel two = new EmbeddedChannel(new PlatformZlibDecoder(compressor, ZlibWrapper.GZIP, true, 0));
        two.writeInbound(Unpooled.wrappedBuffer(a));
        two.writeInbound(Unpooled.wrappedBuffer(b));
        assertArrayEquals(expected, drain(two, false));
        two.finishAndReleaseAll();

        // Without it, as Netty's decoder: a member in a later buffer is dropped.
        for (EmbeddedChannel decoder : new EmbeddedChannel[] {
                new EmbeddedChannel(new PlatformZlibDecoder(compressor, ZlibWrapper.GZIP, false, 0)),
                new EmbeddedChannel(new JdkZlibDecoder(ZlibWrapper.GZIP, false)) }) {
            decoder.writeInbound(Unpooled.wrappedBuffer(a));
            decoder.writeInbound(Unpooled.wrappedBuffer(b));
            assertArrayEquals(first, drain(decoder, false));
            decoder.finishAndReleaseAll();
        }
    }

    private static byte[] gzip(byte[] data) {
        EmbeddedChannel encoder = new EmbeddedChannel(new JdkZlibEncoder(ZlibWrapper.GZIP));
        encoder.writeOutbound(Unpooled.wrappedBuffer(data));
        encoder.finish();
        return drain(encoder, true);
    }

    @Test
    void corruptInputIsADecompressionExceptionWithThePlatformsStatus() {
        byte[] stream = gzip(DataKind.TEXT.bytes(100_000));
        stream[stream.length / 2] ^= 0x41;
        stream[stream.length / 2 + 1] ^= 0x17;
        stream[stream.length - 6] ^= 0x01; // the CRC too, so that some data error is certain
        PlatformZlibDecoder codec = new PlatformZlibDecoder(compressor, ZlibWrapper.GZIP);
        EmbeddedChannel decoder = new EmbeddedChannel(codec);
        ByteBuf input = Unpooled.directBuffer().writeBytes(stream);
        DecompressionException e = assertThrows(DecompressionException.class, () -> decoder.writeInbound(input));
        WdException cause = assertInstanceOf(WdException.class, e.getCause());
        assertTrue(cause.status().isDataError(), cause.status().toString());
        assertTrue(e.getMessage().startsWith(cause.status().name() + " ("), e.getMessage());
        assertEquals(0, input.refCnt(), "the input is released");
        assertTrue(codec.isClosed());
        decoder.finishAndReleaseAll();
    }

    @Test
    void aBombStopsAtMaxAllocationAsNettysDecoderStops() {
        byte[] zeros = new byte[20 << 20];
        EmbeddedChannel encoder = new EmbeddedChannel(new JdkZlibEncoder(ZlibWrapper.ZLIB, 9));
        encoder.writeOutbound(Unpooled.wrappedBuffer(zeros));
        encoder.finish();
        byte[] bomb = drain(encoder, true);
        int maxAllocation = 64 * 1024;
        for (EmbeddedChannel decoder : new EmbeddedChannel[] {
                new EmbeddedChannel(new PlatformZlibDecoder(compressor, ZlibWrapper.ZLIB, maxAllocation)),
                new EmbeddedChannel(new JdkZlibDecoder(ZlibWrapper.ZLIB, maxAllocation)) }) {
            ByteBuf input = Unpooled.wrappedBuffer(bomb);
            DecompressionException e = assertThrows(DecompressionException.class, () -> decoder.writeInbound(input));
            assertTrue(e.getMessage().contains("maximum size"), e.getMessage());
            assertTrue(drain(decoder, false).length <= maxAllocation);
            decoder.finishAndReleaseAll();
        }
    }

    @Test
    void aPlatformThatGoesAwayFailsTheStreamCleanly() {
        EmbeddedChannel encoder = new EmbeddedChannel(new PlatformZlibEncoder(compressor, ZlibWrapper.GZIP));
        encoder.writeOutbound(Unpooled.wrappedBuffer(DataKind.TEXT.bytes(10_000)));
        drain(encoder, true);
        platform.removeDriver();
        ByteBuf next = Unpooled.directBuffer().writeBytes(DataKind.TEXT.bytes(10_000));
        EncoderException e = assertThrows(EncoderException.class, () -> encoder.writeOutbound(next));
        CompressionException c = assertInstanceOf(CompressionException.class, e);
        assertInstanceOf(WdException.class, c.getCause());
        assertEquals(0, next.refCnt(), "the message is released");
        encoder.finishAndReleaseAll();
    }

    @Test
    void aPlatformThatGoesAwayFailsTheDecoderCleanly() {
        byte[] stream = gzip(DataKind.TEXT.bytes(200_000));
        PlatformZlibDecoder codec = new PlatformZlibDecoder(compressor, ZlibWrapper.GZIP);
        EmbeddedChannel decoder = new EmbeddedChannel(codec);
        decoder.writeInbound(Unpooled.wrappedBuffer(stream, 0, 1000));
        drain(decoder, false);
        platform.removeDriver();
        ByteBuf rest = Unpooled.directBuffer().writeBytes(stream, 1000, stream.length - 1000);
        DecompressionException e = assertThrows(DecompressionException.class, () -> decoder.writeInbound(rest));
        WdException cause = assertInstanceOf(WdException.class, e.getCause());
        assertTrue(e.getMessage().startsWith(cause.status().name() + " ("), e.getMessage());
        assertEquals(0, rest.refCnt(), "the input is released");
        assertTrue(codec.isClosed());
        decoder.finishAndReleaseAll();
    }
}
