package io.warpdrive.launcher;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The embedded bundles a one-shot command starts only when it needs them. Gogo's runtime, commands
 * and plain shell: the command runs through the CLI service, never through a shell. FileInstall:
 * only when a folder it watches (deploy/, conf/) holds something for it, a bundle or a
 * configuration file; with nothing there its scan changes nothing. The launcher's own
 * {@code bundles} holds nothing back: it shows the platform as the other modes run it. Those stay
 * installed and resolved (their packages wire as usual). Interactive mode and the service start
 * every bundle. JMX is the engine's and is turned off by a framework property instead
 * ({@link Launcher#JMX_PROPERTY}); the web console runs only with {@code --web}.
 */
final class OnDemandBundles {

    static final String FILEINSTALL_BSN = "org.apache.felix.fileinstall";
    static final Set<String> GOGO_BSNS = Set.of("org.apache.felix.gogo.runtime", "org.apache.felix.gogo.command",
            EmbeddedBundles.PLAIN_SHELL_BSN);
    /** FileInstall's framework properties: its watched folders (comma list) and the artifact name filter. */
    static final String FILEINSTALL_DIRS = "felix.fileinstall.dir";
    static final String FILEINSTALL_FILTER = "felix.fileinstall.filter";

    private OnDemandBundles() {
    }

    /**
     * The symbolic names of the bundles a one-shot run of {@code command} (null: {@code --help}
     * alone) does not start, given the framework properties of the run.
     */
    static Set<String> heldBack(String command, Map<String, String> frameworkProperties) {
        if (Launcher.BUNDLES.equals(command)) {
            return Set.of();
        }
        Set<String> names = new HashSet<>(GOGO_BSNS);
        if (!fileInstallHasWork(frameworkProperties)) {
            names.add(FILEINSTALL_BSN);
        }
        return names;
    }

    /**
     * Whether a folder FileInstall watches holds an entry its filter takes, or a folder (which it may
     * take as an exploded bundle). A folder that cannot be read counts as work: FileInstall says why.
     */
    static boolean fileInstallHasWork(Map<String, String> frameworkProperties) {
        String dirs = frameworkProperties.get(FILEINSTALL_DIRS);
        if (dirs == null || dirs.isBlank()) {
            return false;
        }
        Pattern filter;
        try {
            String f = frameworkProperties.get(FILEINSTALL_FILTER);
            filter = f == null || f.isBlank() ? null : Pattern.compile(f);
        } catch (PatternSyntaxException e) {
            return true; // FileInstall reports its own configuration error
        }
        for (String d : dirs.split(",")) {
            Path dir = Path.of(d.trim());
            if (!Files.exists(dir)) {
                continue;
            }
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                for (Path e : entries) {
                    if (Files.isDirectory(e) || filter == null || filter.matcher(e.getFileName().toString()).matches()) {
                        return true;
                    }
                }
            } catch (IOException e) {
                return true;
            }
        }
        return false;
    }
}
