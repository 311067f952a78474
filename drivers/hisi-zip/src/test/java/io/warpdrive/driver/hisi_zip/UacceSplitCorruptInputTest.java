package io.warpdrive.driver.hisi_zip;

import io.warpdrive.testing.conformance.CorruptInputConformance;
import io.warpdrive.testing.conformance.DriverUnderTest;
import java.util.Map;

/**
 * The conformance kit's CorruptInputConformance against the hisi_zip driver with SQEs of at most
 * 4 KiB: every request larger than that is split into stateful SQEs (a stateless one with
 * the slot's scratch stream context), so the splitting is held to the same contract.
 */
class UacceSplitCorruptInputTest extends CorruptInputConformance {
    @Override
    protected DriverUnderTest openDriver() {
        return UacceDriverUnderTest.emulating(1, "api=hisi_qm_v3;depth=128", Map.of("sqe.max.kb", 4));
    }
}
