package io.warpdrive.driver.isal;

import io.warpdrive.testing.conformance.DriverUnderTest;
import io.warpdrive.testing.conformance.PresetDictionaryConformance;

/** The conformance kit's PresetDictionaryConformance, run against the isal driver. */
class IsalPresetDictionaryTest extends PresetDictionaryConformance {
    @Override
    protected DriverUnderTest openDriver() {
        return IsalDriverUnderTest.start();
    }
}
