package io.warpdrive.comp;

/**
 * The caller's choice of priority within its class. Whether the caller is a system or
 * a third-party consumer is decided by the platform from the consumer bundle's
 * identity, never by the caller.
 */
public enum Priority {
    HIGH,
    LOW
}
