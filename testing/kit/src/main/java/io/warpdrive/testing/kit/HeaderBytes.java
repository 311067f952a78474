package io.warpdrive.testing.kit;

import io.warpdrive.lib.format.GzipFormat;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Builds gzip headers by hand, field by field, as RFC 1952 lays them out, with whichever
 * optional fields a test wants.
 */
public final class HeaderBytes {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private int flags;
    private long mtime;
    private int xfl;
    private int os = GzipFormat.OS_UNIX;
    private byte[] extra;
    private String name;
    private String comment;
    private boolean headerCrc;

    public static HeaderBytes gzip() {
        return new HeaderBytes();
    }

    public HeaderBytes text() {
        flags |= GzipFormat.FTEXT;
        return this;
    }

    public HeaderBytes mtime(long value) {
        mtime = value;
        return this;
    }

    public HeaderBytes xfl(int value) {
        xfl = value;
        return this;
    }

    public HeaderBytes os(int value) {
        os = value;
        return this;
    }

    public HeaderBytes extra(byte[] value) {
        flags |= GzipFormat.FEXTRA;
        extra = value;
        return this;
    }

    public HeaderBytes name(String value) {
        flags |= GzipFormat.FNAME;
        name = value;
        return this;
    }

    public HeaderBytes comment(String value) {
        flags |= GzipFormat.FCOMMENT;
        comment = value;
        return this;
    }

    public HeaderBytes headerCrc() {
        flags |= GzipFormat.FHCRC;
        headerCrc = true;
        return this;
    }

    public byte[] build() {
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
