package io.warpdrive.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HomeLayoutTest {

    @TempDir
    Path tmp;

    @Test
    void explicitHomeWins() {
        Path explicit = tmp.resolve("explicit");
        HomeLayout l = HomeLayout.resolve(explicit, Map.of(HomeLayout.ENV_HOME, "/from/env"), tmp.resolve("jar"));
        assertEquals(explicit, l.home());
    }

    @Test
    void environmentBeforeJarDirectory() {
        HomeLayout l = HomeLayout.resolve(null, Map.of(HomeLayout.ENV_HOME, tmp.resolve("env").toString()), tmp.resolve("jar"));
        assertEquals(tmp.resolve("env"), l.home());
    }

    @Test
    void blankEnvironmentIsIgnored() {
        HomeLayout l = HomeLayout.resolve(null, Map.of(HomeLayout.ENV_HOME, "  "), tmp.resolve("jar"));
        assertEquals(tmp.resolve("jar"), l.home());
    }

    @Test
    void jarDirectoryByDefault() {
        assertEquals(tmp.resolve("jar"), HomeLayout.resolve(null, Map.of(), tmp.resolve("jar")).home());
    }

    @Test
    void relativeHomeBecomesAbsolute() {
        HomeLayout l = HomeLayout.of(Path.of("some/../rel"));
        assertTrue(l.home().isAbsolute());
        assertEquals(Path.of("rel").toAbsolutePath(), l.home());
    }

    @Test
    void layoutUnderHome() {
        HomeLayout l = HomeLayout.of(tmp);
        assertEquals(tmp.resolve("deploy"), l.deploy());
        assertEquals(tmp.resolve("conf"), l.conf());
        assertEquals(tmp.resolve("data"), l.data());
        assertEquals(tmp.resolve("data/cache"), l.cache());
        assertEquals(tmp.resolve("data/config"), l.config());
        assertEquals(tmp.resolve("data/.lock"), l.lockFile());
    }

    @Test
    void createMakesWhatIsMissingAndKeepsWhatIsThere() throws IOException {
        Path home = tmp.resolve("new/home");
        Files.createDirectories(home.resolve("conf"));
        Path cfg = Files.writeString(home.resolve("conf/x.cfg"), "a=1\n");
        HomeLayout l = HomeLayout.of(home).create();
        assertTrue(Files.isDirectory(l.deploy()));
        assertTrue(Files.isDirectory(l.conf()));
        assertTrue(Files.isDirectory(l.data()));
        assertEquals("a=1\n", Files.readString(cfg));
        l.create(); // idempotent
    }

    @Test
    void aFileInTheWayIsAClearError() throws IOException {
        Path home = tmp.resolve("home");
        Files.createDirectories(home);
        Files.writeString(home.resolve("deploy"), "not a folder");
        IOException e = assertThrows(IOException.class, () -> HomeLayout.of(home).create());
        assertTrue(e.getMessage().startsWith("cannot create " + home.resolve("deploy")), e.getMessage());
    }

    @Test
    void homeThatIsAFile() throws IOException {
        Path file = Files.writeString(tmp.resolve("file"), "x");
        IOException e = assertThrows(IOException.class, () -> HomeLayout.of(file).create());
        assertEquals("home " + file + " is not a directory", e.getMessage());
    }

    @Test
    void jarDirectoryOfTheseClasses() {
        // Run from target/classes in this build: the class directory itself.
        Path dir = HomeLayout.jarDirectory(HomeLayout.class);
        assertTrue(Files.isDirectory(dir), dir.toString());
    }
}
