package io.warpdrive.shell;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A command's standard output with every write checked, as gzip checks its own: the first
 * failure is kept and reported once ({@code stdout: No space left on device}), and the command
 * exits 1 instead of 0 over a truncated result.
 *
 * <p>A one-shot command writes straight to file descriptor 1, so the system's reason reaches the
 * user; in the Gogo shell the command writes to the session's stream, which only says that a
 * write failed.
 */
final class StandardOutput {
    private static final Path FD1 = Path.of("/proc/self/fd/1");

    private final PrintStream session;
    private final Recording sink;
    private final PrintStream text;

    private StandardOutput(PrintStream session, OutputStream target) {
        this.session = session;
        this.sink = new Recording(target);
        this.text = new PrintStream(sink, false);
    }

    /** Descriptor 1 of the process: for one-shot commands. */
    static StandardOutput process() {
        return new StandardOutput(null, new FileOutputStream(FileDescriptor.out));
    }

    /** A stream of the command's own: a client's standard output relayed by the command socket. */
    static StandardOutput stream(OutputStream target) {
        return new StandardOutput(null, target);
    }

    /** The shell session's stream ({@code System.out} as Gogo sets it for the command's thread). */
    static StandardOutput session(PrintStream out) {
        return new StandardOutput(out, out);
    }

    /** The shell session's stream {@code out}, written through {@code target} (which ends in it). */
    static StandardOutput session(PrintStream out, OutputStream target) {
        return new StandardOutput(out, target);
    }

    /** For text. */
    PrintStream text() {
        return text;
    }

    /** For binary output; closing it flushes but leaves standard output open. */
    WritableByteChannel channel() {
        text.flush();
        WritableByteChannel channel = Channels.newChannel(sink);
        return new WritableByteChannel() {
            @Override
            public int write(ByteBuffer src) throws IOException {
                return channel.write(src);
            }

            @Override
            public boolean isOpen() {
                return true;
            }

            @Override
            public void close() throws IOException {
                sink.flush();
            }
        };
    }

    /** Flushes everything written; the first failure of any write or of this flush, or null. */
    IOException finish() {
        text.flush();
        if (sink.failure == null && (text.checkError() || session != null && session.checkError())) {
            sink.failure = new IOException("write error");
        }
        return sink.failure;
    }

    /** The first write failure so far, or null. */
    IOException failure() {
        return sink.failure;
    }

    /**
     * Whether the failure is a closed pipe ({@code | head}): the reader has all it wanted, so
     * nothing is said (gzip dies of SIGPIPE quietly), though the exit status is still 1.
     */
    static boolean readerLeft(IOException failure) {
        return "Broken pipe".equals(failure.getMessage());
    }

    /** One line for a failure: gzip's wording. */
    static String describe(IOException failure) {
        String reason = failure.getMessage();
        return "stdout: " + (reason == null || reason.isBlank() ? "write error" : reason);
    }

    /**
     * Whether descriptor 1 of this process is a terminal: compressed data is not written there,
     * as gzip refuses to. Only meaningful for one-shot commands (in the shell, commands write to
     * the session's stream, which may be redirected).
     */
    static boolean processOutputIsTerminal() {
        try {
            String target = Files.readSymbolicLink(FD1).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (IOException | UnsupportedOperationException e) {
            return false; // no /proc: cannot tell, so gzip's rule cannot be applied
        }
    }

    /** Passes writes through and keeps the first failure. */
    private static final class Recording extends OutputStream {
        private final OutputStream target;
        private IOException failure;

        Recording(OutputStream target) {
            this.target = target;
        }

        @Override
        public void write(int b) throws IOException {
            try {
                target.write(b);
            } catch (IOException e) {
                throw record(e);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                target.write(b, off, len);
            } catch (IOException e) {
                throw record(e);
            }
        }

        @Override
        public void flush() throws IOException {
            try {
                target.flush();
            } catch (IOException e) {
                throw record(e);
            }
        }

        private IOException record(IOException e) {
            if (failure == null) {
                failure = e;
            }
            return e;
        }
    }
}
