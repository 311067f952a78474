package io.warpdrive.driver.uacce;

import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.driver.uacce.seam.Emulator;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The emulated devices this driver runs on when asked to emulate: libwdemu started in a
 * fresh temporary directory (its {@code class/uacce} and {@code dev}), stopped and the
 * directory removed when the driver stops.
 */
final class EmulatorHost implements AutoCloseable {
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
            root = Files.createTempDirectory("warpdrive-wdemu-");
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
