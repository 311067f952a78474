/**
 * The hisi_zip driver: HiSilicon ZIP accelerators in user space, as UADK's {@code hisi_zip}
 * driver does it in C, on top of the UACCE access bundle ({@code io.warpdrive.uacce}:
 * discovery, queue-pair files, the seam to the kernel). Private to the bundle.
 *
 * <ul>
 * <li>this package: the Declarative Services component ({@code UacceDriver}), which devices
 * of the uacce class directory are HiSilicon ZIP devices ({@code DeviceInfo}), the devices
 * ({@code HisiZipDevice}) and the emulator the driver can start instead of real devices
 * ({@code EmulatorHost});</li>
 * <li>{@code emulator}: libwdemu, the emulated device, through JNA, and its seam (the same
 * {@code UacceSeam} the kernel is behind);</li>
 * <li>{@code qm}: the HiSilicon queue manager: a queue pair's QM set-up
 * ({@code QmQueuePair}), its SQ/CQ rings with phase bits and doorbells ({@code QmRing});</li>
 * <li>{@code zip}: hisi_zip SQEs, status codes, the software zlib/gzip framing around them,
 * stateless and stateful flows, and the platform's {@code Queue} over all of it.</li>
 * </ul>
 */
package io.warpdrive.driver.hisi_zip;
