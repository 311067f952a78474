package io.warpdrive.driver.hisi_zip;

import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.driver.hisi_zip.emulator.Emulator;
import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;

/**
 * The emulated devices this driver runs on when asked to emulate: libwdemu started in a
 * fresh temporary directory (its {@code class/uacce} and {@code dev}), stopped and the
 * directory removed when the driver stops. The directory names its owner (process id and start
 * time) in a file, so a directory left by a process that crashed or was killed is removed at the
 * next start of the emulator instead of piling up.
 */
final class EmulatorHost implements AutoCloseable {
    static final String PREFIX = "warpdrive-wdemu-";
    /** The owner file: "PID START", START being the process's start in epoch milliseconds. */
    static final String OWNER = "owner";

    private final Emulator emulator;

    private EmulatorHost(Emulator emulator) {
        this.emulator = emulator;
    }

    /**
     * Starts {@code devices} emulated devices with libwdemu's {@code options}
     * ({@code key=value;...}, e.g. {@code api=hisi_qm_v3;instances=64;depth=1024}).
     *
     * @throws WdException DEVICE_ERROR when the emulator cannot start
     */
    static EmulatorHost start(int devices, String options) {
        Path root;
        try {
            root = Files.createTempDirectory(PREFIX);
            removeOrphans(root.getParent());
            Files.writeString(root.resolve(OWNER), owner(ProcessHandle.current()));
        } catch (IOException e) {
            throw new WdException(WdStatus.DEVICE_ERROR, "cannot create a directory for the emulator: " + e, e);
        }
        String config = "devices=" + devices + (options == null || options.isBlank() ? "" : ";" + options.trim());
        try {
            return new EmulatorHost(Emulator.start(root, config));
        } catch (RuntimeException | LinkageError e) {
            deleteTree(root);
            throw e;
        }
    }

    /** Removes the emulator directories in {@code tmp} whose owner process has ended. */
    static void removeOrphans(Path tmp) {
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(tmp, PREFIX + "*")) {
            for (Path dir : dirs) {
                if (isOrphan(dir)) {
                    deleteTree(dir);
                }
            }
        } catch (IOException | DirectoryIteratorException e) {
            // another process's directories: left for the system to clean
        }
    }

    private static boolean isOrphan(Path dir) {
        String owner;
        try {
            owner = Files.readString(dir.resolve(OWNER)).trim();
        } catch (IOException e) {
            return false; // not ours to judge, or its owner is still writing the file
        }
        String[] parts = owner.split(" ");
        try {
            long pid = Long.parseLong(parts[0]);
            return ProcessHandle.of(pid).map(p -> !owner(p).equals(owner)).orElse(true);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The owner text of a process; its start time tells a reused process id apart. */
    static String owner(ProcessHandle process) {
        return process.pid() + " " + process.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    }

    Emulator emulator() {
        return emulator;
    }

    /** Stops the devices (every queue must be closed first) and removes the directory. */
    @Override
    public void close() {
        emulator.close();
        deleteTree(emulator.root());
    }

    private static void deleteTree(Path root) {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException ignored) {
            // a temporary directory: what is left, the system cleans
        }
    }
}
