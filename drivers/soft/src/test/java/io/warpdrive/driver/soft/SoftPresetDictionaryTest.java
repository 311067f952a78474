package io.warpdrive.driver.soft;

import io.warpdrive.testing.conformance.DriverUnderTest;
import io.warpdrive.testing.conformance.PresetDictionaryConformance;

/** The conformance kit's PresetDictionaryConformance, run against the soft driver. */
class SoftPresetDictionaryTest extends PresetDictionaryConformance {
    @Override
    protected DriverUnderTest openDriver() {
        return SoftDriverUnderTest.start();
    }
}
