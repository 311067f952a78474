package io.warpdrive.testing.conformance;

import io.warpdrive.testing.kit.HeaderBytes;
import java.io.ByteArrayOutputStream;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * gzip members built by hand from RFC 1952: any header ({@link HeaderBytes}, with whichever
 * optional fields a test wants), raw deflate from java.util.zip, CRC-32 and ISIZE. A
 * decompressor must accept every valid header, not only the fixed 10 bytes compressors
 * write.
 */
public final class GzipMembers {
    private GzipMembers() {
    }

    /** A complete member: {@code header}, raw deflate of {@code data} at {@code level}, CRC-32 and ISIZE. */
    public static byte[] member(HeaderBytes header, byte[] data, int level) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(header.build());
        bytes.writeBytes(rawDeflate(data, level));
        CRC32 crc = new CRC32();
        crc.update(data);
        writeLittleEndian(bytes, crc.getValue(), 4);
        writeLittleEndian(bytes, data.length, 4);
        return bytes.toByteArray();
    }

    /** Raw deflate (no header or trailer) of {@code data} at {@code level}. */
    public static byte[] rawDeflate(byte[] data, int level) {
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

    /** The byte arrays one after the other (concatenated members, or a member and trailing data). */
    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static void writeLittleEndian(ByteArrayOutputStream bytes, long value, int length) {
        for (int i = 0; i < length; i++) {
            bytes.write((int) (value >>> (8 * i)));
        }
    }
}
