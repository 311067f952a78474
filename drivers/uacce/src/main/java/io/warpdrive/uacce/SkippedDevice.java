package io.warpdrive.uacce;

/**
 * A device in the uacce class directory that a scan does not offer, and why (not the
 * vendor driver's, no SVA, unreadable attributes).
 */
public record SkippedDevice(String name, String reason) {
}
