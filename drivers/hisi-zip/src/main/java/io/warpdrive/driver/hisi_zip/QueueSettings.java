package io.warpdrive.driver.hisi_zip;

/**
 * How this driver sets up queues.
 *
 * @param fallbackDepth SQ/CQ depth when the kernel does not answer SET_QP_INFO (UADK: 1024)
 * @param maxSqeBytes the most input or output one SQE carries; larger requests are split
 */
record QueueSettings(int fallbackDepth, int maxSqeBytes) {
}
