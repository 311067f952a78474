package io.warpdrive.health;

import static io.warpdrive.health.Statuses.assertStatus;
import static io.warpdrive.health.Views.platform;
import static io.warpdrive.health.Views.policy;
import static io.warpdrive.health.Views.queues;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.admin.SchedulerInfo;
import org.apache.felix.hc.api.Result;
import org.junit.jupiter.api.Test;

class DemotedPolicyCheckTest {

    private static Result run(SchedulerInfo... policies) {
        DemotedPolicyCheck check = new DemotedPolicyCheck();
        check.platform = platform(queues(), policies);
        return check.execute();
    }

    @Test
    void okWhenNoPolicyIsDemoted() {
        assertStatus(Result.Status.OK, run(policy("priority", true, false, 0), policy("rr", false, false, 0)));
        assertStatus(Result.Status.OK, run());
    }

    @Test
    void warnNamesTheDemotedPolicyAndWhoServesInstead() {
        Result r = run(policy("faulty", false, true, 12), policy("priority", true, false, 0));
        assertStatus(Result.Status.WARN, r);
        assertTrue(Statuses.messages(r).contains("faulty (12 faults)"), Statuses.messages(r));
        assertTrue(Statuses.messages(r).contains("priority serves"), Statuses.messages(r));
    }

    @Test
    void criticalWhenEveryPolicyIsDemoted() {
        assertStatus(Result.Status.CRITICAL, run(policy("faulty", false, true, 3)));
    }
}
