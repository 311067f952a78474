package io.warpdrive.shell;

import io.warpdrive.admin.Platform;
import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Compressor;
import io.warpdrive.comp.FallbackPolicy;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.SessionSpec;
import io.warpdrive.comp.WdException;
import io.warpdrive.lib.Driver;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.ToIntFunction;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The {@code wd:} commands. The same code serves the Gogo shell (scope {@code wd}) and the
 * one-shot command line of {@code warpdrive.jar}: for the latter it is registered as a
 * {@code ToIntFunction} with {@code warpdrive.cli=true}, taking the command and its
 * arguments and returning the exit status (0 ok, 1 failed, 2 wrong usage).
 */
@Component(service = { WdCommands.class, ToIntFunction.class }, property = {
        "osgi.command.scope=wd",
        "osgi.command.function=compress", "osgi.command.function=decompress", "osgi.command.function=drivers",
        "osgi.command.function=devices", "osgi.command.function=queues", "osgi.command.function=sched",
        "osgi.command.function=summary", "osgi.command.function=help",
        "warpdrive.cli=true" })
public final class WdCommands implements ToIntFunction<String[]> {
    private static final int DEFAULT_BLOCK = 1 << 20;
    private static final Duration DRIVER_WAIT = Duration.ofSeconds(10);
    private static final List<String> CODEC_VALUES = List.of("a,alg", "l,level", "f,fallback", "b,block");
    private static final List<String> CODEC_FLAGS = List.of("F,force", "c,stdout", "q,quiet", "v,verbose");

    @Reference
    private Compressor compressor;

    @Reference
    private Platform platform;

    private final List<Driver> drivers = new CopyOnWriteArrayList<>();

    private String version = "unknown";

    @Activate
    void activate(BundleContext context) {
        version = context.getBundle().getVersion().toString();
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

    public void help(String... args) {
        run("help", args);
    }

    // ---- one-shot command line ------------------------------------------------------------

    @Override
    public int applyAsInt(String[] argv) {
        if (argv == null || argv.length == 0) {
            return run("help", new String[0]);
        }
        return run(argv[0], Arrays.copyOfRange(argv, 1, argv.length));
    }

    private int run(String command, String[] args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        List<String> argv = Arrays.asList(args == null ? new String[0] : args);
        try {
            switch (command) {
                case "compress":
                    return codec(Operation.COMPRESS, argv, err);
                case "decompress":
                    return codec(Operation.DECOMPRESS, argv, err);
                case "drivers":
                    noOperands(command, argv);
                    report().drivers(out);
                    return 0;
                case "devices":
                    noOperands(command, argv);
                    report().devices(out);
                    return 0;
                case "queues":
                    noOperands(command, argv);
                    report().queues(out);
                    return 0;
                case "sched":
                    noOperands(command, argv);
                    report().schedulers(out);
                    return 0;
                case "summary":
                    noOperands(command, argv);
                    report().summary(out, version);
                    return 0;
                case "help":
                    Usage.print(out, argv.isEmpty() ? null : argv.get(0));
                    return 0;
                default:
                    err.println("error: unknown command '" + command + "' (try: help)");
                    return 2;
            }
        } catch (UsageException e) {
            err.println("error: " + e.getMessage());
            err.println("usage: " + Usage.line(command));
            return 2;
        } catch (WdException e) {
            err.println("error: " + e.getMessage());
            return 1;
        } catch (NoSuchFileException e) {
            err.println("error: no such file: " + e.getMessage());
            return 1;
        } catch (FileAlreadyExistsException e) {
            err.println("error: " + e.getMessage() + " exists (use --force to overwrite)");
            return 1;
        } catch (IOException e) {
            err.println("error: " + e);
            return 1;
        }
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
    private int codec(Operation op, List<String> argv, PrintStream err) throws IOException {
        Args a = Args.parse(argv, CODEC_VALUES, CODEC_FLAGS);
        List<String> files = a.operands();
        if (files.isEmpty() || files.size() > 2) {
            throw new UsageException("give an input file (or - for stdin) and optionally an output file");
        }
        String input = files.get(0);
        Algorithm alg = a.has("alg") ? algorithm(a.value("alg", "gzip"))
                : op == Operation.DECOMPRESS ? FileNames.algorithmOf(input) : Algorithm.GZIP;
        SessionSpec spec = SessionSpec.of(alg).withFallback(fallback(a.value("fallback", "auto")));
        if (a.has("level")) {
            spec = spec.withLevel(a.intValue("level", SessionSpec.DEFAULT_LEVEL));
        }
        String output = files.size() == 2 ? files.get(1)
                : a.flag("stdout") || input.equals("-") ? "-" : FileNames.outputFor(op, input, alg);
        int block = a.sizeValue("block", DEFAULT_BLOCK);

        if (!platform.awaitQueue(alg, op, spec.fallback(), DRIVER_WAIT)) {
            err.println("error: no driver serves " + alg.uadkName() + " " + op.name().toLowerCase(Locale.ROOT)
                    + (spec.fallback() == FallbackPolicy.AUTO ? "" : " under " + spec.fallback()) + " (waited "
                    + DRIVER_WAIT.toSeconds() + " s)");
            return 1;
        }
        Path outPath = output.equals("-") ? null : Path.of(output);
        long size = input.equals("-") ? -1 : Files.size(Path.of(input));
        boolean showProgress = !a.flag("quiet") && System.console() != null && outPath != null;
        Progress progress = new Progress(err, (op == Operation.COMPRESS ? "compressing " : "decompressing ") + input,
                size, showProgress);
        FileCodec.Result result;
        try (ReadableByteChannel in = input.equals("-") ? Channels.newChannel(System.in)
                : FileChannel.open(Path.of(input), StandardOpenOption.READ);
                WritableByteChannel out = outPath == null ? stdout() : create(outPath, a.flag("force"))) {
            try {
                result = new FileCodec(compressor).run(op, spec, in, out, block, progress);
            } catch (IOException | RuntimeException e) {
                if (outPath != null) {
                    out.close();
                    Files.deleteIfExists(outPath);
                }
                throw e;
            }
        }
        if (result.trailingBytes > 0) {
            FileCodec.warnTrailing(err, result.trailingBytes);
        }
        if (a.flag("verbose")) {
            err.println((op == Operation.COMPRESS ? "compressed " : "decompressed ") + input + ": " + result.bytesIn
                    + " bytes in, " + result.bytesOut + " bytes out, served by " + result.servedBy);
        }
        return 0;
    }

    private static WritableByteChannel create(Path path, boolean force) throws IOException {
        return force ? FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING) : FileChannel.open(path, StandardOpenOption.WRITE,
                StandardOpenOption.CREATE_NEW);
    }

    /** Standard output (in Gogo: the session's) as a channel the command may close without closing stdout. */
    private static WritableByteChannel stdout() {
        PrintStream out = System.out;
        WritableByteChannel channel = Channels.newChannel(out);
        return new WritableByteChannel() {
            @Override
            public int write(java.nio.ByteBuffer src) throws IOException {
                return channel.write(src);
            }

            @Override
            public boolean isOpen() {
                return true;
            }

            @Override
            public void close() {
                out.flush();
            }
        };
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
}
