package io.warpdrive.shell;

/** Byte counts and rates for people. */
final class Sizes {
    private Sizes() {
    }

    static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format("%.1f KiB", bytes / 1024.0);
        }
        if (bytes < 1024L * 1024 * 1024) {
            return String.format("%.1f MiB", bytes / (1024.0 * 1024));
        }
        return String.format("%.2f GiB", bytes / (1024.0 * 1024 * 1024));
    }

    static String rate(double bytesPerSecond) {
        return bytesPerSecond <= 0 ? "-" : String.format("%.1f MB/s", bytesPerSecond / 1e6);
    }
}
