/**
 * Linux UACCE device access, the same for every vendor's accelerator: what UADK's
 * {@code wd.c} does below the vendor drivers.
 *
 * <ul>
 * <li>{@link io.warpdrive.uacce.UacceSeam}: the one narrow interface to the operating
 * system, the char device's file operations and reads of the class directory;
 * {@link io.warpdrive.uacce.LinuxSeam} puts the kernel (libc through JNA) behind it, and a
 * vendor driver may put its device emulator behind it;</li>
 * <li>{@link io.warpdrive.uacce.DeviceScanner}: discovery in the uacce class directory
 * ({@code api}, {@code algorithms}, {@code flags}, {@code available_instances}, the region
 * sizes, the NUMA node, {@code isolate}), the vendor deciding through a
 * {@link io.warpdrive.uacce.DeviceFilter} which devices are its own;</li>
 * <li>{@link io.warpdrive.uacce.QueuePairFile}: one queue pair's fd, opened, mapped (MMIO and
 * DUS regions), started ({@code UACCE_CMD_START_Q}), waited on (poll), put
 * ({@code UACCE_CMD_PUT_Q}) and closed, with the vendor's own ioctls in between.</li>
 * </ul>
 * The ring layout, doorbell values and request formats above it are the vendor driver's.
 */
@Export
@Version("1.0.0")
package io.warpdrive.uacce;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
