package io.warpdrive.sched.coordinator;

/**
 * The bundle a tune belongs to, and its class as the platform decided it from the bundle's
 * identity when the tune was asked for.
 */
final class Owner {
    final String symbolicName;
    final long bundleId;
    final boolean system;

    Owner(String symbolicName, long bundleId, boolean system) {
        this.symbolicName = symbolicName;
        this.bundleId = bundleId;
        this.system = system;
    }

    @Override
    public String toString() {
        return symbolicName + " [" + bundleId + "]";
    }
}
