package io.warpdrive.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.warpdrive.admin.SchedulerInfo;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.sched.QueueInfo;
import io.warpdrive.sched.QueueView;
import io.warpdrive.sched.SchedKey;
import io.warpdrive.sched.Scheduler;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Choosing a scheduling policy (issue 15, item 11): a choice by name in the engine's
 * configuration, never a change of rankings, so a later deployment means what its ranking says.
 */
class PolicyChoiceTest {

    private static Scheduler named(String name) {
        return new Scheduler() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public QueueInfo pick(SchedKey key, QueueView view) {
                return null;
            }
        };
    }

    private static String active(TestPlatform p) {
        return p.platform().schedulers().stream().filter(SchedulerInfo::active).map(SchedulerInfo::name).findFirst()
                .orElse("none");
    }

    private static Map<String, Integer> rankings(TestPlatform p) {
        Map<String, Integer> byName = new TreeMap<>();
        p.platform().schedulers().forEach(s -> byName.put(s.name(), s.ranking()));
        return byName;
    }

    @Test
    void choosingAPolicyChangesNoRankingAndRepeatedChoicesDoNotRatchet() throws Exception {
        try (TestPlatform p = new TestPlatform()) {
            p.bind(named("rr"), 10);
            p.bind(named("locality"), 20);
            assertEquals("locality", active(p));
            Map<String, Integer> before = rankings(p);
            for (int i = 0; i < 5; i++) {
                p.platform().usePolicy("rr");
                assertEquals("rr", active(p));
                p.platform().usePolicy("locality");
                assertEquals("locality", active(p));
            }
            assertEquals(before, rankings(p));
        }
    }

    @Test
    void theChoiceHoldsWhilePresentAndClearingItGivesTheRankingRuleBack() throws Exception {
        try (TestPlatform p = new TestPlatform()) {
            Scheduler rr = named("rr");
            p.bind(rr, 10);
            p.bind(named("locality"), 20);
            p.platform().usePolicy("rr");
            p.bind(named("coordinator"), 30);
            assertEquals("rr", active(p), "chosen by name, whatever the rankings");
            p.unbind(rr);
            assertEquals("coordinator", active(p), "without the chosen policy the highest ranking serves");
            p.bind(rr, 10);
            assertEquals("rr", active(p), "the choice stands when it comes back");
            p.platform().usePolicy(null);
            assertEquals("coordinator", active(p), "a deployment ranked highest serves once the choice is cleared");
        }
    }

    @Test
    void anUnknownNameIsRefusedAndTheChoiceStays() throws Exception {
        try (TestPlatform p = new TestPlatform()) {
            p.bind(named("rr"), 10);
            p.bind(named("locality"), 20);
            p.platform().usePolicy("rr");
            WdException e = assertThrows(WdException.class, () -> p.platform().usePolicy("nosuch"));
            assertEquals(WdStatus.INVALID_ARGUMENT, e.status());
            assertEquals("no scheduling policy named 'nosuch' (present: locality, rr)", e.detail());
            assertEquals("rr", active(p));
        }
    }

    @Test
    void theChoiceIsTheEnginesSchedulerPolicyKey() throws Exception {
        try (TestPlatform p = new TestPlatform()) {
            p.bind(named("rr"), 10);
            p.bind(named("locality"), 20);
            p.engine.modified(Map.of("scheduler.policy", "rr"));
            assertEquals("rr", active(p));
            p.engine.modified(Map.of());
            assertEquals("locality", active(p));
        }
    }
}
