package io.warpdrive.uacce;

/**
 * A device in the uacce class directory that this driver does not use, and why (not a
 * HiSilicon QM, no deflate-family algorithm, no SVA, unreadable attributes).
 */
record SkippedDevice(String name, String reason) {
}
