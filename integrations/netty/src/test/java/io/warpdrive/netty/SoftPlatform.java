package io.warpdrive.netty;

import io.warpdrive.comp.Compressor;
import io.warpdrive.driver.soft.SoftDriver;
import io.warpdrive.testing.conformance.StartedDriver;
import io.warpdrive.testing.drivers.TestDrivers;
import io.warpdrive.testing.platform.TestPlatform;

/** The engine outside a framework, served by the soft driver: a real codec behind the API. */
final class SoftPlatform implements AutoCloseable {
    private final StartedDriver<SoftDriver> soft = TestDrivers.soft();
    private final TestPlatform platform = TestPlatform.builder().build();

    SoftPlatform() {
        platform.bind(soft.driver());
    }

    /** Takes the soft driver away, as when its bundle stops: the platform has no driver left. */
    void removeDriver() {
        platform.unbind(soft.driver());
    }

    Compressor compressor() {
        return platform.compressorFor("test.consumer");
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
