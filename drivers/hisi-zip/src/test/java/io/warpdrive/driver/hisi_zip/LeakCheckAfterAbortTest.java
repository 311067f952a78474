package io.warpdrive.driver.hisi_zip;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * The emulated driver's leak check in teardown: a test that passes with a queue left open
 * fails for the leak, saying so; a test that is aborted half-way (an assumption did not
 * hold) with the same queue open is reported as aborted, not as a leak.
 */
class LeakCheckAfterAbortTest {

    private static Events run(String method) {
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameter("junit.jupiter.conditions.deactivate", "org.junit.*DisabledCondition")
                .selectors(selectMethod(LeakyTeardownFixture.class, method))
                .execute().testEvents();
    }

    @Test
    void aQueueLeftOpenByAPassingTestIsALeak() {
        Events events = run("passes");
        events.assertStatistics(s -> s.started(1).succeeded(0).failed(1).aborted(0));
        events.assertThatEvents().haveExactly(1,
                event(test("passes"), finishedWithFailure(message(m -> m.contains("still open at the emulated device")))));
    }

    @Test
    void anAbortedTestIsNotReportedAsALeak() {
        run("aborts").assertStatistics(s -> s.started(1).succeeded(0).failed(0).aborted(1));
    }
}
