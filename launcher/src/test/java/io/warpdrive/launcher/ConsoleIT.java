package io.warpdrive.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The interactive console as a person meets it: the real warpdrive.jar on a pseudo-terminal
 * (util-linux {@code script}), keys typed into it, the screen read back. Tab completes wd:
 * commands, options and driver names; Up recalls the last line; Ctrl-L clears the screen; 'help'
 * lists the wd: commands and 'help compress' shows its usage; Ctrl-C stops 'top' and 'bench' (which
 * shows a line per round meanwhile) and the platform stays up; Ctrl-D stops the platform with exit
 * status 0. Every wait is for text on the screen,
 * bounded. Skipped, saying why, without {@code script}.
 */
class ConsoleIT {

    static final long TIMEOUT_S = 60;

    static Path jar;

    @TempDir
    Path tmp;

    private Process process;
    private OutputStream keys;
    private Path screen;

    @BeforeAll
    static void locate() {
        jar = Path.of(System.getProperty("warpdrive.jar", "target/warpdrive.jar")).toAbsolutePath();
        assertTrue(Files.isRegularFile(jar), jar + " is missing: run 'mvn verify'");
    }

    private static boolean hasScript() {
        try {
            Process p = new ProcessBuilder("script", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** Terminal control sequences (colours, cursor moves): not text. */
    private static final Pattern CONTROL = Pattern.compile("\u001b(\\[[0-9;?]*[ -/]*[@-~]|[()][0-9A-Za-z]|[=>78M])");

    /** The screen's text so far, without control sequences. */
    private String screen() throws IOException {
        return CONTROL.matcher(raw()).replaceAll("");
    }

    /** Everything the console wrote to the terminal so far. */
    private String raw() throws IOException {
        return Files.readString(screen, StandardCharsets.UTF_8);
    }

    /** Types {@code text}; returns where the screen stood before, for {@link #awaitAfter}. */
    private int type(String text) throws IOException {
        int mark = screen().length();
        keys.write(text.getBytes(StandardCharsets.UTF_8));
        keys.flush();
        return mark;
    }

    /** Waits, bounded, until {@code text} is on the screen after {@code mark}. */
    private String awaitAfter(int mark, String text) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
        while (System.nanoTime() < deadline) {
            String s = screen();
            if (s.indexOf(text, mark) >= 0) {
                return s.substring(mark);
            }
            if (!process.isAlive()) {
                fail("the console ended (exit " + process.exitValue() + ") before showing '" + text + "':\n" + s.substring(mark));
            }
            process.waitFor(50, TimeUnit.MILLISECONDS); // returns at once if the process ends
        }
        process.destroyForcibly();
        fail("no '" + text + "' on the screen within " + TIMEOUT_S + " s:\n" + screen().substring(mark));
        return null;
    }

    @Test
    void tabHistoryHelpCtrlCAndCtrlDOnARealTerminal() throws Exception {
        assumeTrue(hasScript(), "util-linux 'script' (a pseudo-terminal) is not installed");
        Path home = tmp.resolve("home");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // user.home: Gogo keeps its history in ~/.gogo.history; the test's own, not the user's.
        String command = "stty cols 160 rows 50; exec '" + java + "' -Duser.home='" + tmp + "' -jar '" + jar
                + "' --home '" + home + "'";
        screen = tmp.resolve("screen.txt");
        ProcessBuilder pb = new ProcessBuilder("script", "-qfec", command, "/dev/null").directory(tmp.toFile());
        pb.environment().put("TERM", "xterm");
        pb.environment().remove(HomeLayout.ENV_HOME);
        pb.redirectErrorStream(true).redirectOutput(screen.toFile());
        process = pb.start();
        keys = process.getOutputStream();
        try {
            awaitAfter(0, "g! ");

            // Tab completes a wd: command, its options and the values of an option.
            awaitAfter(type("wd:dri\t"), "wd:drivers");
            type("\u0015"); // Ctrl-U: clear the line
            String options = awaitAfter(type("compress -\t"), "--force");
            assertTrue(options.contains("-a") && options.contains("-l"), options);
            type("\u0015");
            String drivers = awaitAfter(type("bench --driver \t\t"), "soft");
            assertTrue(drivers.contains("hisi_zip") && drivers.contains("auto"), drivers);
            type("\u0015");

            // help: the wd: commands first, a command's real usage.
            String help = awaitAfter(type("help\r"), "Lists the commands, or explains one.");
            assertTrue(help.contains("compress    Compresses a file (or stdin) through the platform."), help);
            awaitAfter(type("help compress\r"), "usage: compress [-a gzip|zlib|deflate|zstd|lz4]");

            // Up recalls the last line; Enter runs it again.
            int mark = type("drivers\r");
            awaitAfter(mark, "SCATTER-GATHER");
            mark = type("\u001bOA"); // xterm's Up key in keypad mode, which JLine turns on
            awaitAfter(mark, "drivers");
            awaitAfter(type("\r"), "SCATTER-GATHER");

            // Ctrl-L clears the screen (xterm: ESC [ H ESC [ 2 J).
            int rawMark = raw().length();
            type("\u000c");
            awaitAfter(type("echo cleared\r"), "cleared");
            assertTrue(raw().indexOf("\u001b[2J", rawMark) >= 0, "Ctrl-L cleared the screen");

            // Ctrl-C stops the running command, not the platform.
            awaitAfter(type("top --interval 1\r"), "WarpDrive top");
            awaitAfter(type("\u0003"), "g! "); // the prompt again: keys typed before it may be dropped
            awaitAfter(type("drivers\r"), "SCATTER-GATHER");
            assertTrue(process.isAlive(), "the platform is still up after Ctrl-C");

            // A long command shows a line per round, and Ctrl-C stops it too.
            awaitAfter(type("bench --seconds 60 --rounds 60\r"), "bench: round 1/60: platform");
            awaitAfter(type("\u0003"), "g! ");
            awaitAfter(type("drivers\r"), "SCATTER-GATHER");
            assertTrue(process.isAlive(), "the platform is still up after Ctrl-C");

            // Ctrl-D stops the platform cleanly.
            type("\u0004");
            assertTrue(process.waitFor(TIMEOUT_S, TimeUnit.SECONDS), "Ctrl-D stops the platform:\n" + screen());
            assertEquals(0, process.exitValue(), screen());
            assertTrue(screen().contains("gosh: stopping framework"), screen());
        } finally {
            keys.close();
            if (process.isAlive()) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
