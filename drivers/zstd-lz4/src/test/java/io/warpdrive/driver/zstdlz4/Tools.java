package io.warpdrive.driver.zstdlz4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real {@code zstd} and {@code lz4} command-line tools for the interoperability tests. */
final class Tools {
    private Tools() {
    }

    /** Fails, saying what to install, when {@code tool} is missing: interoperability is not optional. */
    static void requireInstalled(String tool) throws InterruptedException {
        try {
            run(List.of(tool, "--version"));
        } catch (IOException e) {
            fail("the " + tool + " command-line tool is missing: apt-get install " + tool + " (.ci/run installs it)", e);
        }
    }

    /** Runs {@code command}, which must exit with 0 within a minute; returns what it printed. */
    static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(String.join(" ", command) + " did not finish in 60 s");
        }
        assertEquals(0, p.exitValue(), String.join(" ", command) + ": " + new String(output));
        return new String(output);
    }
}
