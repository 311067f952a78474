package io.warpdrive.core.engine.health;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.SgList;
import io.warpdrive.comp.WdException;
import io.warpdrive.lib.OutputDecoder;
import io.warpdrive.lib.format.GzipFormat;
import io.warpdrive.lib.format.GzipHeaderParser;
import java.nio.ByteBuffer;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decompresses a compression's output on the CPU (java.util.zip, the engine the calibration's
 * self-test checks against too, or for zstd and LZ4 a driver's {@link OutputDecoder}) and compares
 * it with the input: length and CRC-32 of the content, and the format's own trailer (gzip CRC-32
 * and ISIZE, zlib Adler-32; the decoder checks its frames' own checksums). One per thread, its
 * buffers reused: verifying with java.util.zip allocates nothing once they have grown to the
 * largest output seen.
 */
final class OutputCheck {
    private static final ThreadLocal<OutputCheck> PER_THREAD = ThreadLocal.withInitial(OutputCheck::new);

    private final Inflater raw = new Inflater(true);
    private final Inflater zlib = new Inflater(false);
    private final CRC32 crc = new CRC32();
    private final GzipHeaderParser gzipHeader = new GzipHeaderParser();
    private final byte[] chunk = new byte[64 << 10];
    private byte[] output = new byte[64 << 10];
    private ByteBuffer outputView = ByteBuffer.wrap(output);
    private int[] ends = new int[4];
    /** What a decoder wrote back: one byte more than the input, to see output that goes on. */
    private byte[] decoded = new byte[64 << 10];

    static OutputCheck current() {
        return PER_THREAD.get();
    }

    /** Whether the output of this algorithm can be checked here. */
    static boolean checks(Algorithm a) {
        return a == Algorithm.GZIP || a == Algorithm.ZLIB || a == Algorithm.DEFLATE;
    }

    /**
     * Checks a finished compression. Both lists are positioned after the bytes the job consumed and
     * produced, from their marked positions, and are left so.
     *
     * @return null when the output decompresses to the input, else what is wrong with it
     */
    String mismatch(Algorithm algorithm, SgList input, long consumed, SgList produced, long producedBytes) {
        if (producedBytes > Integer.MAX_VALUE - 16) {
            return null; // never one request's output (a bounce buffer holds less); nothing to compare it in
        }
        long inputCrc = contentCrc(input);
        int n = gather(produced, (int) producedBytes);
        Inflater inflater = algorithm == Algorithm.ZLIB ? zlib : raw;
        int start = 0;
        if (algorithm == Algorithm.GZIP) {
            gzipHeader.reset();
            outputView.clear().limit(n);
            try {
                if (!gzipHeader.parse(outputView)) {
                    return "its " + n + " bytes end inside the gzip header";
                }
            } catch (WdException e) {
                return "its gzip header is not valid (" + e.getMessage() + ")";
            }
            start = outputView.position();
        }
        inflater.reset();
        inflater.setInput(output, start, n - start);
        crc.reset();
        long total = 0;
        try {
            while (!inflater.finished()) {
                int k = inflater.inflate(chunk);
                if (k == 0 && !inflater.finished()) {
                    return inflater.needsDictionary() ? "it asks for a preset dictionary"
                            : "it ends inside its deflate data";
                }
                total += k;
                if (total > consumed) {
                    return "it decompresses to more than the " + consumed + " bytes of its input";
                }
                crc.update(chunk, 0, k);
            }
        } catch (DataFormatException e) {
            return "it does not decompress (" + e.getMessage() + ")";
        }
        if (total != consumed) {
            return "it decompresses to " + total + " bytes, not the " + consumed + " of its input";
        }
        if (crc.getValue() != inputCrc) {
            return "it decompresses to " + total + " other bytes than its input";
        }
        int rest = inflater.getRemaining();
        if (algorithm != Algorithm.GZIP) {
            return rest == 0 ? null : rest + " bytes follow the end of its data";
        }
        if (rest != GzipFormat.TRAILER_LENGTH) {
            return "its gzip trailer is " + rest + " bytes long, not " + GzipFormat.TRAILER_LENGTH;
        }
        int at = n - rest;
        if ((GzipFormat.trailerCrc(outputView, at) & 0xffff_ffffL) != inputCrc
                || GzipFormat.trailerSize(outputView, at) != (consumed & 0xffff_ffffL)) {
            return "its gzip trailer does not match its content (CRC-32 or ISIZE)";
        }
        return null;
    }

    /**
     * Checks a finished compression with {@code decoder}, as {@link #mismatch(Algorithm, SgList,
     * long, SgList, long)} does with java.util.zip.
     *
     * @return null when the output decompresses to the input (or the decoder could not tell), else
     *         what is wrong with it
     */
    String mismatch(Algorithm algorithm, OutputDecoder decoder, SgList input, long consumed, SgList produced,
            long producedBytes) {
        if (producedBytes > Integer.MAX_VALUE - 16 || consumed > Integer.MAX_VALUE - 16) {
            return null; // never one request's (a bounce buffer holds less); nothing to compare it in
        }
        long inputCrc = contentCrc(input);
        int n = gather(produced, (int) producedBytes);
        if (decoded.length < consumed + 1) {
            decoded = new byte[(int) Math.max(consumed + 1, 2L * decoded.length)];
        }
        int total;
        try {
            total = decoder.decode(algorithm, output, 0, n, decoded);
        } catch (WdException e) {
            switch (e.status()) {
                case CORRUPT_INPUT, TRUNCATED_INPUT, CHECKSUM_MISMATCH:
                    return "it does not decompress (" + e.getMessage() + ")";
                case OUTPUT_TOO_SMALL, OUTPUT_LIMIT_EXCEEDED:
                    return "it decompresses to more than the " + consumed + " bytes of its input";
                default:
                    return null; // the decoder's own trouble, not the output's: not checked
            }
        } catch (RuntimeException e) {
            return null; // as above
        }
        if (total != consumed) {
            return "it decompresses to " + total + " bytes, not the " + consumed + " of its input";
        }
        crc.reset();
        crc.update(decoded, 0, total);
        return crc.getValue() == inputCrc ? null : "it decompresses to " + total + " other bytes than its input";
    }

    /** The CRC-32 of the bytes between each segment's mark and its position. */
    private long contentCrc(SgList list) {
        crc.reset();
        int count = markEnds(list);
        for (int i = 0; i < count; i++) {
            ByteBuffer b = list.get(i);
            int limit = b.limit();
            b.limit(ends[i]);
            crc.update(b); // advances it to its end again
            b.limit(limit);
        }
        return crc.getValue();
    }

    /** Copies the bytes between each segment's mark and its position into {@link #output}. */
    private int gather(SgList list, int bytes) {
        if (output.length < bytes) {
            output = new byte[Math.max(bytes, 2 * output.length)];
            outputView = ByteBuffer.wrap(output);
        }
        int count = markEnds(list);
        int n = 0;
        for (int i = 0; i < count; i++) {
            ByteBuffer b = list.get(i);
            int k = Math.min(ends[i] - b.position(), bytes - n);
            b.get(b.position(), output, n, k);
            n += k;
            b.position(ends[i]);
        }
        return n;
    }

    /** Remembers each segment's position in {@link #ends} and puts it back at its mark. */
    private int markEnds(SgList list) {
        int count = list.size();
        if (ends.length < count) {
            ends = new int[Math.max(count, 2 * ends.length)];
        }
        for (int i = 0; i < count; i++) {
            ends[i] = list.get(i).position();
        }
        list.resetPositions();
        return count;
    }
}
