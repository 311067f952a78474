package io.warpdrive.testing.drivers;

import io.warpdrive.comp.Compressor;
import io.warpdrive.driver.soft.SoftDriver;
import io.warpdrive.testing.conformance.StartedDriver;
import io.warpdrive.testing.platform.TestPlatform;

/**
 * The engine outside a framework, served by the soft driver: a real codec behind the API, for
 * tests of what is built on it (the integrations').
 */
public final class SoftPlatform implements AutoCloseable {
    private final StartedDriver<SoftDriver> soft = TestDrivers.soft();
    private final TestPlatform platform = TestPlatform.builder().build();

    public SoftPlatform() {
        platform.bind(soft.driver());
    }

    /** The Compressor of a consumer bundle. */
    public Compressor compressor() {
        return platform.compressorFor("test.consumer");
    }

    /** Takes the soft driver away, as when its bundle stops: the platform has no driver left. */
    public void removeDriver() {
        platform.unbind(soft.driver());
    }

    @Override
    public void close() throws Exception {
        try {
            platform.close();
        } finally {
            soft.close();
        }
    }
}
