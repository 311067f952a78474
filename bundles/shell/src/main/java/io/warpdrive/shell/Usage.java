package io.warpdrive.shell;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Usage lines and help of the wd: commands. */
final class Usage {
    private static final Map<String, String[]> COMMANDS = new LinkedHashMap<>();

    static {
        // Per command: the usage line, a one-line summary (a whole sentence: 'help' lists these),
        // then the details 'help COMMAND' adds.
        COMMANDS.put("compress", new String[] {
            "compress [-a gzip|zlib|deflate|zstd|lz4] [-l LEVEL] [-f auto|hardware|software] [--driver NAME] [-b SIZE] [-p N] [--force] [-c] [-q] [-v] INPUT|- [OUTPUT|-]",
            "Compresses a file (or stdin) through the platform.",
            "The default output is INPUT.gz (.zz, .deflate, .zst, .lz4), written under a temporary name and renamed",
            "when complete; the input is never overwritten. Without -a, an OUTPUT's suffix names the algorithm.",
            "Levels: 1-9 for gzip, zlib and deflate; zstd -131072 to 22 without 0 (negative: its fast levels);",
            "lz4 1-12 (1-2 its fast compressor, 3-12 its HC compressor).",
            "-c writes to stdout (not to a terminal); --force replaces an existing output and reads inputs that",
            "are not regular files; -f hardware: accelerators only, -f software: CPU drivers only (isal, soft);",
            "--driver NAME: that driver only (see drivers); -b sets the block size (default 1m);",
            "-q hides progress; -v reports the sizes and the driver that served it on stderr.",
            "-p N compresses inputs of 512k or more (or of unknown size) in pieces, N at once on the engines",
            "the platform picks, as pigz -p does (default: the cores; -p 1 one serial stream); -b then sets the",
            "piece size (64k to 16m, default 256k; zstd and lz4 4m). The output is one standard stream (zstd and",
            "lz4: a frame per piece, as pzstd writes, which every decoder reads as one stream).",
            "A level is a promise about the ratio: -l L compresses at least as well as gzip -L. isal honours",
            "levels 1 and 2 (its best is about gzip -2), so under -f auto levels 3-9 go to a driver that",
            "honours them (soft, hardware); the engine's level.accept.nearest=true lets isal serve them at its best." });
        COMMANDS.put("decompress", new String[] {
            "decompress [-a gzip|zlib|deflate|zstd|lz4] [-f auto|hardware|software] [--driver NAME] [-b SIZE] [--force] [-c] [-q] [-v] INPUT|- [OUTPUT|-]",
            "Decompresses a file (or stdin).",
            "The algorithm defaults from the name (.gz, .zz, .deflate, .zst, .lz4); any valid gzip header is accepted and concatenated members are decompressed in full.",
            "Options and output files as for compress." });
        COMMANDS.put("drivers", new String[] { "drivers", "Lists the drivers: type, priority, devices, open queues." });
        COMMANDS.put("devices", new String[] { "devices [--reset DEVICE]",
            "Lists the devices of every driver: health, free instances, NUMA node, algorithms, attributes, and "
                + "why a device gets no traffic (a failed self-test, quarantined).",
            "--reset DEVICE lets a quarantined device have traffic again (also one held out after flapping)." });
        COMMANDS.put("queues", new String[] { "queues [DRIVER [DEVICE] N [--mode shared|sync|async]] [--consumer NAME]",
            "Lists the open queues, or sets how many a driver keeps, or how many a consumer holds of its own.",
            "With arguments, keeps N queues (of the mode) per direction on the driver's devices or on one",
            "device, applied live and saved: by the shell in Configuration Admin (and conf/ if set there),",
            "by a one-shot command in the home's conf/io.warpdrive.engine.cfg. With --consumer NAME [N], the",
            "queues per direction the consumer bundle NAME holds of its own, or gives it N (0: none)." });
        COMMANDS.put("stats", new String[] { "stats [--sort requests|bytes|errors|cpu|hw|name] [--drivers] [--queues] [--reset] [CONSUMER]",
            "Shows the accounting per consumer bundle, driver or queue.",
            "Per consumer: requests, bytes, hardware share, errors, time, CPU, reservations; one consumer",
            "in detail per algorithm and direction; then streams moved to another engine and the",
            "compressed input decompression streams keep to resume (in use, limit, chunks refused);",
            "--drivers / --queues: load per driver or queue",
            "(a driver's BUSY is summed over its queues, UTIL is the share of their open time with work).",
            "bench runs are accounted to their own consumer (io.warpdrive.shell.bench), not to the shell." });
        COMMANDS.put("top", new String[] { "top [--interval SECONDS] [--count N]",
            "Shows consumers and drivers, refreshed like top.",
            "Refreshes every --interval seconds (default 2), --count times; Ctrl-C stops it." });
        COMMANDS.put("sched", new String[] { "sched [use NAME|--ranking]",
            "Shows the scheduling policies, or chooses one.",
            "Without arguments: the active policy, the others, picks and faults; 'use NAME' chooses NAME whatever",
            "the rankings (the engine's scheduler.policy, persisted; no ranking changes); 'use --ranking' clears",
            "the choice: the highest service.ranking serves again." });
        COMMANDS.put("models", new String[] { "models",
            "Shows what the platform learned of the speed of each engine.",
            "Per kind of request and size: the predicted time of a sync request (µs), its MB/s and the",
            "samples behind it; the sizes where another engine gets faster; engines refused by their self-test." });
        COMMANDS.put("bench", new String[] { "bench [--alg A] [--opt 0|1] [--sync|--async] [--pktlen N] [--thread N] [--seconds N] [--rounds N] [--ctxnum N] [--driver NAME|auto] [--compare auto,NAME,...] [--level L] [--file PATH] [--inflight N] [--json]",
            "Benchmarks the platform against java.util.zip, uadk_tool-style.",
            "Same data and threads for both, in uadk_tool's layout, ending with 'ratio vs direct: R';",
            "--compare measures auto and each named driver in alternating slices and prints auto / the best",
            "of them; a line per round on stderr while it runs; Ctrl-C stops it. bench --help lists the options." });
        COMMANDS.put("summary", new String[] { "summary",
            "Shows one screen: the version, the drivers and the active scheduling policy.",
            "Each driver with its type, priority, device count and open queues (or why it is unavailable);",
            "drivers, devices and queues give the detail." });
        COMMANDS.put("help", new String[] { "help [COMMAND]", "Lists the commands, or explains one." });
    }

    private Usage() {
    }

    static boolean knows(String command) {
        return COMMANDS.containsKey(command);
    }

    /** The commands, in the order 'help' lists them. */
    static Set<String> commands() {
        return COMMANDS.keySet();
    }

    /** The one-line summary of a command, or null. */
    static String summary(String command) {
        String[] u = COMMANDS.get(command);
        return u == null ? null : u[1];
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
        out.println("WarpDrive commands (one-shot: java -jar warpdrive.jar COMMAND ...; in the shell: COMMAND or wd:COMMAND):");
        for (Map.Entry<String, String[]> e : COMMANDS.entrySet()) {
            out.printf("  %-11s %s%n", e.getKey(), e.getValue()[1]);
        }
        out.println("'help COMMAND' shows its options. In the shell, Tab completes commands, options and");
        out.println("driver names; 'felix:help' lists the framework's and Gogo's own commands.");
    }
}
