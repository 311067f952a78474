package io.warpdrive.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which embedded bundles a one-shot command leaves unstarted. */
class OnDemandBundlesTest {

    @TempDir
    Path home;

    private Map<String, String> fileInstall() throws IOException {
        Path deploy = Files.createDirectories(home.resolve("deploy"));
        Path conf = Files.createDirectories(home.resolve("conf"));
        return Map.of(OnDemandBundles.FILEINSTALL_DIRS, deploy + "," + conf,
                OnDemandBundles.FILEINSTALL_FILTER, ".*\\.(jar|cfg|config)");
    }

    private static Set<String> gogoAndFileInstall() {
        Set<String> all = new HashSet<>(OnDemandBundles.GOGO_BSNS);
        all.add(OnDemandBundles.FILEINSTALL_BSN);
        return all;
    }

    @Test
    void withEmptyFoldersGogoAndFileInstallWait() throws IOException {
        Map<String, String> props = fileInstall();
        assertEquals(gogoAndFileInstall(), OnDemandBundles.heldBack("drivers", props));
        assertEquals(gogoAndFileInstall(), OnDemandBundles.heldBack("compress", props));
        assertEquals(gogoAndFileInstall(), OnDemandBundles.heldBack(null, props), "--help alone");
    }

    @Test
    void filesTheFilterRefusesGiveFileInstallNothingToDo() throws IOException {
        Map<String, String> props = fileInstall();
        Files.writeString(home.resolve("conf").resolve("README"), "notes");
        Files.writeString(home.resolve("conf").resolve("io.warpdrive.engine.cfg~"), "an editor's backup");
        assertFalse(OnDemandBundles.fileInstallHasWork(props));
    }

    @Test
    void aConfigurationFileStartsFileInstall() throws IOException {
        Map<String, String> props = fileInstall();
        Files.writeString(home.resolve("conf").resolve("io.warpdrive.engine.cfg"), "queues=2\n");
        assertTrue(OnDemandBundles.fileInstallHasWork(props));
        assertEquals(OnDemandBundles.GOGO_BSNS, OnDemandBundles.heldBack("drivers", props));
    }

    @Test
    void aDeployedBundleOrFolderStartsFileInstall() throws IOException {
        Map<String, String> props = fileInstall();
        Files.createDirectories(home.resolve("deploy").resolve("exploded"));
        assertTrue(OnDemandBundles.fileInstallHasWork(props));
        Files.delete(home.resolve("deploy").resolve("exploded"));
        Files.write(home.resolve("deploy").resolve("driver.jar"), new byte[] {0x50, 0x4b});
        assertTrue(OnDemandBundles.fileInstallHasWork(props));
    }

    @Test
    void missingFoldersAndNoWatchedFoldersGiveNoWork() {
        assertFalse(OnDemandBundles.fileInstallHasWork(Map.of(OnDemandBundles.FILEINSTALL_DIRS,
                home.resolve("absent").toString())));
        assertFalse(OnDemandBundles.fileInstallHasWork(Map.of()));
    }

    @Test
    void theLaunchersBundlesCommandStartsEverything() throws IOException {
        assertEquals(Set.of(), OnDemandBundles.heldBack(Launcher.BUNDLES, fileInstall()));
    }
}
