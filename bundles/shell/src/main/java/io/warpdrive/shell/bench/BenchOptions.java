package io.warpdrive.shell.bench;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.WdException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Options of {@code bench}, named as uadk_tool's benchmark names them where they apply
 * ({@code --alg --opt --sync/--async --pktlen --thread --seconds --ctxnum}), plus
 * {@code --driver --level --file --inflight --json}.
 */
public final class BenchOptions {
    public Algorithm algorithm = Algorithm.GZIP;
    public Operation operation = Operation.COMPRESS;
    public boolean sync = true;
    public int packetLength = 64 * 1024;
    public int threads = 1;
    public int seconds = 3;
    public int rounds = 3;
    public int contexts;
    public String driver = "auto";
    /** With --compare: the drivers (and auto) measured in alternating slices of one run, else null. */
    public List<String> compare;
    public int level = 1;
    public String file;
    public int inflight = 16;
    public boolean json;
    public boolean help;

    static final String HELP = String.join("\n",
            "bench [options]: throughput of the platform against the algorithm's library called directly (java.util.zip,",
            "  zstd-jni, lz4-java) on the same data and threads",
            "  --alg gzip|zlib|deflate|zstd|lz4  algorithm (default gzip)",
            "  --opt 0|1                 0 compress (default), 1 decompress",
            "  --sync | --async          sync requests (default) or async with --inflight per thread",
            "  --pktlen BYTES            request size (default 65536; 16 B .. 16 MiB)",
            "  --thread N                threads (default 1)",
            "  --seconds N               seconds measured per run (default 3)",
            "  --rounds N                runs alternate in N slices, so both see the same machine (default 3)",
            "  --ctxnum N                queues per direction on the driver for the run (default: as configured)",
            "  --driver NAME|auto        serve on this driver only, or wherever the scheduler picks (default auto)",
            "  --compare auto,NAME,...   measure auto and each driver in alternating slices of one run, and print",
            "                            each one's throughput and auto / the best single driver",
            "  --level N                 compression level, in the algorithm's range (default 1)",
            "  --file PATH               data (default: dickens of the Silesia corpus in ../shared/corpus, else generated text; the report names it)",
            "  --inflight N              async requests each thread keeps in flight (default 16)",
            "  --json                    the same as JSON",
            "  --help                    this list");

    public static BenchOptions parse(List<String> args) {
        BenchOptions o = new BenchOptions();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String value = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                value = a.substring(eq + 1);
                a = a.substring(0, eq);
            }
            switch (a) {
                case "--sync":
                    o.sync = true;
                    continue;
                case "--async":
                    o.sync = false;
                    continue;
                case "--json":
                    o.json = true;
                    continue;
                case "--help":
                    o.help = true;
                    continue;
                default:
                    break;
            }
            if (value == null) {
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException("option " + a + " needs a value");
                }
                value = args.get(++i);
            }
            switch (a) {
                case "--alg":
                    try {
                        o.algorithm = Algorithm.fromName(value);
                    } catch (WdException e) {
                        throw new IllegalArgumentException(e.detail());
                    }
                    break;
                case "--opt":
                    int opt = number(a, value, 0, 1);
                    o.operation = opt == 0 ? Operation.COMPRESS : Operation.DECOMPRESS;
                    break;
                case "--pktlen":
                    o.packetLength = number(a, value, 16, 16 << 20);
                    break;
                case "--thread":
                    o.threads = number(a, value, 1, 256);
                    break;
                case "--seconds":
                    o.seconds = number(a, value, 1, 3600);
                    break;
                case "--rounds":
                    o.rounds = number(a, value, 1, 100);
                    break;
                case "--ctxnum":
                    o.contexts = number(a, value, 1, 1024);
                    break;
                case "--driver":
                    o.driver = value;
                    break;
                case "--compare":
                    o.compare = new java.util.ArrayList<>();
                    for (String name : value.split(",")) {
                        if (!name.isBlank() && !o.compare.contains(name.trim())) {
                            o.compare.add(name.trim());
                        }
                    }
                    if (o.compare.size() < 2) {
                        throw new IllegalArgumentException("--compare needs at least two of auto and driver names, not '"
                                + value + "'");
                    }
                    break;
                case "--level":
                    o.level = number(a, value, Algorithm.ZSTD.minLevel(), Algorithm.ZSTD.maxLevel());
                    break;
                case "--file":
                    o.file = value;
                    break;
                case "--inflight":
                    o.inflight = number(a, value, 1, 1024);
                    break;
                default:
                    throw new IllegalArgumentException("unknown option " + a + " (see bench --help)");
            }
        }
        if (!o.algorithm.isLevel(o.level)) {
            throw new IllegalArgumentException("--level " + o.level + " is not a " + o.algorithm.uadkName() + " level ("
                    + o.algorithm.minLevel() + ".." + o.algorithm.maxLevel() + ")");
        }
        return o;
    }

    private static int number(String option, String value, int min, int max) {
        try {
            int n = Integer.parseInt(value.trim());
            if (n < min || n > max) {
                throw new IllegalArgumentException(option + " must be between " + min + " and " + max + ", not " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a number, not '" + value + "'");
        }
    }

    /** The parameters as uadk_tool echoes them, in order. */
    Map<String, Object> echo(String data) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("alg", algorithm.uadkName());
        m.put("opt", operation.ordinal());
        m.put("mode", sync ? "sync" : "async");
        m.put("pktlen", packetLength);
        m.put("thread", threads);
        m.put("seconds", seconds);
        m.put("rounds", rounds);
        m.put("ctxnum", contexts == 0 ? "configured" : contexts);
        m.put("driver", compare == null ? driver : String.join(",", compare));
        m.put("level", level);
        m.put("file", data);
        if (!sync) {
            m.put("inflight", inflight);
        }
        return m;
    }
}
