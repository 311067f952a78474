package io.warpdrive.launcher;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A one-shot command answered by the WarpDrive already running in its home, as the docker CLI asks
 * its daemon: the command line, the working directory and whether stdout and stderr are terminals
 * go over the home's command socket ({@link CommandSocket}); stdin, stdout, stderr and the exit
 * code are relayed ({@link CommandFrames}). It runs before any relaunch or framework start and
 * loads few classes: a command through the socket costs one small JVM, not a platform's start.
 *
 * <p>The command runs here instead (null from {@link #answer}) when nothing listens (no socket,
 * or a stale one left by a killed service), when the service refuses it, with {@code --no-service}
 * or {@value #ENV_SERVICE}=0, when the service runs as another user (its command would have
 * that user's rights), with {@code --web} (a console while the command runs is the local
 * platform's), and when this JVM has -D properties for the platform (the service's are its own).
 */
final class ServiceClient {
    /** Set to 0 to run every command in a platform of its own. */
    static final String ENV_SERVICE = "WARPDRIVE_SERVICE";
    /** Prefixes of system properties that change a platform: a command with them runs locally. */
    private static final String[] PLATFORM_PROPERTIES = { "warpdrive.", "felix.", "org.osgi.", "gosh.", "obr." };
    /** Stdin read per READ frame at most. */
    private static final int STDIN_CHUNK = 1 << 20;

    private ServiceClient() {
    }

    /**
     * Runs the command in the running service of its home and returns its exit code, or null when
     * it is to run here.
     */
    static Integer answer(Options options, Map<String, String> env, PrintStream err) {
        if (options.command() == null || options.help() || options.version() || options.noService() || options.web()
                || "0".equals(env.get(ENV_SERVICE)) || hasPlatformProperties()) {
            return null;
        }
        Path socket = HomeLayout.resolve(options.home(), env, HomeLayout.jarDirectory(Main.class)).commandSocket();
        if (!Files.exists(socket)) {
            return null;
        }
        SocketChannel channel;
        try {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException | RuntimeException e) {
            // a socket without a listener: a service that was killed; the next service replaces it
            verbose(options, err, "no service answers on " + socket + " (" + e.getMessage() + "); running here");
            return null;
        }
        try (channel) {
            String owner = otherUser(channel);
            if (owner != null) {
                // Its command would run with another user's rights (and read our stdin): not ours.
                verbose(options, err, "the service on " + socket + " runs as " + owner + "; running here");
                return null;
            }
            CommandFrames frames = new CommandFrames(channel);
            frames.send(CommandFrames.REQUEST, new CommandFrames.Request(
                    options.emulate() == null ? "" : options.emulate().toString(),
                    Path.of("").toAbsolutePath().toString(), isTerminal(1), isTerminal(2),
                    options.commandLine()).encode());
            CommandFrames.Frame first = frames.receive();
            if (first.type() == CommandFrames.REFUSED) {
                verbose(options, err, "the service does not run it: " + first.text() + "; running here");
                return null;
            }
            if (first.type() != CommandFrames.ACCEPTED) {
                throw new IOException("unexpected frame " + first.type());
            }
            verbose(options, err, "run by the service listening on " + socket);
            return relay(frames, err);
        } catch (IOException e) {
            // Accepted and then lost: the command may have run in part, so it is not run again.
            err.println("error: the service's command socket " + socket + ": " + e.getMessage());
            return ExitCodes.FAILURE;
        }
    }

    /** Relays the command's streams until its exit code arrives. */
    private static int relay(CommandFrames frames, PrintStream err) throws IOException {
        FileOutputStream stdout = new FileOutputStream(FileDescriptor.out);
        FileOutputStream stderr = new FileOutputStream(FileDescriptor.err);
        FileInputStream stdin = new FileInputStream(FileDescriptor.in);
        ByteBuffer data = null;
        byte[] buffer = null;
        while (true) {
            data = frames.receiveInto(data);
            switch (frames.lastType()) {
                case CommandFrames.STDOUT -> {
                    try {
                        stdout.write(data.array(), 0, data.limit());
                    } catch (IOException e) {
                        // The reader of our stdout left (| head) or the disk is full: end here, as a
                        // local command would; closing the socket ends the command in the service.
                        if (!"Broken pipe".equals(e.getMessage())) {
                            err.println("error: stdout: " + e.getMessage());
                        }
                        return ExitCodes.FAILURE;
                    }
                }
                case CommandFrames.STDERR -> stderr.write(data.array(), 0, data.limit());
                case CommandFrames.READ -> {
                    int want = Math.max(1, Math.min(data.getInt(), STDIN_CHUNK));
                    if (buffer == null || buffer.length < want) {
                        buffer = new byte[want];
                    }
                    int n = stdin.read(buffer, 0, want);
                    frames.send(CommandFrames.STDIN, buffer, 0, Math.max(n, 0));
                }
                case CommandFrames.EXIT -> {
                    return data.getInt();
                }
                default -> throw new IOException("unexpected frame " + frames.lastType());
            }
        }
    }

    /**
     * The user the service runs as when it is not this process's user, else null (also when the
     * JDK cannot tell: then the socket's owner-only permissions are what let us in).
     */
    private static String otherUser(SocketChannel channel) {
        try {
            String peer = channel.getOption(jdk.net.ExtendedSocketOptions.SO_PEERCRED).user().getName();
            return peer.equals(System.getProperty("user.name")) ? null : peer;
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }

    private static boolean hasPlatformProperties() {
        for (Object key : System.getProperties().keySet()) {
            for (String prefix : PLATFORM_PROPERTIES) {
                if (key.toString().startsWith(prefix)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether descriptor {@code fd} of this process is a terminal (Linux: /proc); false when unknown. */
    private static boolean isTerminal(int fd) {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static void verbose(Options options, PrintStream err, String message) {
        if (options.verbose()) {
            err.println("warpdrive: " + message);
        }
    }
}
