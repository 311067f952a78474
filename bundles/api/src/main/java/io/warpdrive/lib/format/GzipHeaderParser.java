package io.warpdrive.lib.format;

import java.nio.ByteBuffer;
import java.util.zip.CRC32;

/**
 * Incremental parser of a gzip member header (RFC 1952 §2.3), with every optional field:
 * FTEXT, FEXTRA, FNAME, FCOMMENT and FHCRC. Compressors write a fixed 10-byte header,
 * but a decompressor must accept any valid one ({@code gzip -N} writes the file name,
 * other tools write extra fields and header CRCs), and in a stream the header may be
 * split anywhere across requests; hence a byte-at-a-time state machine that is fed
 * whatever has arrived and consumes exactly the header's bytes, no more.
 *
 * <p>The variable-length fields are zero-terminated or self-declared and so could make a
 * hostile input look like an endless header; the parser refuses headers longer than a
 * configurable maximum (64 KiB by default). The fields it parsed are available once it
 * is complete; a header without name, comment or extra field allocates nothing.
 *
 * <p>Not thread-safe; one per worker or stream, reused with {@link #reset()}.
 */
public final class GzipHeaderParser {
    /** Default bound on a header's length, optional fields included. */
    public static final int DEFAULT_MAX_HEADER_LENGTH = 64 * 1024;

    /** The header's fields in the order they appear; the optional ones only when flagged. */
    private enum Field {
        ID1("the magic"), ID2("the magic"), CM("CM"), FLG("FLG"), MTIME("MTIME"), XFL("XFL"), OS("OS"),
        XLEN("XLEN"), EXTRA("the extra field"), NAME("FNAME"), COMMENT("FCOMMENT"), HCRC("the header CRC16"),
        DONE("nothing");

        final String description;

        Field(String description) {
            this.description = description;
        }
    }

    private final int maxHeaderLength;
    /** CRC-32 of the header bytes so far, for FHCRC (its low 16 bits are the header CRC). */
    private final CRC32 headerCrc = new CRC32();
    private final OptionalField extra = new OptionalField();
    private final OptionalField name = new OptionalField();
    private final OptionalField comment = new OptionalField();

    private Field field = Field.ID1;
    /** Header bytes consumed so far; also the offset of the next byte within the header. */
    private int length;
    /** Bytes consumed of the current multi-byte field (MTIME, XLEN, extra data, HCRC). */
    private int fieldOffset;
    private int flags;
    private long mtime;
    private int xfl;
    private int os;
    private int xlen;
    private int storedHeaderCrc;

    /** A parser bounding headers to {@link #DEFAULT_MAX_HEADER_LENGTH} bytes. */
    public GzipHeaderParser() {
        this(DEFAULT_MAX_HEADER_LENGTH);
    }

    /**
     * @param maxHeaderLength the longest header accepted, optional fields included
     * @throws io.warpdrive.comp.WdException INVALID_ARGUMENT when shorter than the fixed
     *         {@link GzipFormat#HEADER_LENGTH}
     */
    public GzipHeaderParser(int maxHeaderLength) {
        if (maxHeaderLength < GzipFormat.HEADER_LENGTH) {
            throw Failures.invalidArgument("maximum gzip header length " + maxHeaderLength + " is below the "
                    + GzipFormat.HEADER_LENGTH + " bytes every header has");
        }
        this.maxHeaderLength = maxHeaderLength;
    }

    /**
     * Consumes header bytes from {@code src}, stopping at the end of the header or of the
     * buffer, whichever comes first.
     *
     * @return true once the whole header has been parsed (the buffer's position is then
     *         at the first byte after it)
     * @throws io.warpdrive.comp.WdException CORRUPT_INPUT for a bad magic, a method other
     *         than deflate, reserved flag bits or a header longer than the maximum;
     *         CHECKSUM_MISMATCH when the FHCRC does not match
     */
    public boolean parse(ByteBuffer src) {
        while (field != Field.DONE && src.hasRemaining()) {
            if (length == maxHeaderLength) {
                throw Failures.corrupt("gzip header longer than " + maxHeaderLength + " bytes (still in "
                        + field.description + "): not a gzip header, or a hostile one");
            }
            int offset = length++;
            int b = src.get() & 0xff;
            if (field != Field.HCRC) {
                headerCrc.update(b);
            }
            accept(b, offset, src);
        }
        return field == Field.DONE;
    }

