package io.warpdrive.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** When a one-shot command runs in a second JVM with the C1 compiler only, and with what command line. */
class RelaunchTest {
    private static final List<String> JVM = List.of("/jdk/bin/java", "-Dx=1", "-jar", "warpdrive.jar", "drivers");

    @Test
    void aCommandWithoutTrafficRunsAgainWithC1OnlyAndEverythingElseKept() {
        assertEquals(List.of("/jdk/bin/java", Relaunch.C1_ONLY, "-Dx=1", "-jar", "warpdrive.jar", "drivers"),
                Relaunch.commandLine("drivers", Map.of(), JVM).orElseThrow());
    }

    @Test
    void aFilesCompressionOrDecompressionRunsAgainWithC1Only() {
        for (String command : List.of("compress", "decompress")) {
            assertEquals(List.of("/jdk/bin/java", Relaunch.C1_ONLY, "-jar", "w.jar", command, "-c", "f"),
                    Relaunch.commandLine(command, Map.of(), List.of("/jdk/bin/java", "-jar", "w.jar", command, "-c",
                            "f")).orElseThrow());
        }
    }

    @Test
    void benchTheSecondJvmTheUsersChoiceAndAnUnreadableCommandLineStayInThisJvm() {
        assertTrue(Relaunch.commandLine("bench", Map.of(), JVM).isEmpty(), "bench keeps C2 (the platform's Java)");
        assertTrue(Relaunch.commandLine(null, Map.of(), JVM).isEmpty(), "interactive and service modes");
        assertTrue(Relaunch.commandLine("drivers", Map.of(Relaunch.ENV_RELAUNCH, "0"), JVM).isEmpty(),
                "the second JVM, or the user turning it off");
        assertTrue(Relaunch.commandLine("drivers", Map.of(),
                List.of("/jdk/bin/java", "-XX:TieredStopAtLevel=4", "-jar", "w.jar", "drivers")).isEmpty(),
                "compiler options of the user's own");
        assertTrue(Relaunch.commandLine("drivers", Map.of(), List.of()).isEmpty(), "no command line to repeat");
    }
}
