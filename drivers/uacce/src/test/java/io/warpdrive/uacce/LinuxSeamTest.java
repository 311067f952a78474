package io.warpdrive.uacce;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Pointer;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Linux side of the seam with real system calls on things that are not accelerators:
 * a regular file stands in for the char device (open, mmap at the DUS offset, munmap,
 * close, the doorbell store), and ioctls on it are refused the way a non-uacce descriptor
 * refuses them, with a message that says so.
 */
class LinuxSeamTest {
    private final LinuxSeam seam = new LinuxSeam();

    @TempDir
    Path dir;

    private Path twoPageFile() throws IOException {
        return Files.write(dir.resolve("qp"), new byte[(int) (2 * seam.pageSize())]);
    }

    private int openFds() throws IOException {
        try (var s = Files.list(Path.of("/proc/self/fd"))) {
            return (int) s.count();
        }
    }

    @Test
    void pageSizeIsAPowerOfTwo() {
        long page = seam.pageSize();
        assertTrue(page >= 4096 && Long.bitCount(page) == 1, "page size " + page);
    }

    @Test
    void openMmapMunmapCloseOnARegularFile() throws IOException {
        Path file = twoPageFile();
        long page = seam.pageSize();
        int fd = seam.open(file.toString());
        assertTrue(fd >= 0, "fd " + fd);
        // the second page, as the DUS region is mapped (offset = region type 1 × page size)
        long address = seam.mmap(fd, QueuePairFile.REGION_DUS * page, page);
        assertTrue(address > 0, "address " + address);
        ByteBuffer mapped = new Pointer(address).getByteBuffer(0, page);
        mapped.put(0, (byte) 'W').put(1, (byte) 'D');
        // a doorbell is one 64-bit store into the mapping
        seam.doorbell(address + 8).ring(0x0102_0304_0506_0708L);
        assertEquals(0, seam.munmap(address, page));
        assertEquals(0, seam.close(fd));

        byte[] content = Files.readAllBytes(file);
        assertEquals('W', content[(int) page]);
        assertEquals('D', content[(int) page + 1]);
        ByteBuffer register = ByteBuffer.wrap(content, (int) page + 8, 8).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0x0102_0304_0506_0708L, register.getLong());
        assertArrayEquals(new byte[(int) page], java.util.Arrays.copyOf(content, (int) page), "first page untouched");
    }

    @Test
    void errorsComeBackAsNegatedErrno() throws IOException {
        assertEquals(-Errno.ENOENT, seam.open(dir.resolve("missing").toString()));
        assertEquals(-Errno.EBADF, seam.close(1_000_000));
        int fd = seam.open(twoPageFile().toString());
        assertEquals(-Errno.EINVAL, (int) seam.mmap(fd, 3, seam.pageSize()), "an offset that is not page aligned");
        assertEquals(1, seam.poll(fd, 0), "a regular file is always readable");
        assertEquals(0, seam.close(fd));
    }

    @Test
    void ioctlOnADescriptorThatIsNotAUacceQueueIsRefusedClearly() throws IOException {
        int fd = seam.open(twoPageFile().toString());
        int rc = seam.ioctl(fd, QueuePairFile.START_Q, 0);
        assertEquals(-Errno.ENOTTY, rc);
        assertEquals("ENOTTY (inappropriate ioctl for device: not a uacce queue)", Errno.describe(rc));
        assertEquals(0, seam.close(fd));
    }

    @Test
    void openingAQueuePairOnARegularFileMapsBothRegionsRunsTheVendorSetUpThenFailsAtStartAndLeavesNothingOpen()
            throws IOException {
        Path file = twoPageFile();
        long page = seam.pageSize();
        int before = openFds();
        List<String> setUps = new ArrayList<>();
        WdException e = assertThrows(WdException.class, () -> QueuePairFile.open(seam, file.toString(), page, page,
                f -> setUps.add((f.mmioAddress() > 0) + " " + (f.dusAddress() > 0) + " " + f.dusLength())));
        assertEquals(List.of("true true " + page), setUps, "the vendor's set-up runs once, on both mapped regions");
        assertEquals(WdStatus.DEVICE_ERROR, e.status());
        assertEquals("ioctl START_Q on " + file + ": ENOTTY (inappropriate ioctl for device: not a uacce queue)",
                e.detail());
        assertEquals(before, openFds(), "the fd is closed again");
    }

    @Test
    void aVendorSetUpThatRefusesTheQueueFailsTheOpenAndLeavesNothingOpen() throws IOException {
        Path file = twoPageFile();
        long page = seam.pageSize();
        int before = openFds();
        WdException e = assertThrows(WdException.class, () -> QueuePairFile.open(seam, file.toString(), page, page,
                f -> f.ioctl(0xC004480A, 0, "VENDOR_CMD")));
        assertEquals("ioctl VENDOR_CMD on " + file + ": ENOTTY (inappropriate ioctl for device: not a uacce queue)",
                e.detail());
        assertEquals(before, openFds(), "the fd is closed again");
    }
}