    private void accept(int b, int offset, ByteBuffer src) {
        switch (field) {
            case ID1:
                if (b != GzipFormat.ID1) {
                    throw badMagic(b, src);
                }
                field = Field.ID2;
                break;
            case ID2:
                if (b != GzipFormat.ID2) {
                    throw Failures.corrupt("not gzip: bad magic " + Failures.hex8(GzipFormat.ID1) + " "
                            + Failures.hex8(b) + " at byte 0");
                }
                field = Field.CM;
                break;
            case CM:
                if (b != GzipFormat.CM_DEFLATE) {
                    throw Failures.corrupt("gzip compression method " + b + " at byte " + offset
                            + " is not deflate (" + GzipFormat.CM_DEFLATE + ")");
                }
                field = Field.FLG;
                break;
            case FLG:
                if ((b & GzipFormat.RESERVED_FLAGS) != 0) {
                    throw Failures.corrupt("gzip header has reserved flag bits set: FLG " + Failures.hex8(b)
                            + " at byte " + offset);
                }
                flags = b;
                startField(Field.MTIME);
                break;
            case MTIME:
                mtime |= (long) b << (8 * fieldOffset);
                if (++fieldOffset == 4) {
                    field = Field.XFL;
                }
                break;
            case XFL:
                xfl = b;
                field = Field.OS;
                break;
            case OS:
                os = b;
                startOptionalFieldAfter(Field.OS);
                break;
            case XLEN:
                xlen |= b << (8 * fieldOffset);
                if (++fieldOffset == 2) {
                    extra.begin();
                    if (xlen == 0) {
                        startOptionalFieldAfter(Field.EXTRA);
                    } else {
                        startField(Field.EXTRA);
                    }
                }
                break;
            case EXTRA:
                extra.add(b);
                if (++fieldOffset == xlen) {
                    startOptionalFieldAfter(Field.EXTRA);
                }
                break;
            case NAME:
                if (b == 0) {
                    startOptionalFieldAfter(Field.NAME);
                } else {
                    name.add(b);
                }
                break;
            case COMMENT:
                if (b == 0) {
                    startOptionalFieldAfter(Field.COMMENT);
                } else {
                    comment.add(b);
                }
                break;
            case HCRC:
                storedHeaderCrc |= b << (8 * fieldOffset);
                if (++fieldOffset == 2) {
                    verifyHeaderCrc();
                    field = Field.DONE;
                }
                break;
            default:
                throw new IllegalStateException("parser past the end of the header");
        }
    }

    private void startField(Field next) {
        field = next;
        fieldOffset = 0;
    }

    /** Moves to the first optional field after {@code done} that FLG announces, or to DONE. */
    private void startOptionalFieldAfter(Field done) {
        if (done.ordinal() < Field.XLEN.ordinal() && (flags & GzipFormat.FEXTRA) != 0) {
            startField(Field.XLEN);
        } else if (done.ordinal() < Field.NAME.ordinal() && (flags & GzipFormat.FNAME) != 0) {
            name.begin();
            startField(Field.NAME);
        } else if (done.ordinal() < Field.COMMENT.ordinal() && (flags & GzipFormat.FCOMMENT) != 0) {
            comment.begin();
            startField(Field.COMMENT);
        } else if (done.ordinal() < Field.HCRC.ordinal() && (flags & GzipFormat.FHCRC) != 0) {
            startField(Field.HCRC);
        } else {
            field = Field.DONE;
        }
    }

    private void verifyHeaderCrc() {
        int computed = (int) headerCrc.getValue() & 0xffff;
        if (computed != storedHeaderCrc) {
            throw Failures.mismatch(String.format(
                    "gzip header CRC16 mismatch: header says 0x%04x, its %d bytes have 0x%04x",
                    storedHeaderCrc, length - 2, computed));
        }
    }

    private static RuntimeException badMagic(int first, ByteBuffer src) {
        // Show the second byte too when it is at hand: "1f 8c" says more than "1f".
        String second = src.hasRemaining() ? " " + Failures.hex8(src.get(src.position())) : "";
        return Failures.corrupt("not gzip: bad magic " + Failures.hex8(first) + second + " at byte 0 (expected "
                + Failures.hex8(GzipFormat.ID1) + " " + Failures.hex8(GzipFormat.ID2) + ")");
    }

    /** True once a whole header has been parsed. */
    public boolean isComplete() {
        return field == Field.DONE;
    }

    /**
     * Call when the input has ended.
     *
     * @throws io.warpdrive.comp.WdException TRUNCATED_INPUT when the header is incomplete
     */
    public void checkComplete() {
        if (field != Field.DONE) {
            throw Failures.truncated("gzip header truncated after " + length + " bytes (in "
                    + field.description + ")");
        }
    }

    /** Header bytes consumed so far (the header's length once complete). */
    public int length() {
        return length;
    }

    public int maxHeaderLength() {
        return maxHeaderLength;
    }

    /** The FLG byte. */
    public int flags() {
        return flags;
    }

    /** FTEXT: the compressor thought the data was text. */
    public boolean isText() {
        return (flags & GzipFormat.FTEXT) != 0;
    }

    /** FHCRC: the header carried a CRC16 (which was verified). */
    public boolean hasHeaderCrc() {
        return (flags & GzipFormat.FHCRC) != 0;
    }

    /** MTIME, seconds since the epoch as an unsigned 32-bit value; 0 means none. */
    public long mtime() {
        return mtime;
    }

    /** XFL, the compressor's hint (2 best, 4 fastest). */
    public int xfl() {
        return xfl;
    }

    /** OS, the file system the member was made on (3 is Unix, 255 unknown). */
    public int os() {
        return os;
    }

    /** The FNAME field decoded as ISO 8859-1, or null when the header has none. */
    public String name() {
        return name.latin1();
    }

    /** The FCOMMENT field decoded as ISO 8859-1, or null when the header has none. */
    public String comment() {
        return comment.latin1();
    }

    /** A copy of the FEXTRA data (without XLEN), or null when the header has none. */
    public byte[] extra() {
        return extra.copy();
    }

    /** Prepares for the next header; keeps any field storage already allocated. */
    public void reset() {
        field = Field.ID1;
        length = 0;
        fieldOffset = 0;
        flags = 0;
        mtime = 0;
        xfl = 0;
        os = 0;
        xlen = 0;
        storedHeaderCrc = 0;
        headerCrc.reset();
        extra.clear();
        name.clear();
        comment.clear();
    }
}
