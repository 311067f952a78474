package io.warpdrive.lib;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The {@link DeviceListener}s of one driver: what a driver's
 * {@link Driver#addDeviceListener} and {@link Driver#removeDeviceListener} keep, and who
 * is told when its devices change. Safe to use from any thread; telling does not lock.
 *
 * @since 1.3
 */
public final class DeviceListeners {
    private final List<DeviceListener> listeners = new CopyOnWriteArrayList<>();
    private final Consumer<RuntimeException> onFailure;

    /** @param onFailure told of a listener that threw (the others are still told), e.g. to log it */
    public DeviceListeners(Consumer<RuntimeException> onFailure) {
        this.onFailure = onFailure;
    }

    public void add(DeviceListener listener) {
        listeners.add(listener);
    }

    public void remove(DeviceListener listener) {
        listeners.remove(listener);
    }

    /** Tells every listener that {@code driver}'s devices changed. */
    public void devicesChanged(Driver driver) {
        for (DeviceListener l : listeners) {
            try {
                l.devicesChanged(driver);
            } catch (RuntimeException e) {
                onFailure.accept(e);
            }
        }
    }
}
