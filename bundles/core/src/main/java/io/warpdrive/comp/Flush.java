package io.warpdrive.comp;

/** Flush mode of a stream request (zlib's flush parameter). */
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
