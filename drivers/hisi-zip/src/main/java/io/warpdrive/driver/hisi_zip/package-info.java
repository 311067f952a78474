/**
 * The hisi_zip driver: HiSilicon ZIP accelerators through the Linux UACCE interface, in
 * user space, as UADK does it in C. Private to the bundle.
 *
 * <ul>
 * <li>this package: the Declarative Services component ({@code UacceDriver}), discovery of
 * devices in the uacce class directory ({@code DeviceScanner}), the devices
 * ({@code HisiZipDevice}) and the emulator the driver can start instead of real devices;</li>
 * <li>{@code seam}: the one narrow interface to the operating system ({@code UacceSeam}),
 * with the Linux kernel (libc through JNA) and libwdemu (the emulated device) behind it;</li>
 * <li>{@code qm}: the HiSilicon queue manager: a queue pair's lifecycle
 * ({@code QueuePairFile}), its SQ/CQ rings with phase bits and doorbells ({@code QmRing});</li>
 * <li>{@code zip}: hisi_zip SQEs, status codes, the software zlib/gzip framing around them,
 * stateless and stateful flows, and the platform's {@code Queue} over all of it.</li>
 * </ul>
 */
package io.warpdrive.driver.hisi_zip;
