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
        COMMANDS.put("queues", new String[] { "queues",
            "Lists the open queues: driver, device, direction, jobs in flight, throughput." });
        COMMANDS.put("sched", new String[] { "sched",
            "Shows the scheduling policies: the active one, the others, picks and faults." });
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
