package io.warpdrive.sched.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.comp.Priority;
import io.warpdrive.coordinator.Coordinator;
import io.warpdrive.coordinator.ResourceState;
import io.warpdrive.sched.PriorityLevel;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** wd:tune, wd:retune, wd:untune and wd:tunes on a book with a clock the test moves. */
class TuneCommandsTest {
    private final ManualClock clock = new ManualClock();
    private final Coordination book = new Coordination(ResourceTable.defaults(), clock, new RecordingKnob(),
            CoordinatorLog.NONE);
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    /** The shell's bundle: a system consumer. */
    private final TuneCommands shell = new TuneCommands(as(new Owner("io.warpdrive.sched.coordinator", 5, true)));

    /** A Coordinator for one bundle, as the bundle-scoped service is. */
    static Coordinator as(Owner owner, Coordination book) {
        return new Coordinator() {
            @Override
            public long tune(String resource, long value, Duration duration, Priority priority) {
                return book.tune(owner, resource, value, duration, PriorityLevel.of(owner.system, priority));
            }

            @Override
            public long tune(String resource, long value, Duration duration, PriorityLevel level) {
                return book.tune(owner, resource, value, duration, level);
            }

            @Override
            public long tune(Map<String, Long> values, Duration duration, Priority priority) {
                return book.tune(owner, values, duration, PriorityLevel.of(owner.system, priority));
            }

            @Override
            public long tune(Map<String, Long> values, Duration duration, PriorityLevel level) {
                return book.tune(owner, values, duration, level);
            }

            @Override
            public void retune(long handle, Duration duration) {
                book.retune(owner, handle, duration);
            }

            @Override
            public void untune(long handle) {
                book.untune(owner, handle);
            }

            @Override
            public PriorityLevel level(Priority priority) {
                return PriorityLevel.of(owner.system, priority);
            }

            @Override
            public List<ResourceState> resources() {
                return book.resources();
            }
        };
    }

    private Coordinator as(Owner owner) {
        return as(owner, book);
    }

    private int run(String command, String... args) {
        out.reset();
        err.reset();
        return shell.run(command, args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void tuneListRetuneAndUntuneFromTheShell() {
        assertEquals(0, run("tune", "hardware", "16", "5m"));
        assertEquals("tune 1: hardware=16 at SYSTEM_HIGH, for 5m\n", out());
        assertEquals(0, run("tune", "hardware", "4", "1m", "low"));
        assertEquals(0, run("tune", "cpu.workers", "1", "forever", "SYSTEM_LOW"));
        as(new Owner("com.example.picture", 40, false)).tune("hardware.per.consumer", 8, Duration.ofMinutes(2),
                Priority.HIGH);
        clock.advance(Duration.ofSeconds(1));
        assertEquals(0, run("tunes"));
        String table = out();
        assertTrue(table.contains("hardware                 hardware@*             HIGHER_IS_BETTER          0        16"
                + "  SYSTEM_HIGH"), table);
        assertTrue(table.matches("(?s).*1\\s+SYSTEM_HIGH\\s+16\\s+in force\\s+4m59s\\s+io.warpdrive.sched.coordinator.*"),
                table);
        assertTrue(table.matches("(?s).*2\\s+SYSTEM_LOW\\s+4\\s+pending\\s+59s\\s+io.warpdrive.sched.coordinator.*"),
                table);
        assertTrue(table.matches("(?s).*cpu.workers\\s+cpu.workers\\s+INSTANT_APPLY\\s+2\\s+1\\s+SYSTEM_LOW.*"), table);
        assertTrue(table.matches("(?s).*3\\s+SYSTEM_LOW\\s+1\\s+in force\\s+forever.*"), table);
        assertTrue(table.matches("(?s).*4\\s+THIRD_PARTY_HIGH\\s+8\\s+in force\\s+1m59s\\s+com.example.picture.*"),
                table);
        assertEquals(0, run("retune", "1", "10m"));
        assertEquals("tune 1: 10m from now\n", out());
        assertEquals(0, run("untune", "4"), "the shell's bundle is a system consumer: it may untune others' tunes");
        assertEquals(0, run("untune", "1"));
        assertEquals(0, run("tunes"));
        assertTrue(out().matches("(?s).*hardware\\s+hardware@\\*\\s+HIGHER_IS_BETTER\\s+0\\s+4\\s+SYSTEM_LOW.*"), out());
    }

    @Test
    void oneTuneNamesSeveralResources() {
        assertEquals(0, run("tune", "hardware=16,cpu.workers=1", "5m", "low"));
        assertEquals("tune 1: hardware=16, cpu.workers=1 at SYSTEM_LOW, for 5m\n", out());
        assertEquals(0, run("tunes"));
        String table = out();
        assertTrue(table.matches("(?s).*hardware\\s+hardware@\\*\\s+HIGHER_IS_BETTER\\s+0\\s+16\\s+SYSTEM_LOW.*"), table);
        assertTrue(table.matches("(?s).*cpu.workers\\s+cpu.workers\\s+INSTANT_APPLY\\s+2\\s+1\\s+SYSTEM_LOW.*"), table);
        assertEquals(0, run("untune", "1"));
        assertEquals(0, run("tunes"));
        assertTrue(out().matches("(?s).*hardware\\s+hardware@\\*\\s+HIGHER_IS_BETTER\\s+0\\s+0\\s+default.*"), out());
        assertEquals(2, run("tune", "hardware=16,hardware=4", "5m"));
        assertTrue(err().contains("each resource once"), err());
        assertEquals(2, run("tune", "hardware=16", "5m", "low", "extra"));
        assertTrue(err().contains("tune takes 2 or 3 arguments"), err());
    }

    @Test
    void mistakesSayWhatIsWrong() {
        assertEquals(2, run("tune", "hardware", "16"));
        assertTrue(err().startsWith("error: tune takes 3 or 4 arguments, not 2\nusage: tune RESOURCE"), err());
        assertEquals(2, run("tune", "hardware", "lots", "5m"));
        assertTrue(err().contains("VALUE 'lots' is not a number"), err());
        assertEquals(2, run("tune", "hardware", "1", "5 minutes"));
        assertTrue(err().contains("is not a duration"), err());
        assertEquals(2, run("tune", "hardware", "1", "5m", "urgent"));
        assertTrue(err().contains("'urgent' is not high, low or a level"), err());
        assertEquals(1, run("tune", "disk", "1", "5m"));
        assertTrue(err().startsWith("error: INVALID_ARGUMENT (1): no resource 'disk'"), err());
        assertEquals(1, run("untune", "99"));
        assertTrue(err().contains("no tune 99"), err());
        assertEquals(2, run("tunes", "extra"));
    }

    @Test
    void aThirdPartyShellCannotReachSystemLevels() {
        TuneCommands thirdParty = new TuneCommands(as(new Owner("com.example.shell", 41, false)));
        int status = thirdParty.run("tune", new String[] { "hardware", "16", "5m", "SYSTEM_HIGH" },
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(1, status);
        assertTrue(err().contains("ACCESS_DENIED"), err());
    }
}
