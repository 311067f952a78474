package io.warpdrive.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.warpdrive.admin.Platform;
import io.warpdrive.admin.SchedulerInfo;
import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Compressor;
import io.warpdrive.comp.FallbackPolicy;
import io.warpdrive.comp.Operation;
import io.warpdrive.sched.QueueInfo;
import io.warpdrive.sched.QueueView;
import io.warpdrive.sched.SchedKey;
import io.warpdrive.sched.Scheduler;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;

/**
 * A policy is untrusted code: one that throws, one that returns a queue that cannot take
 * the request, and one slower than the budget, each at the highest ranking under load —
 * no request fails, the faults are counted, and the policy is demoted.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class FaultyPolicyIT {

    @Inject
    private BundleContext context;

    @Inject
    private Compressor compressor;

    @Inject
    private Platform platform;

    @Configuration
    public Option[] config() {
        return WarpDriveOptions.platform();
    }

    /** A policy that misbehaves in one way. */
    private abstract static class BadPolicy implements Scheduler {
        private final String name;

        BadPolicy(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }
    }

    @Test
    public void throwingPolicyIsCountedAndDemoted() throws Exception {
        underLoad(new BadPolicy("throwing") {
            @Override
            public QueueInfo pick(SchedKey key, QueueView view) {
                throw new IllegalStateException("a bug in a third-party policy");
            }
        });
    }

    @Test
    public void policyReturningAnUnusableQueueIsCountedAndDemoted() throws Exception {
        underLoad(new BadPolicy("wrong-queue") {
            @Override
            public QueueInfo pick(SchedKey key, QueueView view) {
                // A queue of the other direction: it can never take this request.
                for (int i = 0; i < view.size(); i++) {
                    if (view.get(i).operation() != key.operation()) {
                        return view.get(i);
                    }
                }
                return null;
            }
        });
    }

    @Test
    public void policySlowerThanItsBudgetIsCountedAndDemoted() throws Exception {
        underLoad(new BadPolicy("slow") {
            @Override
            public QueueInfo pick(SchedKey key, QueueView view) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(3)); // over the 1 ms budget
                for (int i = 0; i < view.size(); i++) {
                    if (view.get(i).canTake(key)) {
                        return view.get(i);
                    }
                }
                return null;
            }
        });
    }

    private void underLoad(BadPolicy bad) throws Exception {
        assertTrue(platform.awaitQueue(Algorithm.GZIP, Operation.COMPRESS, FallbackPolicy.AUTO,
                Duration.ofSeconds(InFramework.TIMEOUT_S)));
        Traffic traffic = new Traffic(compressor, 4);
        ServiceRegistration<Scheduler> reg = null;
        try {
            traffic.awaitProgress(20);
            Dictionary<String, Object> props = new Hashtable<>();
            props.put(Constants.SERVICE_RANKING, 1000);
            props.put("scheduler.name", bad.name());
            reg = context.registerService(Scheduler.class, bad, props);
            SchedulerInfo info = awaitDemoted(bad.name());
            assertTrue(bad.name() + " faults counted", info.faults() > 0);
            assertEquals("the default policy is active again", "priority", platform.schedulers().get(0).name());
            traffic.awaitProgress(50);
        } finally {
            if (reg != null) {
                reg.unregister();
            }
            traffic.close();
        }
        traffic.assertClean();
    }

    private SchedulerInfo awaitDemoted(String name) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(InFramework.TIMEOUT_S * 2);
        while (System.nanoTime() < deadline) {
            for (SchedulerInfo s : platform.schedulers()) {
                if (s.name().equals(name) && s.demoted()) {
                    return s;
                }
            }
            Thread.onSpinWait();
        }
        throw new AssertionError(name + " was not demoted");
    }
}
