package io.warpdrive.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import io.warpdrive.admin.Platform;
import io.warpdrive.comp.Operation;
import io.warpdrive.lib.Driver;
import io.warpdrive.sched.QueueView;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import javax.inject.Inject;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.junit.Assume;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * The case users hit: {@code wd:compress} and {@code wd:decompress} of a file in the shell while
 * the isal driver bundle is stopped half-way. The command writes to its standard output, which
 * this test holds still after the first part of the output so that the bundle stops in the middle
 * of the job, not before or after it; the job must then finish, correct, on the next engine (the
 * soft driver): the compression stream moves inside the platform, and so does the decompression
 * stream, resuming from its start (the platform replays the compressed input it kept and discards
 * the output written before), so the command need not start the file again.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class StreamMoveIT {
    private static final String ISAL_BUNDLE = "io.warpdrive.driver.isal";
    private static final int SIZE = 6 << 20;

    @Inject
    private BundleContext context;

    @Inject
    private Platform platform;

    @Inject
    private io.warpdrive.stats.UsageStats usage;

    @Configuration
    public Option[] config() {
        return WarpDriveOptions.platform();
    }

    @Before
    public void isalServes() throws Exception {
        Bundle isal = InFramework.bundle(context, ISAL_BUNDLE);
        if (isal.getState() != Bundle.ACTIVE) {
            isal.start();
        }
        Await.until("the isal driver registered", () -> isal() != null);
        Driver driver = context.getService(isal());
        try {
            String reason = driver.unavailableReason();
            Assume.assumeTrue("the isal driver is unavailable here (install libisal2): " + reason, reason == null);
        } finally {
            context.ungetService(isal());
        }
        Await.until("isal queues in both directions", () -> isalQueues(Operation.COMPRESS) > 0
                && isalQueues(Operation.DECOMPRESS) > 0);
    }

    private long softBytesOut() {
        return usage.drivers().stream().filter(d -> d.driver().equals("soft")).mapToLong(d -> d.bytesOut()).sum();
    }

    private int isalQueues(Operation op) {
        QueueView view = platform.queues();
        int n = 0;
        for (int i = 0; i < view.size(); i++) {
            if (view.get(i).driver().equals("isal") && view.get(i).operation() == op) {
                n++;
            }
        }
        return n;
    }

    @Test
    public void aShellCompressionFinishesOnTheNextEngineWhenIsalStops() throws Exception {
        byte[] data = text(SIZE);
        Path input = Files.createTempFile(dir(), "input", ".txt");
        Files.write(input, data);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        long movesBefore = usage.streamContinuity().moves();
        // -p 1: one serial stream, which must move (with the default -p, as many pieces as cores,
        // each piece is a stream of its own that a failure serves again whole).
        byte[] out = runStoppingIsal("wd:compress -c -v -p 1 -l 1 -b 64k " + input, 64 * 1024, err);
        String verbose = err.toString(StandardCharsets.UTF_8);
        assertTrue("the stream started on isal: " + verbose, verbose.contains("served by isal"));
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(out))) {
            assertArrayEquals("the output is one gzip stream of the input", data, in.readAllBytes());
        }
        assertTrue("the stream moved to another engine: " + verbose, usage.streamContinuity().moves() > movesBefore);
    }

    @Test
    public void aShellDecompressionFinishesOnTheNextEngineWhenIsalStops() throws Exception {
        byte[] data = text(SIZE);
        ByteArrayOutputStream packed = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(packed)) {
            z.write(data);
        }
        Path input = Files.createTempFile(dir(), "input", ".gz");
        Files.write(input, packed.toByteArray());
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        long softBefore = softBytesOut();
        long movesBefore = usage.streamContinuity().moves();
        byte[] out = runStoppingIsal("wd:decompress -c -v -b 16k " + input, 512 * 1024, err);
        String verbose = err.toString(StandardCharsets.UTF_8);
        // The stream started on isal and resumed on the CPU from its start (the kept compressed input
        // replayed, the output written before discarded): the command did not start the file again.
        assertTrue("the stream started on isal and was not started again: " + verbose,
                verbose.contains("served by isal") && !verbose.contains("started again"));
        assertTrue("the soft driver served the rest", softBytesOut() > softBefore);
        assertEquals("every byte once", data.length, out.length);
        assertArrayEquals(data, out);
        assertTrue("the resume is counted", usage.streamContinuity().moves() > movesBefore);
        Await.until("the closed stream's kept input given back", () -> usage.streamContinuity().keptInput() == 0);
    }

    /**
     * Runs the command with its standard output held once {@code pauseAfter} bytes came out,
     * stops the isal bundle while it is held, lets it go on, and returns the whole output
     * ({@code err} gets what the command printed there).
     */
    private byte[] runStoppingIsal(String command, int pauseAfter, ByteArrayOutputStream err) throws Exception {
        HeldOutput held = new HeldOutput(pauseAfter);
        PrintStream print = new PrintStream(held, true);
        PrintStream errPrint = new PrintStream(err, true, StandardCharsets.UTF_8);
        CommandProcessor processor = context.getService(context.getServiceReference(CommandProcessor.class));
        Throwable[] failure = new Throwable[1];
        Thread shell = new Thread(() -> {
            try (CommandSession session = processor.createSession(new ByteArrayInputStream(new byte[0]), print,
                    errPrint)) {
                session.execute(command);
            } catch (Throwable t) {
                failure[0] = t;
            }
        }, "shell");
        Bundle isal = InFramework.bundle(context, ISAL_BUNDLE);
        try {
            shell.start();
            assertTrue("the command's output reached " + pauseAfter + " bytes; stderr: " + err,
                    held.paused.await(120, TimeUnit.SECONDS));
            isal.stop(); // the engine holding the stream goes away in the middle of the job
            held.release.countDown();
            shell.join(300_000);
            assertTrue("the command finished", !shell.isAlive());
        } finally {
            held.release.countDown();
            isal.start();
        }
        assertNull("the command failed: " + failure[0] + "; stderr: " + err, failure[0]);
        return held.bytes.toByteArray();
    }

    /** Standard output that holds the writer still once it passed a mark, until released. */
    private static final class HeldOutput extends OutputStream {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final CountDownLatch paused = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        private final int mark;

        HeldOutput(int mark) {
            this.mark = mark;
        }

        @Override
        public synchronized void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            synchronized (this) {
                bytes.write(b, off, len);
            }
            if (bytes.size() >= mark && paused.getCount() > 0) {
                paused.countDown();
                try {
                    release.await(120, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while held");
                }
            }
        }
    }

    private ServiceReference<Driver> isal() {
        try {
            Collection<ServiceReference<Driver>> refs = context.getServiceReferences(Driver.class, "(driver.name=isal)");
            return refs.isEmpty() ? null : refs.iterator().next();
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static Path dir() throws IOException {
        return Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "stream-move-it"));
    }

    /** Compressible text: words from a seeded random. */
    private static byte[] text(int size) {
        String[] words = "engine stream window block flush dictionary checksum trailer moves isal soft".split(" ");
        Random random = new Random(size);
        StringBuilder b = new StringBuilder(size + 16);
        while (b.length() < size) {
            b.append(words[random.nextInt(words.length)]).append(random.nextInt(8) == 0 ? '\n' : ' ');
        }
        return b.substring(0, size).getBytes(StandardCharsets.US_ASCII);
    }
}
