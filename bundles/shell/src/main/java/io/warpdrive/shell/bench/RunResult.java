package io.warpdrive.shell.bench;

/** One measured run: packets completed over the measured time, and the process's CPU. */
record RunResult(String name, long packets, long bytes, double seconds, double cpuPercent) {

    /** Uncompressed bytes per second. */
    double bytesPerSecond() {
        return bytes / seconds;
    }

    /** This run and another slice of it, as one run. */
    RunResult plus(RunResult o) {
        double total = seconds + o.seconds;
        return new RunResult(name, packets + o.packets, bytes + o.bytes, total,
                total == 0 ? 0 : (cpuPercent * seconds + o.cpuPercent * o.seconds) / total);
    }

    double kops() {
        return packets / 1000.0 / seconds;
    }
}
