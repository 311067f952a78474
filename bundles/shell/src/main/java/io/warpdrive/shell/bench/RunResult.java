package io.warpdrive.shell.bench;

/** One measured run: packets completed over the measured time, and the process's CPU. */
record RunResult(String name, long packets, long bytes, double seconds, double cpuPercent) {

    /** Uncompressed bytes per second. */
    double bytesPerSecond() {
        return bytes / seconds;
    }

    double kops() {
        return packets / 1000.0 / seconds;
    }
}
