package io.warpdrive.uacce;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything a uacce driver asks of the operating system, and nothing else: the uacce char
 * device's file operations ({@code open}, {@code close}, {@code ioctl}, {@code mmap},
 * {@code munmap}, {@code poll}), the 64-bit MMIO store of a doorbell, and reading the
 * sysfs class directory. {@link LinuxSeam} puts the kernel (libc) behind it; a vendor
 * driver may put an emulator of its device behind it too. Everything above this interface
 * (rings, request formats, doorbell values, error mapping) is the same for both.
 *
 * <p>Calls return what the kernel's file operations return: a value {@code >= 0} on
 * success, or a negated errno ({@link Errno}). They take and return primitives only, so
 * the data path allocates nothing.
 */
public interface UacceSeam {

    /** Opens the char device (one queue pair): an fd, or a negated errno (EBUSY: no free instance). */
    int open(String path);

    /** Closes an fd (an implicit PUT_Q if the queue is still held). */
    int close(int fd);

    /** An ioctl with an argument structure at {@code argumentAddress} (0 for none). */
    int ioctl(int fd, int command, long argumentAddress);

    /** Maps {@code length} bytes at file {@code offset} shared, read-write: the address, or a negated errno. */
    long mmap(int fd, long offset, long length);

    int munmap(long address, long length);

    /**
     * Waits up to {@code timeoutMillis} (0: just looks) for a completion the driver has not
     * reaped: 1 when there is one, 0 when not, a negated errno when the queue is unusable
     * (ENXIO: released or its device removed).
     */
    int poll(int fd, int timeoutMillis);

    /** The doorbell register at {@code address} (inside a mapped MMIO region). */
    Doorbell doorbell(long address);

    /** The page size: region offsets are region type × page size. */
    long pageSize();

    /** True when an emulated device is behind this seam, not the kernel. */
    boolean emulated();

    /** One line for logs: what is behind this seam. */
    String describe();

    /**
     * A sysfs attribute's value with surrounding white space removed, or null when the
     * file does not exist or cannot be read. sysfs attributes and the emulator's files are
     * plain files for the reader, so both seams read them the same way.
     */
    default String readAttribute(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.US_ASCII).trim();
        } catch (IOException | SecurityException e) {
            return null;
        }
    }

    /** The names in a directory (a uacce class directory); empty when it does not exist. */
    default List<String> listDirectory(Path dir) throws IOException {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                names.add(p.getFileName().toString());
            }
        } catch (NoSuchFileException e) {
            return List.of();
        }
        return names;
    }
}
