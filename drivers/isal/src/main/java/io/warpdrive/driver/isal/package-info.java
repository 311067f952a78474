/**
 * The isal driver: queues served on the CPU by Intel ISA-L's igzip through JNA, calc type
 * INSTR, between the hardware drivers and the soft driver. Private to the bundle.
 *
 * <p>The driver, devices, queues and workers are the soft driver's design (a worker ring,
 * sync jobs on the caller's thread); the codec layer ({@link io.warpdrive.driver.isal.IsalCodec}
 * for stateless jobs, {@link io.warpdrive.driver.isal.IsalStream} for streams) writes and
 * parses gzip and zlib framing with {@code io.warpdrive.lib.format} around igzip's raw
 * deflate. Everything native goes through the seam in {@code io.warpdrive.driver.isal.igzip}.
 */
package io.warpdrive.driver.isal;
