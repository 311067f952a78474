package io.warpdrive.launcher;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.StandardOpenOption;

/**
 * Held by the interactive platform while it runs: it cleans and uses home/data/cache, so a
 * second interactive platform on the same home would delete the first one's bundles under its
 * feet. One-shot commands use their own temporary storage and do not take it.
 */
final class HomeLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private HomeLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static HomeLock acquire(HomeLayout layout) throws LauncherException {
        FileChannel channel = null;
        try {
            channel = FileChannel.open(layout.lockFile(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                throw new LauncherException(ExitCodes.FAILURE,
                        "another WarpDrive platform is running with home " + layout.home());
            }
            return new HomeLock(channel, lock);
        } catch (OverlappingFileLockException e) {
            closeQuietly(channel);
            throw new LauncherException(ExitCodes.FAILURE, "another WarpDrive platform is running with home " + layout.home());
        } catch (IOException e) {
            closeQuietly(channel);
            throw new LauncherException(ExitCodes.FAILURE, "cannot lock " + layout.lockFile() + ": " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing to add
            }
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // released with the channel anyway
        }
        closeQuietly(channel);
    }
}
