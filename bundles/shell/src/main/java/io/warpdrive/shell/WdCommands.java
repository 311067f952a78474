package io.warpdrive.shell;

import io.warpdrive.admin.Platform;
import io.warpdrive.admin.SchedulerInfo;
import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Compressor;
import io.warpdrive.comp.FallbackPolicy;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.SessionSpec;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.stream.ParallelCompression;
import io.warpdrive.lib.Driver;
import io.warpdrive.lib.QueueMode;
import io.warpdrive.stats.UsageStats;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.function.ToIntFunction;
import org.apache.felix.service.command.Process;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The {@code wd:} commands. The same code serves the Gogo shell (scope {@code wd}) and the
 * one-shot command line of {@code warpdrive.jar}: for the latter it is registered as a
 * {@code ToIntFunction} with {@code warpdrive.cli=true}, taking the command and its
 * arguments and returning the exit status (0 ok, 1 failed, 2 wrong usage). The argument is either
 * a {@code String[]} (the command writes this process's standard streams) or a {@code Map} with
 * the command line and streams and directory of its own ({@link CommandIo}'s keys): a running
 * service answers its command socket's clients that way, each with its own streams.
 */
@Component(service = { WdCommands.class, ToIntFunction.class }, property = {
        "osgi.command.scope=wd",
        "osgi.command.function=compress", "osgi.command.function=decompress", "osgi.command.function=drivers",
        "osgi.command.function=devices", "osgi.command.function=queues", "osgi.command.function=sched",
        "osgi.command.function=summary", "osgi.command.function=help", "osgi.command.function=stats",
        "osgi.command.function=top", "osgi.command.function=bench", "osgi.command.function=models",
        "warpdrive.cli=true" })
public final class WdCommands implements ToIntFunction<Object> {
    /** Framework property the launcher sets to "true" on a one-shot platform. */
    static final String ONE_SHOT_PROPERTY = "warpdrive.oneshot";
    private static final int DEFAULT_BLOCK = 1 << 20;
    /**
     * A file's deflate-family pieces: four times the API's default, because a file is large
     * and each piece pays for its 32 KiB dictionary and its stream (on two idle cores and
     * isal, 174 MB at level 1: 1.86x the serial stream with 1 MiB pieces, 1.79x with 256 KiB).
     */
    static final int DEFLATE_PIECE_SIZE = 1 << 20;
    private static final Duration DRIVER_WAIT = Duration.ofSeconds(10);
    private static final List<String> CODEC_VALUES = List.of("a,alg", "l,level", "f,fallback", "b,block", ",driver",
            "p,processes");
    private static final List<String> CODEC_FLAGS = List.of("F,force", "c,stdout", "q,quiet", "v,verbose");
    /** Exit status of a command stopped by an interrupt (Ctrl-C in the shell), as a shell reports SIGINT. */
    static final int INTERRUPTED = 130;

    /** A command stopped by an interrupt. */
    private static final class Interrupted extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Interrupted() {
            super(null, null, false, false);
        }
    }

    @Reference
    private Compressor compressor;

    @Reference
    private Platform platform;

    @Reference
    private UsageStats stats;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ConfigurationAdmin configAdmin;

    private final List<Driver> drivers = new CopyOnWriteArrayList<>();

    private String version = "unknown";
    private BundleContext context;

    @Activate
    void activate(BundleContext bundleContext) {
        this.context = bundleContext;
        version = bundleContext.getBundle().getVersion().toString();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindDriver(Driver driver) {
        drivers.add(driver);
    }

    void unbindDriver(Driver driver) {
        drivers.remove(driver);
    }

    // ---- Gogo entry points (wd:<name>) ---------------------------------------------------

    public void compress(String... args) {
        run("compress", args);
    }

    public void decompress(String... args) {
        run("decompress", args);
    }

    public void drivers(String... args) {
        run("drivers", args);
    }

    public void devices(String... args) {
        run("devices", args);
    }

    public void queues(String... args) {
        run("queues", args);
    }

    public void sched(String... args) {
        run("sched", args);
    }

    public void summary(String... args) {
        run("summary", args);
    }

    public void stats(String... args) {
        run("stats", args);
    }

    public void top(String... args) {
        run("top", args);
    }

    public void bench(String... args) {
        run("bench", args);
    }

    public void models(String... args) {
        run("models", args);
    }

    public void help(String... args) {
        run("help", args);
    }

    // ---- one-shot command line ------------------------------------------------------------

    @Override
    public int applyAsInt(Object request) {
        if (request instanceof Map<?, ?> map) {
            String[] argv = CommandIo.args(map);
            return run(argv.length == 0 ? "help" : argv[0], Arrays.copyOfRange(argv, Math.min(1, argv.length), argv.length),
                    CommandIo.of(map));
        }
        String[] argv = (String[]) request;
        if (argv == null || argv.length == 0) {
            return run("help", new String[0]);
        }
        return run(argv[0], Arrays.copyOfRange(argv, 1, argv.length));
    }

    private int run(String command, String[] args) {
        if (oneShot()) {
            return run(command, args, CommandIo.process());
        }
        // In the shell: the session's streams of this command's pipe, written on a thread Ctrl-C
        // does not interrupt (HandedOverOutput says why).
        Process pipe = Process.Utils.current();
        if (pipe == null) {
            return run(command, args, CommandIo.session(StandardOutput.session(System.out), System.err));
        }
        ExecutorService writer = HandedOverOutput.writerThread();
        try {
            PrintStream err = new PrintStream(new HandedOverOutput(pipe.err(), writer), true);
            return run(command, args,
                    CommandIo.session(StandardOutput.session(pipe.out(), new HandedOverOutput(pipe.out(), writer)), err));
        } finally {
            writer.shutdown();
        }
    }

    private int run(String command, String[] args, CommandIo io) {
        StandardOutput stdout = io.stdout();
        PrintStream err = io.err();
        int status = runCommand(command, args, io);
        IOException failure = stdout.finish();
        err.flush();
        if (failure != null) {
            if (!StandardOutput.readerLeft(failure)) {
                err.println("error: " + StandardOutput.describe(failure));
            }
            return 1;
        }
        return status;
    }

    private int runCommand(String command, String[] args, CommandIo io) {
        StandardOutput stdout = io.stdout();
        PrintStream err = io.err();
        PrintStream out = stdout.text();
        List<String> argv = Arrays.asList(args == null ? new String[0] : args);
        try {
            if (!command.equals("bench") && Usage.knows(command) && asksForHelp(argv)) {
                Usage.print(out, command);
                return 0;
            }
            switch (command) {
                case "compress":
                    return codec(Operation.COMPRESS, argv, io);
                case "decompress":
                    return codec(Operation.DECOMPRESS, argv, io);
                case "drivers":
                    noOperands(command, argv);
                    report().drivers(out);
                    return 0;
                case "devices":
                    return devices(argv, out);
                case "queues":
                    return queues(argv, out);
                case "stats":
                    return stats(argv, out);
                case "top":
                    return top(argv, out, io.console());
                case "bench":
                    return bench(argv, out, err);
                case "sched":
                    return sched(argv, out);
                case "models":
                    noOperands(command, argv);
                    new ModelReport(platform).print(out);
                    return 0;
                case "summary":
                    noOperands(command, argv);
                    report().summary(out, version);
                    return 0;
                case "help":
                    if (argv.size() > 1) {
                        throw new UsageException("help takes at most one command");
                    }
                    if (!argv.isEmpty() && !Usage.knows(argv.get(0))) {
                        throw new UsageException("no command '" + argv.get(0) + "' (help lists them)");
                    }
                    Usage.print(out, argv.isEmpty() ? null : argv.get(0));
                    return 0;
                default:
                    err.println("error: unknown command '" + command + "' (try: help)");
                    return 2;
            }
        } catch (Interrupted | java.nio.channels.ClosedByInterruptException e) {
            // Ctrl-C in the shell interrupts the command, not the platform; Gogo reports it.
            Thread.interrupted();
            return INTERRUPTED;
        } catch (UsageException e) {
            err.println("error: " + e.getMessage());
            err.println("usage: " + Usage.line(command));
            return 2;
        } catch (WdException e) {
            err.println("error: " + e.getMessage());
            return 1;
        } catch (CommandFailure e) {
            err.println("error: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            if (stdout.failure() != e) { // a failure of standard output is told once, by the caller
                err.println("error: " + FileFailures.describe(e));
            }
            return 1;
        }
    }

    /** {@code --help} or {@code -h} before any {@code --}. */
    private static boolean asksForHelp(List<String> argv) {
        for (String a : argv) {
            if (a.equals("--")) {
                return false;
            }
            if (a.equals("--help") || a.equals("-h")) {
                return true;
            }
        }
        return false;
    }

    /** Whether this is a one-shot platform, whose Configuration Admin store is a throw-away copy. */
    private boolean oneShot() {
        return context != null && "true".equals(context.getProperty(ONE_SHOT_PROPERTY));
    }

    /** queues [DRIVER [DEVICE] N [--mode shared|sync|async]] */
    private int queues(List<String> argv, PrintStream out) throws IOException {
        Args a = Args.parse(argv, List.of("m,mode", "c,consumer"), List.of());
        List<String> ops = a.operands();
        String consumer = a.value("consumer", null);
        if (consumer != null) {
            return consumerQueues(consumer, ops, out);
        }
        if (ops.isEmpty()) {
            report().queues(out);
            return 0;
        }
        if (ops.size() < 2 || ops.size() > 3) {
            throw new UsageException("give DRIVER [DEVICE] N");
        }
        QueueMode mode;
        try {
            mode = QueueMode.valueOf(a.value("mode", "shared").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--mode is shared, sync or async");
        }
        int count;
        try {
            count = Integer.parseInt(ops.get(ops.size() - 1));
        } catch (NumberFormatException e) {
            throw new UsageException("the queue count must be a number, not '" + ops.get(ops.size() - 1) + "'");
        }
        String driver = ops.get(0);
        String device = ops.size() == 3 ? ops.get(1) : null;
        platform.setQueueCount(driver, device, mode, count);
        String what = count + " " + mode.name().toLowerCase(Locale.ROOT) + " queues per direction on "
                + (device == null ? "every device of " + driver : device);
        Path file = EngineConfFile.save(configAdmin, context.getProperty("warpdrive.home"), oneShot());
        out.println(what + (file == null ? " (saved; applied live)" : oneShot() ? " (saved in " + file + ")"
                : " (applied live; saved in " + file + ")"));
        return 0;
    }

    /** queues --consumer NAME [N]: shows or sets the queues per direction an administrator gives a consumer. */
    private int consumerQueues(String consumer, List<String> ops, PrintStream out) throws IOException {
        if (ops.isEmpty()) {
            out.println(consumer + ": " + platform.consumerQueues(consumer) + " queues per direction of its own");
            return 0;
        }
        if (ops.size() != 1) {
            throw new UsageException("give --consumer NAME [N]");
        }
        int count;
        try {
            count = Integer.parseInt(ops.get(0));
        } catch (NumberFormatException e) {
            throw new UsageException("the queue count must be a number, not '" + ops.get(0) + "'");
        }
        platform.setConsumerQueues(consumer, count);
        String what = count == 0 ? consumer + " holds no queues of its own"
                : count + " queues per direction of its own for " + consumer;
        Path file = EngineConfFile.save(configAdmin, context.getProperty("warpdrive.home"), oneShot());
        out.println(what + (file == null ? " (saved; applied live)" : oneShot() ? " (saved in " + file + ")"
                : " (applied live; saved in " + file + ")"));
        return 0;
    }

    /** stats [--sort KEY] [--drivers] [--queues] [--reset] [CONSUMER] */
    private int stats(List<String> argv, PrintStream out) {
        Args a = Args.parse(argv, List.of("s,sort"), List.of(",reset", "d,drivers", ",queues"));
        UsageReport usage = new UsageReport(stats);
        if (a.flag("reset")) {
            stats.reset();
            out.println("counters reset");
            return 0;
        }
        if (a.operands().size() > 1) {
            throw new UsageException("give at most one consumer");
        }
        if (a.operands().size() == 1) {
            usage.consumer(out, a.operands().get(0));
        } else if (a.flag("drivers")) {
            usage.drivers(out);
        } else if (a.flag("queues")) {
            usage.queues(out);
        } else {
            usage.consumers(out, UsageReport.order(a.value("sort", "requests")));
            usage.streams(out);
        }
        return 0;
    }

    /** top [--interval SECONDS] [--count N]: consumers and drivers, refreshed like top (the screen cleared when {@code terminal}). */
    private int top(List<String> argv, PrintStream out, boolean terminal) {
        Args a = Args.parse(argv, List.of("i,interval", "n,count"), List.of());
        int interval = a.intValue("interval", 2);
        int count = a.intValue("count", Integer.MAX_VALUE);
        if (interval < 1 || count < 1) {
            throw new UsageException("--interval and --count must be positive");
        }
        UsageReport usage = new UsageReport(stats);
        for (int i = 0; i < count; i++) {
            if (terminal) {
                out.print("\033[H\033[2J");
            }
            out.println("WarpDrive top — " + java.time.LocalTime.now().withNano(0) + ", every " + interval + " s");
            usage.consumers(out, UsageReport.order("requests"));
            out.println();
            usage.drivers(out);
            out.flush();
            if (i + 1 < count) {
                try {
                    Thread.sleep(interval * 1000L); // the refresh interval the user asked for
                } catch (InterruptedException e) {
                    throw new Interrupted();
                }
            }
        }
        return 0;
    }

    /** bench [uadk_tool-style options]: the platform against java.util.zip on the same data. */
    private int bench(List<String> argv, PrintStream out, PrintStream err) throws IOException {
        String home = context.getProperty("warpdrive.home");
        // The benchmark's traffic is its own, not the shell's: accounted to a consumer of its own name.
        Compressor measured = platform.compressorFor(context.getBundle(), context.getBundle().getSymbolicName() + ".bench");
        try {
            return new io.warpdrive.shell.bench.BenchRunner(measured, platform, home == null ? null : Path.of(home),
                    () -> drivers.stream().map(Driver::name).sorted().toList()).run(argv, out, err);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Interrupted();
        } catch (IllegalStateException e) {
            throw new CommandFailure(e.getMessage());
        }
    }

    /** sched [use NAME] */
    /** devices [--reset DEVICE] */
    private int devices(List<String> argv, PrintStream out) throws IOException {
        Args a = Args.parse(argv, List.of(",reset"), List.of());
        String device = a.value("reset", null);
        if (!a.operands().isEmpty()) {
            throw new UsageException("devices takes no operands (--reset DEVICE lets a quarantined device back)");
        }
        if (device == null) {
            report().devices(out, stats);
            return 0;
        }
        if (!platform.resetQuarantine(device)) {
            out.println(device + " is not quarantined");
            return 1;
        }
        out.println(device + " gets traffic again (quarantine reset)");
        return 0;
    }

    private int sched(List<String> argv, PrintStream out) throws IOException {
        if (argv.isEmpty()) {
            report().schedulers(out);
            return 0;
        }
        if (argv.size() == 2 && argv.get(0).equals("use") && argv.get(1).equals("--ranking")) {
            platform.usePolicy(null);
            out.println("scheduling policy: the highest ranking decides (active: " + activePolicy() + ")");
            return 0;
        }
        if (argv.size() == 2 && argv.get(0).equals("use")) {
            platform.usePolicy(argv.get(1));
            out.println("active scheduling policy: " + argv.get(1) + " (chosen by name; 'sched use --ranking' "
                    + "lets the rankings decide again)");
            return 0;
        }
        throw new UsageException("sched takes nothing, or: use NAME, or: use --ranking");
    }

    private String activePolicy() {
        return platform.schedulers().stream().filter(SchedulerInfo::active).map(SchedulerInfo::name).findFirst()
                .orElse("none, the built-in pick");
    }

    private StatusReport report() {
        return new StatusReport(platform, drivers);
    }

    private static void noOperands(String command, List<String> argv) {
        if (!argv.isEmpty()) {
            throw new UsageException(command + " takes no arguments");
        }
    }

    /** compress/decompress [options] INPUT|- [OUTPUT|-] */
    private int codec(Operation op, List<String> argv, CommandIo io) throws IOException {
        StandardOutput stdout = io.stdout();
        PrintStream err = io.err();
        Args a = Args.parse(argv, CODEC_VALUES, CODEC_FLAGS);
        List<String> files = a.operands();
        if (files.isEmpty() || files.size() > 2) {
            throw new UsageException("give an input file (or - for stdin) and optionally an output file");
        }
        String input = files.get(0);
        boolean force = a.flag("force");
        // Without -a the suffix tells: the input's when decompressing, the output's when compressing.
        Algorithm alg = a.has("alg") ? algorithm(a.value("alg", "gzip"))
                : op == Operation.DECOMPRESS ? FileNames.algorithmOf(input)
                : files.size() == 2 ? FileNames.algorithmOf(files.get(1)) : Algorithm.GZIP;
        SessionSpec spec = SessionSpec.of(alg).withFallback(fallback(a.value("fallback", "auto")));
        if (a.has("level")) {
            int level = a.intValue("level", alg.defaultLevel());
            if (!alg.isLevel(level)) {
                throw new UsageException("-l " + level + " is not a " + alg.uadkName() + " level (" + alg.minLevel()
                        + " to " + alg.maxLevel() + (alg.minLevel() < 0 ? " without 0" : "") + ")");
            }
            spec = spec.withLevel(level);
        }
        if (a.has("driver")) {
            spec = spec.withDriver(driverNamed(a.value("driver", null)));
        }
        String output = files.size() == 2 ? files.get(1)
                : a.flag("stdout") || input.equals("-") ? "-" : FileNames.outputFor(op, input, alg);
        int block = a.sizeValue("block", DEFAULT_BLOCK);
        int processes = a.intValue("processes", Runtime.getRuntime().availableProcessors());
        if (processes < 1 || processes > ParallelCompression.MAX_PIECES_IN_FLIGHT / 2) {
            throw new UsageException("-p takes 1 to " + ParallelCompression.MAX_PIECES_IN_FLIGHT / 2
                    + " pieces at once, not " + processes);
        }
        Path inPath = input.equals("-") ? null : io.path(input);
        Path outPath = output.equals("-") ? null : io.path(output);
        if (inPath != null) {
            checkInput(inPath, force);
        }
        if (inPath != null && outPath != null && Files.exists(outPath) && Files.isSameFile(inPath, outPath)) {
            // gzip's rule: writing would destroy the input (same device and inode, also through links)
            throw new CommandFailure(input + " and " + output + " are the same file");
        }
        if (outPath == null && op == Operation.COMPRESS && !force && io.stdoutIsTerminal()) {
            throw new CommandFailure("compressed data not written to a terminal (--force writes it anyway; -h for help)");
        }

        String unserved = unservedReason(drivers, alg);
        if (unserved != null) {
            err.println("error: " + unserved);
            return 1;
        }
        if (!platform.awaitQueue(alg, op, spec.fallback(), DRIVER_WAIT)) {
            err.println("error: no driver serves " + alg.uadkName() + " " + op.name().toLowerCase(Locale.ROOT)
                    + (spec.fallback() == FallbackPolicy.AUTO ? "" : " under " + spec.fallback()) + " (waited "
                    + DRIVER_WAIT.toSeconds() + " s)");
            return 1;
        }
        long size = inPath == null || !Files.isRegularFile(inPath) ? -1 : Files.size(inPath);
        boolean showProgress = !a.flag("quiet") && io.console() && outPath != null;
        Progress progress = new Progress(err, (op == Operation.COMPRESS ? "compressing " : "decompressing ") + input,
                size, showProgress);
        ParallelCompression parallel = parallelFor(op, alg, processes, size, a.has("block") ? block : 0);
        FileCodec.Result result;
        try (ReadableByteChannel in = inPath == null ? Channels.newChannel(io.in())
                : FileChannel.open(inPath, StandardOpenOption.READ);
                OutputFile file = outPath == null ? null : OutputFile.create(outPath, force);
                WritableByteChannel out = file == null ? stdout.channel() : file.channel()) {
            result = parallel == null ? new FileCodec(compressor).run(op, spec, in, out, block, progress)
                    : new FileCodec(compressor).runParallel(spec, parallel, in, out, progress);
            if (file != null) {
                if (inPath != null) {
                    file.permissionsLike(inPath);
                }
                file.commit();
            }
        } catch (WdException e) {
            throw hinted(e, op, alg);
        } catch (IOException e) {
            if (e.getCause() instanceof WdException) { // a parallel stream's platform failure
                throw hinted((WdException) e.getCause(), op, alg);
            }
            throw e;
        }
        if (result.trailingBytes > 0) {
            FileCodec.warnTrailing(err, result.trailingBytes);
        }
        if (a.flag("verbose")) {
            err.println((op == Operation.COMPRESS ? "compressed " : "decompressed ") + input + ": " + result.bytesIn
                    + " bytes in, " + result.bytesOut + " bytes out, served by " + result.servedBy
                    + (result.restarts == 0 ? "" : " (started again from the beginning " + result.restarts
                            + (result.restarts == 1 ? " time" : " times") + " after its engine went away)"));
        }
        return 0;
    }

    /**
     * Parallel compression (pigz's way; for zstd and LZ4 pzstd's, a frame per piece) for a
     * compression with more than one piece at once and an input of at least two pieces (or of
     * unknown size); null for the serial stream.
     *
     * @param pieceSize the piece size asked for with -b, 0 for the default
     */
    private static ParallelCompression parallelFor(Operation op, Algorithm alg, int processes, long inputSize,
            int pieceSize) {
        if (op != Operation.COMPRESS || processes < 2) {
            return null;
        }
        ParallelCompression engines = ParallelCompression.onEngines(processes, alg);
        if (pieceSize != 0 && (pieceSize < ParallelCompression.MIN_PIECE_SIZE
                || pieceSize > ParallelCompression.MAX_PIECE_SIZE)) {
            throw new UsageException("-b with -p: pieces of " + ParallelCompression.MIN_PIECE_SIZE / 1024 + "k to "
                    + ParallelCompression.MAX_PIECE_SIZE / (1 << 20) + "m, not " + pieceSize);
        }
        int piece = pieceSize != 0 ? pieceSize : alg.isDeflateFamily() ? DEFLATE_PIECE_SIZE : engines.pieceSize();
        if (inputSize >= 0 && inputSize < 2L * piece) {
            return null; // too few pieces to share
        }
        return ParallelCompression.of(piece, engines.piecesInFlight());
    }

    /**
     * An input gzip would take: a directory never, anything but a regular file (a device, a
     * pipe) only with --force.
     */
    private static void checkInput(Path input, boolean force) throws IOException {
        if (!Files.exists(input)) {
            throw new NoSuchFileException(input.toString());
        }
        if (Files.isDirectory(input)) {
            throw new CommandFailure(input + " is a directory");
        }
        if (!Files.isRegularFile(input) && !force) {
            throw new CommandFailure(input + " is not a regular file (--force reads it anyway)");
        }
        if (!Files.isReadable(input)) {
            throw new java.nio.file.AccessDeniedException(input.toString());
        }
    }

    /** A zlib stream read as gzip starts 0x78: say which option reads it. */
    private static WdException hinted(WdException e, Operation op, Algorithm alg) {
        if (op == Operation.DECOMPRESS && alg == Algorithm.GZIP && e.getMessage() != null
                && e.getMessage().contains("bad magic 0x78 ")) {
            return new WdException(e.status(), e.detail() + " (this looks like zlib data: decompress -a zlib reads it)", e);
        }
        return e;
    }

    /** The name of a present driver, or a usage error naming those present. */
    private String driverNamed(String name) {
        StringBuilder present = new StringBuilder();
        for (Driver d : drivers) {
            if (d.name().equals(name)) {
                return name;
            }
            present.append(present.length() == 0 ? "" : ", ").append(d.name());
        }
        throw new UsageException("no driver named '" + name + "' (present: " + (present.length() == 0 ? "none" : present)
                + ")");
    }

    private static Algorithm algorithm(String name) {
        try {
            return Algorithm.fromName(name);
        } catch (WdException e) {
            throw new UsageException(e.detail());
        }
    }

    private static FallbackPolicy fallback(String name) {
        switch (name.toLowerCase(Locale.ROOT).replace('-', '_')) {
            case "auto":
                return FallbackPolicy.AUTO;
            case "hw":
            case "hardware":
            case "hardware_only":
                return FallbackPolicy.HARDWARE_ONLY;
            case "sw":
            case "software":
            case "software_only":
                return FallbackPolicy.SOFTWARE_ONLY;
            default:
                throw new UsageException("--fallback is auto, hardware or software, not '" + name + "'");
        }
    }

    /**
     * Why no deployed driver can serve {@code alg}, or null when one claims it: then its queues
     * may still be opening and the command waits for one. A driver that registers later is
     * missed, which is fine: the command is refused at once instead of after a fixed wait.
     */
    static String unservedReason(List<Driver> drivers, Algorithm alg) {
        StringBuilder unavailable = new StringBuilder();
        for (Driver d : drivers) {
            if (d.info().algorithms().contains(alg)) {
                String reason = d.unavailableReason();
                if (reason == null) {
                    return null;
                }
                unavailable.append("; ").append(d.name()).append(" is unavailable: ").append(reason);
            }
        }
        return "no deployed driver serves " + alg.uadkName() + unavailable;
    }
}
