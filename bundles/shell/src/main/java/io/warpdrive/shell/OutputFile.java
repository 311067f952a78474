package io.warpdrive.shell;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A file written under a temporary name in its own folder and renamed over its final name only
 * when complete: a run that is killed, fails or runs out of space never leaves a partial file
 * under the final name, and an existing file stays intact until the new one is whole.
 */
final class OutputFile implements AutoCloseable {
    private final Path target;
    private final Path temporary;
    private final boolean replace;
    private final FileChannel channel;
    private boolean committed;

    private OutputFile(Path target, Path temporary, boolean replace, FileChannel channel) {
        this.target = target;
        this.temporary = temporary;
        this.replace = replace;
        this.channel = channel;
    }

    /**
     * @param replace whether an existing file of that name may be replaced
     * @throws FileAlreadyExistsException when the file exists and may not be replaced
     */
    static OutputFile create(Path target, boolean replace) throws IOException {
        Path absolute = target.toAbsolutePath();
        refuseExisting(absolute, replace);
        Path temporary = temporaryFor(absolute);
        return new OutputFile(absolute, temporary, replace,
                FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE));
    }

    /** A hidden name beside the target ({@code .NAME.XXXXXXXX.part}). */
    static Path temporaryFor(Path target) {
        return target.resolveSibling("." + target.getFileName() + "."
                + Integer.toHexString(ThreadLocalRandom.current().nextInt() | 0x10000000) + ".part");
    }

    private static void refuseExisting(Path target, boolean replace) throws FileAlreadyExistsException {
        if (!replace && Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(target.toString());
        }
    }

    /** The channel to write; a failed write names the file ({@code out.gz: no space left on device}). */
    WritableByteChannel channel() {
        return new WritableByteChannel() {
            @Override
            public int write(ByteBuffer src) throws IOException {
                try {
                    return channel.write(src);
                } catch (IOException e) {
                    throw new FileSystemException(target.toString(), null, e.getMessage());
                }
            }

            @Override
            public boolean isOpen() {
                return channel.isOpen();
            }

            @Override
            public void close() {
                // closed by commit() or close() of the OutputFile
            }
        };
    }

    /** Gives the file the permissions of {@code like} (gzip keeps the input's mode); best effort. */
    void permissionsLike(Path like) {
        try {
            Files.setPosixFilePermissions(temporary, Files.getPosixFilePermissions(like));
        } catch (IOException | UnsupportedOperationException e) {
            // the file keeps the default permissions
        }
    }

    /** Closes the file and renames it to its final name. */
    void commit() throws IOException {
        channel.close();
        refuseExisting(target, replace);
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        committed = true;
    }

    /** Removes the temporary file unless committed. */
    @Override
    public void close() throws IOException {
        if (!committed) {
            try {
                channel.close();
            } finally {
                Files.deleteIfExists(temporary);
            }
        }
    }
}
