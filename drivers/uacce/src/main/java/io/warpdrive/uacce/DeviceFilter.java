package io.warpdrive.uacce;

import java.util.List;

/**
 * The vendor driver's part of a scan: which devices of the uacce class directory are its
 * own, judged from what the kernel says they speak and do.
 */
@FunctionalInterface
public interface DeviceFilter {
    /**
     * Why the device is not the driver's, or null when it is.
     *
     * @param api the device's {@code api} attribute
     * @param algorithms its {@code algorithms}, one per line; empty when unreadable
     */
    String refusal(String api, List<String> algorithms);
}
