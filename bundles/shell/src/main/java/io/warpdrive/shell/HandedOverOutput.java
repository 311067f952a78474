package io.warpdrive.shell;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A shell session's stream, written on a thread of its own. Ctrl-C interrupts the command's
 * thread, and an interrupt that lands inside a write to the session closes the channel Gogo
 * writes the terminal through (the JDK's stream channel closes its stream when its writer is
 * interrupted): the console would show nothing more, not even its prompt. So the command's
 * thread hands each write over and waits for it without being interruptible; it sees the
 * interrupt as soon as the write is done.
 */
final class HandedOverOutput extends OutputStream {
    private final OutputStream target;
    private final ExecutorService writer;

    /** {@code writer}: one thread, shared by the command's streams, shut down by the command. */
    HandedOverOutput(OutputStream target, ExecutorService writer) {
        this.target = target;
        this.writer = writer;
    }

    /** The single writer thread for one command's streams. */
    static ExecutorService writerThread() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "wd-shell-output");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        byte[] bytes = Arrays.copyOfRange(b, off, off + len); // the caller may reuse its array
        hand(() -> target.write(bytes));
    }

    @Override
    public void flush() throws IOException {
        hand(target::flush);
    }

    /** Flushes; the session's stream stays open (it is Gogo's). */
    @Override
    public void close() throws IOException {
        flush();
    }

    private interface Write {
        void run() throws IOException;
    }

    private void hand(Write write) throws IOException {
        Future<?> done = writer.submit(() -> {
            try {
                write.run();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    done.get();
                    return;
                } catch (InterruptedException e) {
                    interrupted = true; // kept for the command: it sees it once the write is done
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof UncheckedIOException u) {
                        throw u.getCause();
                    }
                    if (cause instanceof RuntimeException r) {
                        throw r;
                    }
                    throw new IOException(cause);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
