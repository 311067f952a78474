package io.warpdrive.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The service mode's options: --service, --log, --drain. */
class ServiceOptionsTest {

    @Test
    void serviceWithItsLogAndDrain() throws Exception {
        Options o = Options.parse("--service", "--log=-", "--drain=5", "--web=8181");
        assertTrue(o.service());
        assertEquals("-", o.log());
        assertEquals(Duration.ofSeconds(5), o.drain());
        assertNull(o.command());
    }

    @Test
    void defaultsAreTheHomeLogAndNoDrainGiven() throws Exception {
        Options o = Options.parse("--service");
        assertNull(o.log());
        assertNull(o.drain());
        assertFalse(Options.parse().service());
    }

    @Test
    void aServiceRunsNoCommand() {
        Options.UsageException e = assertThrows(Options.UsageException.class, () -> Options.parse("--service", "summary"));
        assertTrue(e.getMessage().contains("give no command"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"--drain=0", "--drain=x", "--drain=", "--drain=3601", "--log="})
    void badValuesAreUsageErrors(String option) {
        assertThrows(Options.UsageException.class, () -> Options.parse("--service", option));
    }

    @Test
    void stdinOfTheTestRunIsNotMistakenForDevNullWhenItIsAFileOrPipe() {
        // Surefire gives the fork a pipe: not /dev/null, so no command there would mean the console.
        if (System.getProperty("os.name").startsWith("Linux")) {
            assertFalse(ServiceMode.stdinIsNull());
        }
    }
}
