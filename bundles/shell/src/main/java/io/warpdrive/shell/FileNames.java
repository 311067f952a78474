package io.warpdrive.shell;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Operation;

/**
 * File-name conventions of gzip and friends: .gz for gzip, .zz for zlib, .deflate for raw
 * deflate, .zst for zstd (as the zstd tool names them), .lz4 for LZ4 (as the lz4 tool does).
 */
final class FileNames {
    private FileNames() {
    }

    static String suffix(Algorithm a) {
        switch (a) {
            case GZIP:
                return ".gz";
            case ZLIB:
                return ".zz";
            case ZSTD:
                return ".zst";
            case LZ4:
                return ".lz4";
            default:
                return ".deflate";
        }
    }

    /** The algorithm a compressed file's name suggests; gzip when it suggests none. */
    static Algorithm algorithmOf(String name) {
        String n = name.toLowerCase();
        if (n.endsWith(".zz") || n.endsWith(".zlib")) {
            return Algorithm.ZLIB;
        }
        if (n.endsWith(".deflate")) {
            return Algorithm.DEFLATE;
        }
        if (n.endsWith(".zst")) {
            return Algorithm.ZSTD;
        }
        if (n.endsWith(".lz4")) {
            return Algorithm.LZ4;
        }
        return Algorithm.GZIP;
    }

    /** Default output name: add the suffix when compressing, strip it when decompressing. */
    static String outputFor(Operation op, String input, Algorithm a) {
        if (op == Operation.COMPRESS) {
            return input + suffix(a);
        }
        String lower = input.toLowerCase();
        for (String s : new String[] { ".gz", ".zz", ".zlib", ".deflate", ".z", ".zst", ".lz4" }) {
            if (lower.endsWith(s) && input.length() > s.length()) {
                return input.substring(0, input.length() - s.length());
            }
        }
        throw new UsageException("cannot tell the output name of '" + input + "': give it as the second argument");
    }
}
