package io.warpdrive.comp;

/**
 * Flush mode of a stream request (zlib's flush parameter). For decompression only
 * {@link #FINISH} means something: no more input will come, so a stream that has not
 * ended when the input runs out is TRUNCATED_INPUT.
 */
public enum Flush {
    /** Consume input; emit output when the codec decides. */
    NONE,
    /** Emit all pending output, aligned to a byte boundary (Z_SYNC_FLUSH). */
    SYNC,
    /** As SYNC, and reset the history so decoding can restart here (Z_FULL_FLUSH). */
    FULL,
    /** Last input of the stream: write the end of the stream and its trailer. */
    FINISH
}
