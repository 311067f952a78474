package io.warpdrive.driver.soft;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/** gzip members built by hand from RFC 1952, with whichever optional header fields a test wants. */
final class HandMadeGzip {
    static final int FTEXT = 1;
    static final int FHCRC = 2;
    static final int FEXTRA = 4;
    static final int FNAME = 8;
    static final int FCOMMENT = 16;

    private int flags;
    private long mtime;
    private int xfl;
    private int os = 3;
    private byte[] extra;
    private String name;
    private String comment;

    HandMadeGzip text() {
        flags |= FTEXT;
        return this;
    }

    HandMadeGzip mtime(long value) {
        mtime = value;
        return this;
    }

    HandMadeGzip xfl(int value) {
        xfl = value;
        return this;
    }

    HandMadeGzip extra(byte[] value) {
        flags |= FEXTRA;
        extra = value;
        return this;
    }

    HandMadeGzip name(String value) {
        flags |= FNAME;
        name = value;
        return this;
    }

    HandMadeGzip comment(String value) {
        flags |= FCOMMENT;
        comment = value;
        return this;
    }

    HandMadeGzip headerCrc() {
        flags |= FHCRC;
        return this;
    }

    byte[] header() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(0x1f);
        bytes.write(0x8b);
        bytes.write(8);
        bytes.write(flags);
        writeLittleEndian(bytes, mtime, 4);
        bytes.write(xfl);
        bytes.write(os);
        if (extra != null) {
            writeLittleEndian(bytes, extra.length, 2);
            bytes.writeBytes(extra);
        }
        if (name != null) {
            bytes.writeBytes(name.getBytes(StandardCharsets.ISO_8859_1));
            bytes.write(0);
        }
        if (comment != null) {
            bytes.writeBytes(comment.getBytes(StandardCharsets.ISO_8859_1));
            bytes.write(0);
        }
        if ((flags & FHCRC) != 0) {
            CRC32 crc = new CRC32();
            crc.update(bytes.toByteArray());
            writeLittleEndian(bytes, crc.getValue() & 0xffff, 2);
        }
        return bytes.toByteArray();
    }

    /** A complete member: this header, raw deflate of {@code data} at {@code level}, CRC-32 and ISIZE. */
    byte[] member(byte[] data, int level) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(header());
        bytes.writeBytes(rawDeflate(data, level));
        CRC32 crc = new CRC32();
        crc.update(data);
        writeLittleEndian(bytes, crc.getValue(), 4);
        writeLittleEndian(bytes, data.length, 4);
        return bytes.toByteArray();
    }

    static byte[] rawDeflate(byte[] data, int level) {
        Deflater deflater = new Deflater(level, true);
        deflater.setInput(data);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        while (!deflater.finished()) {
            out.write(chunk, 0, deflater.deflate(chunk));
        }
        deflater.end();
        return out.toByteArray();
    }

    private static void writeLittleEndian(ByteArrayOutputStream bytes, long value, int length) {
        for (int i = 0; i < length; i++) {
            bytes.write((int) (value >>> (8 * i)));
        }
    }
}
