package io.warpdrive.launcher;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToIntFunction;

/**
 * The command socket of a running WarpDrive (service or interactive): one-shot commands of the
 * same home ({@link ServiceClient}) run here, in the platform already started, instead of in a
 * platform of their own. A Unix-domain socket, {@code HOME/run/cli.sock}.
 *
 * <p>Who may connect: the socket is made owner-only ({@code rw-------}) inside an owner-only
 * folder ({@code rwx------}, made so if it was not), so only this user (and root) can connect.
 * Where the JDK reads the peer's credentials (SO_PEERCRED, Linux and macOS), a peer of another
 * user is refused as well.
 *
 * <p>A socket left by a killed process is stale: whoever listens holds the home's lock, so an
 * existing socket file when this one starts cannot have a listener, and is replaced. At a clean
 * stop the socket file is removed.
 *
 * <p>What it refuses (the client then runs the command itself, as without a service): a client's
 * {@code --emulate} other than this platform's, and commands whose effect here would differ from a
 * one-shot run's: {@code bundles} (the launcher's: a one-shot platform's bundles), {@code bench}
 * (measures a platform of its own), and {@code stats --reset}, {@code devices --reset},
 * {@code sched use} (they change a running platform's live state, a one-shot run's only for its own
 * throw-away platform). Everything else runs here: the same commands a one-shot run has, and
 * {@code queues N} saves in conf/ as a one-shot run does (applied live here too).
 */
final class CommandSocket implements AutoCloseable {
    /** System property: false turns the command socket off (it is on for a service and the interactive platform). */
    static final String PROPERTY = "warpdrive.cli.socket";
    private static final Set<String> REFUSED_COMMANDS = Set.of(Launcher.BUNDLES, "bench");

    private final Path socket;
    private final ServerSocketChannel server;
    private final CliClient cli;
    private final Integer emulate;
    private final PrintStream log;
    private final UserPrincipal owner;
    private final AtomicInteger served = new AtomicInteger();
    private volatile boolean closed;

    private CommandSocket(Path socket, ServerSocketChannel server, CliClient cli, Integer emulate, PrintStream log,
            UserPrincipal owner) {
        this.socket = socket;
        this.server = server;
        this.cli = cli;
        this.emulate = emulate;
        this.log = log;
        this.owner = owner;
    }

    /** Whether the command socket is on: unless -D{@value #PROPERTY}=false. */
    static boolean enabled() {
        return !"false".equalsIgnoreCase(System.getProperty(PROPERTY, "true").trim());
    }

    /**
     * The home's command socket, listening, or null when it is off ({@value #PROPERTY}=false) or
     * cannot listen (told on {@code log}: the platform runs on, one-shot commands start their own).
     */
    static CommandSocket openIfEnabled(HomeLayout layout, Platform platform, Integer emulate, PrintStream log) {
        if (!enabled()) {
            return null;
        }
        try {
            return listen(layout, platform, emulate, log);
        } catch (IOException | RuntimeException e) {
            log.println("warpdrive: no command socket " + layout.commandSocket() + ": " + Main.describe(e)
                    + "; one-shot commands start a platform of their own");
            return null;
        }
    }

