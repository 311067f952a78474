package io.warpdrive.driver.hisi_zip.zip;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Operation;

/**
 * The ways a job is served, for one device profile: the deflate family stateless or stream,
 * each direction; zstd stateless compression (v3).
 */
final class ZipFlows {
    final StreamCompression streamCompression;
    final StreamDecompression streamDecompression;
    final StatelessCompression statelessCompression;
    final StatelessDecompression statelessDecompression;
    final Lz77ZstdCompression zstdCompression = new Lz77ZstdCompression();
    final Lz4Compression lz4Compression = new Lz4Compression();

    ZipFlows(ZipProfile profile) {
        streamCompression = new StreamCompression(profile);
        streamDecompression = new StreamDecompression(profile);
        statelessCompression = new StatelessCompression(profile, streamCompression);
        statelessDecompression = new StatelessDecompression(profile, streamDecompression);
    }

    /** The flow for such a job, or null when the device does not serve it (see HisiZipCapabilities). */
    ZipFlow flowFor(Algorithm algorithm, Operation operation, boolean stream) {
        if (!algorithm.isDeflateFamily()) {
            if (operation != Operation.COMPRESS || stream) {
                return null;
            }
            return algorithm == Algorithm.ZSTD ? zstdCompression : algorithm == Algorithm.LZ4 ? lz4Compression : null;
        }
        if (operation == Operation.COMPRESS) {
            return stream ? streamCompression : statelessCompression;
        }
        return stream ? streamDecompression : statelessDecompression;
    }
}
