package io.warpdrive.lib;

import io.warpdrive.comp.Algorithm;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * What a {@link Driver} may offer besides its queues: decompressing one whole compressed output on
 * the calling thread, for compress-and-verify. The platform decompresses a share of the hardware's
 * compressions on another engine and compares the result with the input before delivering them; a
 * driver whose CPU library reads an algorithm the platform cannot read itself (zstd, LZ4) implements
 * this so those outputs are checked too. The platform asks it only for algorithms it
 * {@linkplain #decodes decodes} and never for the output of one of its own devices.
 *
 * @since 1.6
 */
@ConsumerType
public interface OutputDecoder {

    /** Whether {@link #decode} reads this algorithm's data now (its library loads). */
    boolean decodes(Algorithm algorithm);

    /**
     * Decompresses all of {@code src[offset, offset + length)}, whole frames of {@code algorithm}
     * and nothing else, into {@code dst} from its start. Thread-safe; may allocate.
     *
     * @return the bytes written to {@code dst}
     * @throws io.warpdrive.comp.WdException CORRUPT_INPUT, TRUNCATED_INPUT or CHECKSUM_MISMATCH when the
     *         data is not whole and valid, OUTPUT_TOO_SMALL when it decompresses to more than {@code dst}
     *         holds; any other status says the decoder could not check it
     */
    int decode(Algorithm algorithm, byte[] src, int offset, int length, byte[] dst);
}
