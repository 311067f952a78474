package io.warpdrive.launcher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OptionsTest {

    @Test
    void noArgumentsMeansInteractive() throws Exception {
        Options o = Options.parse();
        assertNull(o.command());
        assertNull(o.home());
        assertFalse(o.verbose());
        assertFalse(o.help());
        assertFalse(o.version());
    }

    @Test
    void noServiceIsTheLaunchersBeforeTheCommandAndTheCommandsAfterIt() throws Exception {
        assertTrue(Options.parse("--no-service", "drivers").noService());
        assertFalse(Options.parse("drivers").noService());
        Options after = Options.parse("compress", "--no-service");
        assertFalse(after.noService());
        assertEquals(List.of("--no-service"), after.commandArgs());
    }

    @Test
    void commandAndItsArguments() throws Exception {
        Options o = Options.parse("compress", "-l", "6", "in.txt");
        assertEquals("compress", o.command());
        assertEquals(List.of("-l", "6", "in.txt"), o.commandArgs());
        assertArrayEquals(new String[] {"compress", "-l", "6", "in.txt"}, o.commandLine());
    }

    @Test
    void optionsAfterTheCommandBelongToIt() throws Exception {
        Options o = Options.parse("-v", "stats", "--verbose", "--home", "x");
        assertTrue(o.verbose());
        assertNull(o.home());
        assertEquals(List.of("--verbose", "--home", "x"), o.commandArgs());
    }

    @Test
    void homeInBothSpellings() throws Exception {
        assertEquals(Path.of("/opt/wd"), Options.parse("--home", "/opt/wd").home());
        assertEquals(Path.of("rel/dir"), Options.parse("--home=rel/dir", "bundles").home());
    }

    @Test
    void emulateInBothSpellings() throws Exception {
        assertNull(Options.parse("summary").emulate());
        assertEquals(2, Options.parse("--emulate", "2", "compress", "x").emulate());
        assertEquals(List.of("x"), Options.parse("--emulate", "2", "compress", "x").commandArgs());
        assertEquals(0, Options.parse("--emulate=0").emulate());
        assertEquals(64, Options.parse("--emulate=64", "devices").emulate());
    }

    @ParameterizedTest
    @ValueSource(strings = {"--emulate", "--emulate=", "--emulate=-1", "--emulate=65", "--emulate=two"})
    void emulateNeedsADeviceCount(String option) {
        Options.UsageException e = assertThrows(Options.UsageException.class, () -> Options.parse(option));
        assertTrue(e.getMessage().contains("--emulate"), e.getMessage());
    }

    @Test
    void lastHomeWins() throws Exception {
        assertEquals(Path.of("b"), Options.parse("--home", "a", "--home=b").home());
    }

    @Test
    void flags() throws Exception {
        assertTrue(Options.parse("-h").help());
        assertTrue(Options.parse("--help").help());
        assertTrue(Options.parse("--version").version());
        assertTrue(Options.parse("-v").verbose());
        assertTrue(Options.parse("--verbose").verbose());
    }

    @Test
    void doubleDashEndsOptions() throws Exception {
        Options o = Options.parse("--", "--weird-command", "a");
        assertEquals("--weird-command", o.command());
        assertEquals(List.of("a"), o.commandArgs());
    }

    @Test
    void helpWithACommand() throws Exception {
        Options o = Options.parse("--help", "compress");
        assertTrue(o.help());
        assertEquals("compress", o.command());
    }

    @ParameterizedTest
    @ValueSource(strings = {"--bogus", "-x", "--homes", "--verbose=yes"})
    void unknownOptionsAreUsageErrors(String option) {
        Options.UsageException e = assertThrows(Options.UsageException.class, () -> Options.parse(option, "bundles"));
        assertEquals("unknown option: " + option, e.getMessage());
    }

    @Test
    void homeNeedsAValue() {
        assertThrows(Options.UsageException.class, () -> Options.parse("--home"));
        assertThrows(Options.UsageException.class, () -> Options.parse("--home="));
        assertThrows(Options.UsageException.class, () -> Options.parse("--home", ""));
    }

    @Test
    void aLoneDashIsACommandArgumentNotAnOption() throws Exception {
        assertEquals("-", Options.parse("-").command());
    }

    @Test
    void webOptionWithAndWithoutAPort() throws Exception {
        assertFalse(Options.parse().web());
        Options plain = Options.parse("--web");
        assertTrue(plain.web());
        assertEquals(Options.WEB_DEFAULT_PORT, plain.webPort());
        Options port = Options.parse("--web=9090", "stats");
        assertTrue(port.web());
        assertEquals(9090, port.webPort());
        assertEquals("stats", port.command());
        assertFalse(Options.parse("stats", "--web").web(), "after the command it is the command's");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--web=", "--web=0", "--web=65536", "--web=http", "--web=-1"})
    void webOptionNeedsAValidPort(String arg) {
        Options.UsageException e = assertThrows(Options.UsageException.class, () -> Options.parse(arg));
        assertTrue(e.getMessage().contains("--web takes a TCP port"), e.getMessage());
    }
}
