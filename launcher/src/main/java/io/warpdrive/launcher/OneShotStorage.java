package io.warpdrive.launcher;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The framework storage of a one-shot command. Installing the embedded bundles into a fresh
 * storage copies every one of them out of warpdrive.jar at every run; instead the storage in
 * home/data/oneshot is kept and reused while its stamp (the launcher jar's path, size and time,
 * and the optional bundle sets) says it holds the same bundles; otherwise it is cleaned and filled
 * again. One run at a time holds it (a file lock): a one-shot command started while another
 * runs takes a temporary storage of its own, as all did before, so concurrent runs never share
 * a cache. The persisted configuration is not in it (each run still gets a copy of that).
 */
final class OneShotStorage implements AutoCloseable {
    private static final String STAMP = "stamp";

    private final Path path;
    private final boolean reused;
    private final String stamp;
    private final FileChannel channel;

    private OneShotStorage(Path path, boolean reused, String stamp, FileChannel channel) {
        this.path = path;
        this.reused = reused;
        this.stamp = stamp;
        this.channel = channel;
    }

    /**
     * The home's one-shot storage when no other run holds it and the launcher jar can be told
     * apart, else {@code temporary} (to be cleaned by the caller).
     */
    static OneShotStorage open(Path folder, List<String> bundleSets, Path temporary) {
        String stamp = stamp(bundleSets);
        if (stamp == null) {
            return new OneShotStorage(temporary, false, null, null);
        }
        FileChannel channel = null;
        try {
            Files.createDirectories(folder);
            channel = FileChannel.open(folder.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                return new OneShotStorage(temporary, false, null, null);
            }
            Path stampFile = folder.resolve(STAMP);
            boolean same = Files.isRegularFile(stampFile)
                    && Files.readString(stampFile, StandardCharsets.UTF_8).equals(stamp);
            if (!same) {
                Files.deleteIfExists(stampFile); // a run that dies while filling it leaves no stamp
            }
            return new OneShotStorage(folder.resolve("cache"), same, stamp, channel);
        } catch (IOException | OverlappingFileLockException e) {
            closeQuietly(channel);
            return new OneShotStorage(temporary, false, null, null);
        }
    }

    /** What the storage holds: this launcher jar's bundles and the optional sets; null when the jar is not a file. */
    private static String stamp(List<String> bundleSets) {
        try {
            Path jar = Path.of(OneShotStorage.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!Files.isRegularFile(jar)) {
                return null;
            }
            return jar.toAbsolutePath() + " " + Files.size(jar) + " " + Files.getLastModifiedTime(jar).toMillis()
                    + " sets " + bundleSets;
        } catch (IOException | URISyntaxException | SecurityException | IllegalArgumentException
                | NullPointerException e) {
            return null;
        }
    }

    /** Where the framework keeps its storage this run. */
    Path path() {
        return path;
    }

    /** The storage holds this jar's bundles from an earlier run: start it without cleaning. */
    boolean reused() {
        return reused;
    }

    /** True when this run holds the home's storage (rather than a temporary one). */
    boolean kept() {
        return channel != null;
    }

    /** The bundles are installed: later runs may reuse the storage. */
    void filled() throws IOException {
        if (channel != null && !reused) {
            Files.writeString(path.getParent().resolve(STAMP), stamp, StandardCharsets.UTF_8);
        }
    }

    /** Lets the next run have the storage. */
    @Override
    public void close() {
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing a lock file: nothing to do
            }
        }
    }
}
