package io.warpdrive.comp.stream;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;

/**
 * How a {@link CompressorOutputStream} (or {@link Compress#toArray(io.warpdrive.comp.Compressor,
 * io.warpdrive.comp.SessionSpec, ParallelCompression, byte[])}) compresses one gzip, zlib or
 * raw deflate stream on several engines at once, as pigz does on several cores: the input
 * is cut into pieces of {@link #pieceSize()} bytes, up to {@link #piecesInFlight()} of them
 * are compressed at the same time on whichever engines the platform picks, each primed with
 * the 32 KiB before it as its dictionary and ended with a sync flush (the last with the final
 * block), and the pieces are written out in order as one standard stream whose checksum is
 * combined from the pieces' own. The output is what gzip, zlib and java.util.zip read; it is
 * slightly larger than a serial stream's (a sync flush per piece, and pieces on an engine
 * that takes no dictionary start without history).
 *
 * <p>zstd and LZ4 (since 1.2): each piece is compressed into a whole frame of its own, without
 * a dictionary, and the output is the frames in order: a stream both formats define as the
 * concatenation of its frames' contents, which {@code zstd -d}, {@code lz4 -d} and the
 * platform read. Each piece starts without history, so the ratio cost grows as pieces shrink
 * (larger pieces suit these formats; see the CLI's {@code -p}).
 *
 * <p>Memory is bounded: each piece in flight holds its input and room for its output.
 * The writer waits when all are in flight (back-pressure).
 */
public final class ParallelCompression {
    /** The smallest piece: below this the sync flushes and lost history cost too much ratio. */
    public static final int MIN_PIECE_SIZE = 64 * 1024;
    /** The largest piece. */
    public static final int MAX_PIECE_SIZE = 16 * 1024 * 1024;
    /** pigz's piece is 128 KiB; larger pieces cost engines that open a stream per piece less. */
    public static final int DEFAULT_PIECE_SIZE = 256 * 1024;
    /**
     * zstd's and LZ4's piece: a frame starts without history, so the piece is several times
     * zstd's window at its usual levels (as pzstd's), which keeps the ratio within 1 % of the
     * serial stream's.
     *
     * @since 1.2
     */
    public static final int DEFAULT_FRAME_PIECE_SIZE = 4 * 1024 * 1024;
    /** The most pieces in flight. */
    public static final int MAX_PIECES_IN_FLIGHT = 1024;

    private final int pieceSize;
    private final int piecesInFlight;

    private ParallelCompression(int pieceSize, int piecesInFlight) {
        this.pieceSize = pieceSize;
        this.piecesInFlight = piecesInFlight;
    }

    /**
     * @throws WdException INVALID_ARGUMENT for a piece size outside
     *         {@value #MIN_PIECE_SIZE}..{@value #MAX_PIECE_SIZE} or pieces in flight outside
     *         1..{@value #MAX_PIECES_IN_FLIGHT}
     */
    public static ParallelCompression of(int pieceSize, int piecesInFlight) {
        if (pieceSize < MIN_PIECE_SIZE || pieceSize > MAX_PIECE_SIZE) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, "piece size " + pieceSize + " outside "
                    + MIN_PIECE_SIZE + ".." + MAX_PIECE_SIZE);
        }
        if (piecesInFlight < 1 || piecesInFlight > MAX_PIECES_IN_FLIGHT) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, "pieces in flight " + piecesInFlight + " outside 1.."
                    + MAX_PIECES_IN_FLIGHT);
        }
        return new ParallelCompression(pieceSize, piecesInFlight);
    }

    /**
     * Pieces of {@value #DEFAULT_PIECE_SIZE} bytes, two in flight per engine wanted busy: one
     * compressing while the other's output is written out.
     *
     * @param engines how many pieces to compress at the same time (pigz's {@code -p})
     * @throws WdException INVALID_ARGUMENT for fewer than 1 or more than half of
     *         {@value #MAX_PIECES_IN_FLIGHT}
     */
    public static ParallelCompression onEngines(int engines) {
        if (engines < 1 || engines > MAX_PIECES_IN_FLIGHT / 2) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, engines + " engines at once, outside 1.."
                    + MAX_PIECES_IN_FLIGHT / 2);
        }
        return of(DEFAULT_PIECE_SIZE, 2 * engines);
    }

    /**
     * Pieces of {@code algorithm}'s default size ({@value #DEFAULT_PIECE_SIZE} bytes for the
     * deflate family, {@value #DEFAULT_FRAME_PIECE_SIZE} for zstd and LZ4), two in flight per
     * engine wanted busy.
     *
     * @throws WdException INVALID_ARGUMENT as {@link #onEngines(int)}
     * @since 1.2
     */
    public static ParallelCompression onEngines(int engines, Algorithm algorithm) {
        ParallelCompression deflate = onEngines(engines);
        return algorithm.isDeflateFamily() ? deflate : of(DEFAULT_FRAME_PIECE_SIZE, deflate.piecesInFlight());
    }

    /** Uncompressed bytes per piece. */
    public int pieceSize() {
        return pieceSize;
    }

    /** The most pieces compressing or waiting to be written out at a time. */
    public int piecesInFlight() {
        return piecesInFlight;
    }

    @Override
    public String toString() {
        return pieceSize / 1024 + " KiB pieces, " + piecesInFlight + " in flight";
    }
}