    /**
     * Listens on the home's command socket until closed. The caller holds the home's lock.
     *
     * @param emulate the platform's --emulate, or null
     * @param log where a failure to listen and refused peers are told
     */
    static CommandSocket listen(HomeLayout layout, Platform platform, Integer emulate, PrintStream log)
            throws IOException {
        Path socket = layout.commandSocket();
        Path dir = socket.getParent();
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        UserPrincipal owner = Files.getOwner(dir);
        // Under the home's lock no other process listens here: a socket file is a killed one's.
        Files.deleteIfExists(socket);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(socket));
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        CommandSocket s = new CommandSocket(socket, server, new CliClient(platform.context()), emulate, log, owner);
        Thread acceptor = new Thread(s::accept, "warpdrive-cli-socket");
        acceptor.setDaemon(true);
        acceptor.start();
        return s;
    }

    Path path() {
        return socket;
    }

    private void accept() {
        while (!closed) {
            SocketChannel channel;
            try {
                channel = server.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (!closed) {
                    log.println("warpdrive: the command socket stops: " + e.getMessage());
                }
                return;
            }
            Thread t = new Thread(() -> serve(channel), "warpdrive-cli-" + served.incrementAndGet());
            t.setDaemon(true);
            t.start();
        }
    }

    private void serve(SocketChannel channel) {
        try (channel) {
            String stranger = stranger(channel);
            if (stranger != null) {
                log.println("warpdrive: command socket: refused a connection of " + stranger);
                return;
            }
            CommandFrames frames = new CommandFrames(channel);
            CommandFrames.Frame first = frames.receive();
            if (first.type() != CommandFrames.REQUEST) {
                return;
            }
            CommandFrames.Request request;
            try {
                request = CommandFrames.Request.decode(first.data());
            } catch (IOException e) { // another jar's client, say: it runs the command itself
                frames.send(CommandFrames.REFUSED, e.getMessage().getBytes(StandardCharsets.UTF_8));
                return;
            }
            String refusal = refusal(request);
            if (refusal != null) {
                frames.send(CommandFrames.REFUSED, refusal.getBytes(StandardCharsets.UTF_8));
                return;
            }
            ToIntFunction<Object> command = cli.await(Launcher.cliTimeout());
            if (command == null) {
                frames.send(CommandFrames.REFUSED, "no command service".getBytes(StandardCharsets.UTF_8));
                return;
            }
            frames.send(CommandFrames.ACCEPTED, new byte[0]);
            new Served(frames, Thread.currentThread()).run(command, request);
        } catch (IOException | LauncherException | RuntimeException e) {
            if (!closed) {
                log.println("warpdrive: command socket: " + Main.describe(e));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The peer's user when it is not this platform's, or null (also when the JDK cannot tell: permissions guard). */
    private String stranger(SocketChannel channel) {
        try {
            jdk.net.UnixDomainPrincipal peer = channel.getOption(jdk.net.ExtendedSocketOptions.SO_PEERCRED);
            return peer.user().equals(owner) || peer.user().getName().equals(owner.getName()) ? null
                    : peer.user().getName();
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }

    /** Why this platform does not run the request, or null when it does. */
    String refusal(CommandFrames.Request request) {
        String wanted = request.emulate().isEmpty() ? null : request.emulate();
        String own = emulate == null ? null : emulate.toString();
        if (!Objects.equals(wanted, own)) {
            return "its --emulate (" + (wanted == null ? "none" : wanted) + ") is not the service's ("
                    + (own == null ? "none" : own) + ")";
        }
        return refusal(List.of(request.commandLine()));
    }

    /** Why a command line is not for a running platform, or null. */
    static String refusal(List<String> line) {
        if (line.isEmpty()) {
            return "no command";
        }
        String command = line.get(0);
        if (REFUSED_COMMANDS.contains(command)
                || command.equals("stats") && line.contains("--reset")
                || command.equals("devices") && line.stream().anyMatch(a -> a.equals("--reset") || a.startsWith("--reset="))
                || command.equals("sched") && line.size() > 1) {
            return "'" + String.join(" ", line) + "' would change or measure the running platform, not a one-shot one";
        }
        return null;
    }

    /** Stops listening and removes the socket file; commands still running go on. */
    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            // closing
        }
        try {
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            log.println("warpdrive: cannot remove " + socket + ": " + e.getMessage());
        }
        cli.close();
    }

    /**
     * One command run for a client: its streams relayed as frames. A reader thread takes the
     * client's frames (stdin); when the client goes away it interrupts the command, which ends
     * without a partial output file (the shell writes files under a temporary name).
     */
    private static final class Served {
        private static final byte[] END = new byte[0];
        private static final int OUT_BUFFER = 256 * 1024;
        private final CommandFrames frames;
        private final Thread command;
        private final BlockingQueue<byte[]> stdin = new ArrayBlockingQueue<>(1);
        private volatile boolean clientGone;
        /** The command returned; guarded by this. */
        private boolean done;

        Served(CommandFrames frames, Thread command) {
            this.frames = frames;
            this.command = command;
        }

        void run(ToIntFunction<Object> cli, CommandFrames.Request request) throws IOException {
            Thread reader = new Thread(this::readClient, command.getName() + "-in");
            reader.setDaemon(true);
            reader.start();
            Map<String, Object> io = new HashMap<>();
            io.put("args", request.commandLine());
            io.put("in", new Input());
            // Buffered: the shell writes binary output in 8 KiB pieces; a frame each would cost the
            // client a system call or three per piece. Text is flushed by the command as it prints.
            io.put("out", new BufferedOutputStream(new Output(CommandFrames.STDOUT), OUT_BUFFER));
            io.put("err", new Output(CommandFrames.STDERR));
            io.put("directory", request.directory());
            io.put("stdoutTerminal", request.stdoutTerminal());
            io.put("console", request.console());
            int code;
            try {
                code = cli.applyAsInt(io);
            } catch (RuntimeException e) {
                code = ExitCodes.FAILURE;
                byte[] line = ("error: command '" + request.commandLine()[0] + "' failed: " + Main.describe(e)
                        + System.lineSeparator()).getBytes(StandardCharsets.UTF_8);
                frames.send(CommandFrames.STDERR, line);
            }
            synchronized (this) {
                done = true;
            }
            Thread.interrupted(); // the command ended: a client leaving from now on interrupts nothing
            if (!clientGone) {
                frames.sendInt(CommandFrames.EXIT, code);
            }
        }

        private void readClient() {
            try {
                while (true) {
                    CommandFrames.Frame f = frames.receive();
                    if (f.type() == CommandFrames.STDIN) {
                        stdin.put(f.data());
                    }
                }
            } catch (IOException | InterruptedException e) {
                clientGone = true;
                synchronized (this) {
                    if (!done) {
                        command.interrupt();
                    }
                }
                stdin.offer(END);
            }
        }

        /** The client's stdin, asked for as the command reads. */
        private final class Input extends InputStream {
            private boolean ended;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                if (ended || clientGone) {
                    return -1;
                }
                frames.sendInt(CommandFrames.READ, len);
                byte[] data;
                try {
                    data = stdin.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("the client went away");
                }
                if (data.length == 0) {
                    ended = true;
                    return -1;
                }
                if (data.length > len) {
                    throw new IOException("the client sent " + data.length + " bytes of stdin for " + len);
                }
                System.arraycopy(data, 0, b, off, data.length);
                return data.length;
            }
        }

        /** The client's stdout or stderr. */
        private final class Output extends OutputStream {
            private final byte type;

            Output(byte type) {
                this.type = type;
            }

            @Override
            public void write(int b) throws IOException {
                write(new byte[] { (byte) b }, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (clientGone) {
                    throw new IOException("Broken pipe");
                }
                if (len > 0) {
                    frames.sendData(type, b, off, len);
                }
            }
        }
    }
}
