package io.warpdrive.driver.isal.igzip;

import java.nio.ByteBuffer;

/**
 * The native surface of the isal driver, and all of it: the igzip calls the driver makes
 * and the native memory they work on. Every pointer is a {@code long} address, every
 * struct lives in memory from {@link #allocate} and is read and written through
 * {@link #view} (see {@link ZStream} and {@link InflateState} for the fields), so a call
 * passes primitives only and allocates nothing.
 *
 * <p>{@link JnaIgzip} binds it to libisal; tests substitute their own to see how the code
 * above uses it (memory freed, library missing, an error code returned).
 */
public interface Igzip {

    /** What {@link #toString()}-like messages call the library, e.g. its file name. */
    String library();

    /** Native memory of {@code bytes} bytes (not zeroed), or 0 when there is none. */
    long allocate(long bytes);

    /** Frees memory from {@link #allocate}. */
    void free(long address);

    /** A direct buffer over {@code length} bytes of native memory at {@code address}, in native byte order. */
    ByteBuffer view(long address, int length);

    /** The address of index 0 of a direct buffer (whatever its position). */
    long addressOf(ByteBuffer direct);

    /** {@code isal_deflate_init}: a new compression stream, default parameters. */
    void deflateInit(long stream);

    /** {@code isal_deflate_stateless_init}: a stream for one {@link #deflateStateless} call. */
    void deflateStatelessInit(long stream);

    /**
     * {@code isal_deflate_set_dict}: primes a stream just initialised (and given its
     * parameters) with {@code length} bytes of history at {@code dictionary}, which igzip
     * copies; {@link IgzipAbi#COMP_OK} or an error.
     */
    int deflateSetDict(long stream, long dictionary, int length);

    /** {@code isal_deflate}: compresses what the stream's input and output fields say; {@link IgzipAbi#COMP_OK} or an error. */
    int deflate(long stream);

    /** {@code isal_deflate_stateless}: all input to one complete block sequence; {@link IgzipAbi#STATELESS_OVERFLOW} when the output is too small. */
    int deflateStateless(long stream);

    /** {@code isal_inflate_init}: a new decompression state. */
    void inflateInit(long state);

    /** {@code isal_inflate_reset}: the state starts a new stream (keeps {@code crc_flag} and {@code hist_bits}). */
    void inflateReset(long state);

    /** {@code isal_inflate}: decompresses; {@link IgzipAbi#ISAL_DECOMP_OK} or an error (negative). */
    int inflate(long state);
}
