package io.warpdrive.driver.zstdlz4;

import io.warpdrive.comp.Algorithm;
import java.nio.file.Path;
import java.util.List;

/**
 * Interoperability both ways with the real {@code zstd} tool: it reads what the driver writes at
 * fast, default and high levels, and the driver reads what it writes with and without checksums,
 * in fast levels and with long-distance matching.
 */
class ZstdToolInteropTest extends ToolInterop {
    @Override
    Algorithm algorithm() {
        return Algorithm.ZSTD;
    }

    @Override
    int[] levels() {
        return new int[] {-5, 1, 3, 19};
    }

    @Override
    String[][] toolOptions() {
        return new String[][] {{"-3"}, {"-19"}, {"--fast=4"}, {"--no-check", "-1"}, {"-6", "--long"}};
    }

    @Override
    List<String> inAndOut(Path in, Path out) {
        return List.of(in.toString(), "-o", out.toString());
    }
}
