package io.warpdrive.health;

import static io.warpdrive.health.Statuses.assertStatus;
import static io.warpdrive.health.Views.platform;
import static io.warpdrive.health.Views.queue;
import static io.warpdrive.health.Views.queues;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.lib.CalcType;
import io.warpdrive.sched.QueueView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.felix.hc.api.Result;
import org.junit.jupiter.api.Test;

class QueueSaturationCheckTest {
    private final List<String> warnings = new ArrayList<>();

    private QueueSaturationCheck check(QueueView queues, Map<String, Object> config) {
        QueueSaturationCheck check = new QueueSaturationCheck();
        check.logger = Views.logger(warnings);
        check.platform = platform(queues);
        check.configure(config);
        return check;
    }

    @Test
    void okBelowTheThreshold() {
        Result r = check(queues(queue("hisi_zip", CalcType.HW, true, 8, 2), queue("soft", CalcType.SOFT, true, 8, 0)), Map.of())
                .execute();
        assertStatus(Result.Status.OK, r);
        assertTrue(Statuses.messages(r).contains("2 of 16 slots of 2 available queues"), Statuses.messages(r));
    }

    @Test
    void warnAtTheThresholdAndUnavailableQueuesDoNotCount() {
        QueueView view = queues(queue("hisi_zip", CalcType.HW, true, 8, 7), queue("soft", CalcType.SOFT, true, 2, 2),
                queue("isal", CalcType.INSTR, false, 64, 0));
        assertStatus(Result.Status.WARN, check(view, Map.of()).execute());
        assertStatus(Result.Status.OK, check(view, Map.of("saturation.warn", "0.95")).execute());
    }

    @Test
    void criticalWhenNoAvailableQueueHasRoom() {
        assertStatus(Result.Status.CRITICAL,
                check(queues(queue("hisi_zip", CalcType.HW, true, 8, 8), queue("soft", CalcType.SOFT, true, 2, 2)), Map.of())
                        .execute());
    }

    @Test
    void okWithoutQueues() {
        assertStatus(Result.Status.OK, check(queues(), Map.of()).execute());
    }

    @Test
    void aThresholdOutOfRangeIsRefusedAndTheLastGoodOneStays() {
        QueueSaturationCheck check = check(queues(queue("soft", CalcType.SOFT, true, 10, 6)), Map.of("saturation.warn", "0.5"));
        assertStatus(Result.Status.WARN, check.execute());
        check.configure(Map.of("saturation.warn", "1.5"));
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("saturation.warn='1.5' refused"), warnings.toString());
        assertStatus(Result.Status.WARN, check.execute());
    }
}
