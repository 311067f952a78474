package io.warpdrive.health;

import static io.warpdrive.health.Statuses.assertStatus;
import static io.warpdrive.health.Views.device;
import static io.warpdrive.health.Views.driver;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.lib.CalcType;
import io.warpdrive.lib.DeviceHealth;
import io.warpdrive.lib.Driver;
import java.util.List;
import org.apache.felix.hc.api.Result;
import org.junit.jupiter.api.Test;

class DeviceHealthCheckTest {

    private static Result run(Driver... drivers) {
        DeviceHealthCheck check = new DeviceHealthCheck();
        check.drivers = List.of(drivers);
        return check.execute();
    }

    @Test
    void okWhenEveryDeviceIsOnline() {
        assertStatus(Result.Status.OK, run(driver("hisi_zip", CalcType.HW, device("hisi_zip-0", DeviceHealth.ONLINE),
                device("hisi_zip-1", DeviceHealth.ONLINE)), driver("soft", CalcType.SOFT, device("soft-0", DeviceHealth.ONLINE))));
    }

    @Test
    void warnForAQuarantinedDeviceWhileOthersServe() {
        Result r = run(driver("hisi_zip", CalcType.HW, device("hisi_zip-0", DeviceHealth.ISOLATED),
                device("hisi_zip-1", DeviceHealth.ONLINE)));
        assertStatus(Result.Status.WARN, r);
        assertTrue(Statuses.messages(r).contains("hisi_zip-0 of driver hisi_zip is ISOLATED"), Statuses.messages(r));
    }

    @Test
    void warnForADriverThatCannotServe() {
        assertStatus(Result.Status.WARN, run(Views.unavailable("isal", CalcType.INSTR, "libisal.so.2 not installed")));
    }

    @Test
    void criticalWhenNoDeviceOfADriverIsOnline() {
        assertStatus(Result.Status.CRITICAL, run(driver("hisi_zip", CalcType.HW, device("hisi_zip-0", DeviceHealth.ISOLATED),
                device("hisi_zip-1", DeviceHealth.REMOVED)), driver("soft", CalcType.SOFT, device("soft-0", DeviceHealth.ONLINE))));
    }
}
