package io.warpdrive.health;

import static io.warpdrive.health.Statuses.assertStatus;
import static io.warpdrive.health.Views.driver;
import static io.warpdrive.health.Views.platform;
import static io.warpdrive.health.Views.queue;
import static io.warpdrive.health.Views.queues;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.lib.CalcType;
import io.warpdrive.lib.Driver;
import io.warpdrive.sched.QueueView;
import java.util.List;
import org.apache.felix.hc.api.Result;
import org.junit.jupiter.api.Test;

class AcceleratorServingCheckTest {

    private static Result run(QueueView queues, Driver... drivers) {
        AcceleratorServingCheck check = new AcceleratorServingCheck();
        check.platform = platform(queues);
        check.drivers = List.of(drivers);
        return check.execute();
    }

    @Test
    void okWhenAHardwareQueueServes() {
        Result r = run(queues(queue("hisi_zip", CalcType.HW, true, 8, 0), queue("soft", CalcType.SOFT, true, 8, 0)),
                driver("hisi_zip", CalcType.HW), driver("soft", CalcType.SOFT));
        assertStatus(Result.Status.OK, r);
        assertTrue(Statuses.messages(r).contains("hisi_zip=1"), Statuses.messages(r));
    }

    @Test
    void okOnCpuEnginesWhenNoHardwareDriverIsDeployed() {
        assertStatus(Result.Status.OK, run(queues(queue("soft", CalcType.SOFT, true, 8, 0)), driver("soft", CalcType.SOFT)));
    }

    @Test
    void warnWhenAHardwareDriverIsDeployedButOnlyCpuQueuesAreAvailable() {
        Result r = run(queues(queue("hisi_zip", CalcType.HW, false, 8, 0), queue("isal", CalcType.INSTR, true, 8, 0)),
                driver("hisi_zip", CalcType.HW), driver("isal", CalcType.INSTR));
        assertStatus(Result.Status.WARN, r);
        assertTrue(Statuses.messages(r).contains("[hisi_zip]"), Statuses.messages(r));
    }

    @Test
    void criticalWhenNoQueueIsAvailable() {
        assertStatus(Result.Status.CRITICAL, run(queues(queue("soft", CalcType.SOFT, false, 8, 0)), driver("soft", CalcType.SOFT)));
        assertStatus(Result.Status.CRITICAL, run(queues()));
    }
}
