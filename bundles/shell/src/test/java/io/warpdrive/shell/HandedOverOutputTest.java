package io.warpdrive.shell;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.ExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The session's stream is written off the command's thread, which Ctrl-C interrupts. */
class HandedOverOutputTest {
    private final ExecutorService writer = HandedOverOutput.writerThread();

    @AfterEach
    void stop() {
        writer.shutdownNow();
        Thread.interrupted();
    }

    /** Records the bytes and the thread that wrote them. */
    private static final class Recording extends OutputStream {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        volatile Thread writtenBy;
        volatile boolean writerInterrupted;

        @Override
        public void write(int b) {
            bytes.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            writtenBy = Thread.currentThread();
            writerInterrupted = Thread.currentThread().isInterrupted();
            bytes.write(b, off, len);
        }
    }

    @Test
    void anInterruptedCommandsWriteIsDoneByAnUninterruptedThreadAndTheInterruptIsKept() throws IOException {
        Recording session = new Recording();
        HandedOverOutput out = new HandedOverOutput(session, writer);
        Thread.currentThread().interrupt(); // Ctrl-C, as Gogo delivers it
        out.write("frame".getBytes(), 0, 5);
        assertTrue(Thread.interrupted(), "the command still sees its interrupt after the write");
        assertArrayEquals("frame".getBytes(), session.bytes.toByteArray());
        assertNotSame(Thread.currentThread(), session.writtenBy);
        assertTrue(!session.writerInterrupted, "the writing thread is never interrupted");
    }

    @Test
    void theCallersArrayMayBeReusedAtOnceAndOrderIsKept() throws IOException {
        Recording session = new Recording();
        HandedOverOutput out = new HandedOverOutput(session, writer);
        byte[] reused = new byte[1];
        for (int i = 0; i < 200; i++) {
            reused[0] = (byte) i;
            out.write(reused, 0, 1);
        }
        byte[] written = session.bytes.toByteArray();
        assertEquals(200, written.length);
        for (int i = 0; i < 200; i++) {
            assertEquals((byte) i, written[i]);
        }
    }

    @Test
    void aFailedWriteReachesTheCommandAsItsIOException() {
        IOException full = new IOException("No space left on device");
        HandedOverOutput out = new HandedOverOutput(new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw full;
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                throw full;
            }
        }, writer);
        assertSame(full, assertThrows(IOException.class, () -> out.write(new byte[4], 0, 4)));
    }
}
