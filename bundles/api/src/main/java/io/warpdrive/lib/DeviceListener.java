package io.warpdrive.lib;

import org.osgi.annotation.versioning.ConsumerType;

/** Told when a driver's set of devices, or a device's health, changes. */
@ConsumerType
@FunctionalInterface
public interface DeviceListener {
    void devicesChanged(Driver driver);
}
