package io.warpdrive.lib.format;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/** Builds gzip headers by hand, field by field, as RFC 1952 lays them out. */
final class HeaderBytes {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private int flags;
    private long mtime;
    private int xfl;
    private int os = GzipFormat.OS_UNIX;
    private byte[] extra;
    private String name;
    private String comment;
    private boolean headerCrc;

    static HeaderBytes gzip() {
        return new HeaderBytes();
    }

    HeaderBytes text() {
        flags |= GzipFormat.FTEXT;
        return this;
    }

    HeaderBytes mtime(long value) {
        mtime = value;
        return this;
    }

    HeaderBytes xfl(int value) {
        xfl = value;
        return this;
    }

    HeaderBytes os(int value) {
        os = value;
        return this;
    }

    HeaderBytes extra(byte[] value) {
        flags |= GzipFormat.FEXTRA;
        extra = value;
        return this;
    }

    HeaderBytes name(String value) {
        flags |= GzipFormat.FNAME;
        name = value;
        return this;
    }

    HeaderBytes comment(String value) {
        flags |= GzipFormat.FCOMMENT;
        comment = value;
        return this;
    }

    HeaderBytes headerCrc() {
        flags |= GzipFormat.FHCRC;
        headerCrc = true;
        return this;
    }

    byte[] build() {
        bytes.reset();
        bytes.write(GzipFormat.ID1);
        bytes.write(GzipFormat.ID2);
        bytes.write(GzipFormat.CM_DEFLATE);
        bytes.write(flags);
        for (int i = 0; i < 4; i++) {
            bytes.write((int) (mtime >>> (8 * i)));
        }
        bytes.write(xfl);
        bytes.write(os);
        if (extra != null) {
            bytes.write(extra.length);
            bytes.write(extra.length >>> 8);
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
        if (headerCrc) {
            CRC32 crc = new CRC32();
            crc.update(bytes.toByteArray());
            int crc16 = (int) crc.getValue() & 0xffff;
            bytes.write(crc16);
            bytes.write(crc16 >>> 8);
        }
        return bytes.toByteArray();
    }
}
