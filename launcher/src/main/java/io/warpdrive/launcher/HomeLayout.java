package io.warpdrive.launcher;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Map;

/**
 * The home directory and what lives under it.
 *
 * <pre>
 * home/
 *   deploy/        bundles dropped here are installed and started (FileInstall), updated when
 *                  replaced, uninstalled when removed
 *   conf/          &lt;pid&gt;.cfg files for Configuration Admin (FileInstall), written back on change
 *   data/
 *     cache/       framework storage of the interactive platform (cleaned at every start)
 *     config/      Configuration Admin's persistent store (felix.cm.dir)
 *     oneshot/     framework storage of one-shot commands, reused while warpdrive.jar stays the same
 *     .lock        held by the interactive platform while it runs
 * </pre>
 *
 * <p>The home is, in this order: {@code --home DIR}, the environment variable
 * {@code WARPDRIVE_HOME}, the directory that contains warpdrive.jar.
 */
public final class HomeLayout {

    public static final String ENV_HOME = "WARPDRIVE_HOME";

    private final Path home;

    private HomeLayout(Path home) {
        this.home = home.toAbsolutePath().normalize();
    }

    public static HomeLayout of(Path home) {
        return new HomeLayout(home);
    }

    /**
     * Chooses the home directory.
     *
     * @param explicit the {@code --home} option, or null
     * @param env the process environment
     * @param jarDirectory the directory containing warpdrive.jar
     */
    public static HomeLayout resolve(Path explicit, Map<String, String> env, Path jarDirectory) {
        if (explicit != null) {
            return of(explicit);
        }
        String fromEnv = env.get(ENV_HOME);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return of(Path.of(fromEnv));
        }
        return of(jarDirectory);
    }

    /** The directory holding the jar (or class directory) this class was loaded from. */
    public static Path jarDirectory(Class<?> anchor) {
        CodeSource source = anchor.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return Path.of("").toAbsolutePath();
        }
        try {
            Path location = Path.of(source.getLocation().toURI());
            return Files.isDirectory(location) ? location : location.toAbsolutePath().getParent();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Path.of("").toAbsolutePath();
        }
    }

    /**
     * Creates the folders that are missing. FileInstall only warns about a watched folder that
     * does not exist, so they must be there before the platform starts.
     *
     * @return this layout
     * @throws IOException with a one-line message when the home cannot be used
     */
    public HomeLayout create() throws IOException {
        if (Files.exists(home) && !Files.isDirectory(home)) {
            throw new IOException("home " + home + " is not a directory");
        }
        for (Path dir : new Path[] {home, deploy(), conf(), data()}) {
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new IOException("cannot create " + dir + ": " + reason(e), e);
            }
        }
        return this;
    }

    private static String reason(IOException e) {
        String name = e.getClass().getSimpleName();
        return switch (name) {
            case "AccessDeniedException" -> "permission denied";
            case "FileAlreadyExistsException" -> "a file of that name is in the way";
            default -> e.getMessage() != null ? e.getMessage() : name;
        };
    }

    public Path home() {
        return home;
    }

    public Path deploy() {
        return home.resolve("deploy");
    }

    public Path conf() {
        return home.resolve("conf");
    }

    public Path data() {
        return home.resolve("data");
    }

    /** Framework storage of the interactive platform. */
    public Path cache() {
        return data().resolve("cache");
    }

    /** Framework storage of one-shot commands, kept between runs (see {@link OneShotStorage}). */
    public Path oneShotStorage() {
        return data().resolve("oneshot");
    }

    /** Configuration Admin's persistent store. */
    public Path config() {
        return data().resolve("config");
    }

    /** The log file of the platform running as a service (unless --log names another). */
    public Path logFile() {
        return home.resolve("log").resolve("warpdrive.log");
    }

    /**
     * The command socket of the platform running in this home ({@link CommandSocket}), in a
     * folder only the owner may enter.
     */
    public Path commandSocket() {
        return home.resolve("run").resolve("cli.sock");
    }

    /** Lock file held by a running interactive platform. */
    public Path lockFile() {
        return data().resolve(".lock");
    }

    @Override
    public String toString() {
        return home.toString();
    }
}
