package io.warpdrive.driver.hisi_zip.zip;

import io.warpdrive.comp.Operation;

/** The four ways a job is served, for one device profile: stateless or stream, each direction. */
final class ZipFlows {
    final StreamCompression streamCompression;
    final StreamDecompression streamDecompression;
    final StatelessCompression statelessCompression;
    final StatelessDecompression statelessDecompression;

    ZipFlows(ZipProfile profile) {
        streamCompression = new StreamCompression(profile);
        streamDecompression = new StreamDecompression(profile);
        statelessCompression = new StatelessCompression(profile, streamCompression);
        statelessDecompression = new StatelessDecompression(profile, streamDecompression);
    }

    ZipFlow flowFor(Operation operation, boolean stream) {
        if (operation == Operation.COMPRESS) {
            return stream ? streamCompression : statelessCompression;
        }
        return stream ? streamDecompression : statelessDecompression;
    }
}
