package io.warpdrive.shell;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/** Usage lines and help of the wd: commands. */
final class Usage {
    private static final Map<String, String[]> COMMANDS = new LinkedHashMap<>();

    static {
        COMMANDS.put("compress", new String[] {
            "compress [-a gzip|zlib|deflate] [-l 1-9] [-f auto|hardware|software] [-b SIZE] [--force] [-c] [-q] [-v] INPUT|- [OUTPUT|-]",
            "Compresses a file (or stdin) through the platform. The default output is INPUT.gz (.zz, .deflate);",
            "-c writes to stdout; --force overwrites; -b sets the block size (default 1m); -q hides progress;",
            "-v reports the sizes and the driver that served it on stderr." });
        COMMANDS.put("decompress", new String[] {
            "decompress [-a gzip|zlib|deflate] [-f auto|hardware|software] [-b SIZE] [--force] [-c] [-q] [-v] INPUT|- [OUTPUT|-]",
            "Decompresses a file (or stdin). The algorithm defaults from the name (.gz, .zz, .deflate);",
            "any valid gzip header is accepted and concatenated members are decompressed in full." });
        COMMANDS.put("drivers", new String[] { "drivers", "Lists the drivers: type, priority, devices, open queues." });
        COMMANDS.put("devices", new String[] { "devices",
            "Lists the devices of every driver: health, free instances, NUMA node, algorithms, attributes." });
        COMMANDS.put("queues", new String[] { "queues [DRIVER [DEVICE] N [--mode shared|sync|async]]",
            "Lists the open queues; with arguments, keeps N queues (of the mode) per direction on the driver's",
            "devices or on one device — applied live, saved in Configuration Admin (and conf/ if set there)." });
        COMMANDS.put("stats", new String[] { "stats [--sort requests|bytes|errors|cpu|hw|name] [--drivers] [--queues] [--reset] [CONSUMER]",
            "Accounting per consumer bundle: requests, bytes, hardware share, errors, time, CPU, reservations;",
            "one consumer in detail per algorithm and direction; --drivers / --queues: load per driver or queue." });
        COMMANDS.put("top", new String[] { "top [--interval SECONDS] [--count N]",
            "Consumers and drivers, refreshed every few seconds like top (Ctrl-C stops)." });
        COMMANDS.put("sched", new String[] { "sched [use NAME]",
            "Shows the scheduling policies: the active one, the others, picks and faults;",
            "'use NAME' makes NAME active by ranking it above the others (persisted in Configuration Admin)." });
        COMMANDS.put("models", new String[] { "models",
            "What the platform learned of each engine: per kind of request and size, the predicted time of a",
            "sync request (µs), its MB/s and the samples behind it; the sizes where another engine gets faster." });
        COMMANDS.put("bench", new String[] { "bench [--alg A] [--opt 0|1] [--sync|--async] [--pktlen N] [--thread N] [--seconds N] [--ctxnum N] [--driver NAME|auto] [--compare auto,NAME,...] [--level L] [--file PATH] [--inflight N] [--json]",
            "uadk_tool-style benchmark: the platform against java.util.zip on the same data and threads,",
            "in uadk_tool's layout, ending with 'ratio vs direct: R'; --compare measures auto and each named driver",
            "in alternating slices and prints auto / the best of them. bench --help lists the options." });
        COMMANDS.put("summary", new String[] { "summary", "One screen: drivers, devices, queues and scheduler." });
        COMMANDS.put("help", new String[] { "help [COMMAND]", "Lists the commands, or explains one." });
    }

    private Usage() {
    }

    static String line(String command) {
        String[] u = COMMANDS.get(command);
        return u == null ? command : u[0];
    }

    static void print(PrintStream out, String command) {
        if (command != null && COMMANDS.containsKey(command)) {
            String[] u = COMMANDS.get(command);
            out.println("usage: " + u[0]);
            for (int i = 1; i < u.length; i++) {
                out.println("  " + u[i]);
            }
            return;
        }
        out.println("WarpDrive commands (one-shot: java -jar warpdrive.jar COMMAND ...; in the shell: wd:COMMAND ...):");
        for (Map.Entry<String, String[]> e : COMMANDS.entrySet()) {
            out.printf("  %-11s %s%n", e.getKey(), e.getValue()[1]);
        }
    }
}
