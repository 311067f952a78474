package io.warpdrive.reliability.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Proof that a fuzz test ran: it counts the inputs it executed and, when the class is done,
 * appends one line to {@code target/fuzz-figures.txt} (executions, time, mode, size of the
 * generated corpus) and fails if nothing ran, or, when fuzzing, if fewer than a minimum
 * ran (a test framework pairing that silently runs nothing must not pass for fuzzing).
 */
final class FuzzFigures {
    /** Where Jazzer keeps the generated corpus of a fuzz test (relative to the module). */
    private static final Path CORPUS_ROOT = Path.of(".cifuzz-corpus");
    private static final Path FIGURES = Path.of("target", "fuzz-figures.txt");

    private final Class<?> testClass;
    private final String method;
    private final AtomicLong executions = new AtomicLong();
    private final long startNanos = System.nanoTime();

    FuzzFigures(Class<?> testClass, String method) {
        this.testClass = testClass;
        this.method = method;
    }

    void executed() {
        executions.incrementAndGet();
    }

    long executions() {
        return executions.get();
    }

    /** True when Jazzer fuzzes (JAZZER_FUZZ set) rather than replaying seeds and findings. */
    static boolean fuzzing() {
        String v = System.getenv("JAZZER_FUZZ");
        if (v == null) {
            v = System.getProperty("JAZZER_FUZZ");
        }
        return v != null && (v.equalsIgnoreCase("true") || v.equals("1") || v.equalsIgnoreCase("yes"));
    }

    /** Writes the figures and checks that inputs ran: at least {@code minimumWhenFuzzing} when fuzzing. */
    void report(long minimumWhenFuzzing) {
        long n = executions.get();
        boolean fuzzing = fuzzing();
        double seconds = (System.nanoTime() - startNanos) / (double) TimeUnit.SECONDS.toNanos(1);
        String line = String.format("%s.%s: %d executions in %.1f s (%s), generated corpus %d inputs%n",
                testClass.getSimpleName(), method, n, seconds, fuzzing ? "fuzzing" : "regression", corpusSize());
        System.out.print(line);
        try {
            Files.createDirectories(FIGURES.getParent());
            Files.writeString(FIGURES, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertTrue(n > 0, testClass.getSimpleName() + " executed no input");
        if (fuzzing) {
            assertTrue(n >= minimumWhenFuzzing, testClass.getSimpleName() + " executed only " + n
                    + " inputs while fuzzing (at least " + minimumWhenFuzzing + " expected)");
        }
    }

    private long corpusSize() {
        Path dir = CORPUS_ROOT.resolve(testClass.getName()).resolve(method);
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.count();
        } catch (IOException e) {
            return -1;
        }
    }
}
