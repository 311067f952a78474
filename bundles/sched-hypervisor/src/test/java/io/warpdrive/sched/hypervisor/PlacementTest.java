package io.warpdrive.sched.hypervisor;

import static io.warpdrive.comp.Operation.COMPRESS;
import static io.warpdrive.comp.Operation.DECOMPRESS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.comp.FallbackPolicy;
import io.warpdrive.lib.CalcType;
import io.warpdrive.sched.QueueInfo;
import io.warpdrive.testing.sched.SyntheticView;
import java.lang.management.ManagementFactory;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Where requests go: a context's own queues, the remainder, nowhere while a queue moves. */
class PlacementTest {

    /** 6 CPU queues per direction, two contexts of 2 and the remainder. */
    private static Fixture twoContexts() {
        return twoContexts("soft", CalcType.SOFT);
    }

    /** 6 queues per direction of one driver, two contexts of 2 and the remainder. */
    private static Fixture twoContexts(String driver, CalcType type) {
        Fixture f = new Fixture().queues(driver, type, type.isHardware() ? 100 : 0, 6);
        f.context(Fixture.spec("a").queues(2)).context(Fixture.spec("b").queues(2).remainder());
        f.tick();
        return f;
    }

    @Test
    void contextsStartWithTheirSizeAndTheRestIsTheRemainder() {
        Fixture f = twoContexts();
        assertEquals(2, f.owned("a", COMPRESS).size());
        assertEquals(2, f.owned("b", DECOMPRESS).size());
        Set<QueueInfo> a = new HashSet<>(f.owned("a", COMPRESS));
        assertTrue(f.owned("b", COMPRESS).stream().noneMatch(a::contains));
    }

    @Test
    void equalSharesSplitTheQueues() {
        Fixture f = new Fixture().queues("hw", CalcType.HW, 100, 4).queues("soft", CalcType.SOFT, 0, 8);
        f.context(Fixture.spec("x")).context(Fixture.spec("y")).context(Fixture.spec("z"));
        f.tick();
        for (String c : List.of("x", "y", "z")) {
            List<SyntheticView.Q> own = f.owned(c, COMPRESS);
            assertEquals(4, own.size(), c);
            assertTrue(own.stream().anyMatch(q -> q.type == CalcType.HW), c + " has hardware and CPU queues");
            assertTrue(own.stream().anyMatch(q -> q.type == CalcType.SOFT), c + " has hardware and CPU queues");
        }
    }

    @Test
    void aHardwareOnlyRequestGoesOnlyToItsContextsQueuesAndWaitsWhenTheyAreFull() {
        Fixture f = twoContexts("hw", CalcType.HW);
        SyntheticView.Key a = Fixture.key("a", COMPRESS);
        a.fallback = FallbackPolicy.HARDWARE_ONLY;
        List<SyntheticView.Q> own = f.owned("a", COMPRESS);
        for (int i = 0; i < 50; i++) {
            QueueInfo q = f.assignment().pick(a, f.view);
            assertTrue(own.contains(q), "picked " + q);
            ((SyntheticView.Q) q).inFlight++;
            if (own.stream().allMatch(x -> x.inFlight >= x.depth)) {
                break;
            }
        }
        assertNull(f.assignment().pick(a, f.view), "full: the request waits rather than go elsewhere");
        for (SyntheticView.Q q : f.view.queues) {
            if (q.operation == COMPRESS) {
                assertEquals(own.contains(q), f.assignment().admits(a, q), "admits " + q);
            }
        }
    }

    @Test
    void withinItsContextTheSoonestFinishWinsAndOtherContextsQueuesStayOutOfReach() {
        Fixture f = new Fixture().queues("hw", CalcType.HW, 100, 4).queues("soft", CalcType.SOFT, 0, 8);
        f.context(Fixture.spec("x")).context(Fixture.spec("y")).context(Fixture.spec("z"));
        f.tick();
        List<SyntheticView.Q> own = f.owned("x", COMPRESS);
        for (SyntheticView.Q q : f.view.queues) {
            boolean fastest = !own.contains(q) && q.type == CalcType.SOFT;
            q.predicts(fastest ? 1 : q.type == CalcType.SOFT ? 20 : 50, 10);
        }
        QueueInfo picked = f.assignment().pick(Fixture.key("x", COMPRESS), f.view);
        assertTrue(own.contains(picked), "the context's own queues only: " + picked);
        assertEquals(CalcType.SOFT, picked.calcType(), "and among them the soonest finish, over driver priority");
    }

    @Test
    void aContextThatUsesTheRemainderGoesThereWhenItsOwnAreFull() {
        Fixture f = twoContexts();
        SyntheticView.Key b = Fixture.key("b", COMPRESS);
        for (SyntheticView.Q q : f.owned("b", COMPRESS)) {
            q.inFlight = q.depth;
        }
        QueueInfo q = f.assignment().pick(b, f.view);
        assertEquals(Assignment.REMAINDER, f.assignment().ownerOf(q));
        assertFalse(f.owned("a", COMPRESS).contains(q));
    }

    /** Two hardware and two CPU queues per direction, split equally: each context one of each. */
    private static Fixture hardwareAndCpuSplit() {
        Fixture f = new Fixture().queues("hw", CalcType.HW, 100, 2).queues("soft", CalcType.SOFT, 0, 2);
        f.context(Fixture.spec("a").queues(2)).context(Fixture.spec("b").queues(2));
        f.tick();
        return f;
    }

    /**
     * Contexts confine the hardware, not AUTO's way out: with its own queues full an AUTO request
     * takes a CPU queue of another context (never its hardware), and a HARDWARE_ONLY one waits.
     */
    @Test
    void anAutoRequestWhoseQueuesAreFullFallsBackToTheCpuWhoeverOwnsIt() {
        Fixture f = hardwareAndCpuSplit();
        List<SyntheticView.Q> own = f.owned("a", COMPRESS);
        SyntheticView.Key auto = Fixture.key("a", COMPRESS);
        for (SyntheticView.Q q : own) {
            q.inFlight = q.depth;
        }
        QueueInfo fallback = f.assignment().pick(auto, f.view);
        assertEquals(CalcType.SOFT, fallback.calcType(), "AUTO falls back to the CPU: " + fallback);
        assertFalse(own.contains(fallback), "a CPU queue the context does not own: " + fallback);
        for (SyntheticView.Q q : f.view.queues) {
            if (q.operation == COMPRESS && !own.contains(q)) {
                assertEquals(q.type == CalcType.SOFT, f.assignment().admits(auto, q),
                        "AUTO is admitted to every CPU queue and no other context's hardware: " + q);
            }
        }
        SyntheticView.Key hardwareOnly = Fixture.key("a", COMPRESS);
        hardwareOnly.fallback = FallbackPolicy.HARDWARE_ONLY;
        assertNull(f.assignment().pick(hardwareOnly, f.view), "HARDWARE_ONLY waits for the context's hardware");
        for (SyntheticView.Q q : f.owned("b", COMPRESS)) {
            q.inFlight = q.depth;
        }
        assertNull(f.assignment().pick(auto, f.view), "every CPU queue full too: AUTO waits for the CPU");
    }

    @Test
    void anAutoRequestGoesToItsOwnQueuesWhileTheyHaveRoom() {
        Fixture f = hardwareAndCpuSplit();
        List<SyntheticView.Q> own = f.owned("a", COMPRESS);
        SyntheticView.Key auto = Fixture.key("a", COMPRESS);
        for (int i = 0; i < 8; i++) { // the context's two queues of depth 4
            QueueInfo q = f.assignment().pick(auto, f.view);
            assertTrue(own.contains(q), "own queues first: " + q);
            ((SyntheticView.Q) q).inFlight++;
        }
        assertFalse(own.contains(f.assignment().pick(auto, f.view)));
    }

    @Test
    void requestsOfNoContextUseTheRemainderOrAnyQueueWhenThereIsNone() {
        Fixture f = twoContexts("hw", CalcType.HW);
        SyntheticView.Key outsider = Fixture.key(null, COMPRESS);
        outsider.fallback = FallbackPolicy.HARDWARE_ONLY;
        for (int i = 0; i < 8; i++) { // two remainder queues of depth 4
            QueueInfo q = f.assignment().pick(outsider, f.view);
            assertEquals(Assignment.REMAINDER, f.assignment().ownerOf(q));
            ((SyntheticView.Q) q).inFlight++;
        }
        assertNull(f.assignment().pick(outsider, f.view), "the remainder is full: wait");
        Fixture all = new Fixture().queues("hw", CalcType.HW, 100, 2);
        all.context(Fixture.spec("a")).tick();
        assertTrue(all.assignment().pick(outsider, all.view) != null, "no remainder: any queue");
    }

    @Test
    void tagsWinOverConsumerPatterns() {
        Fixture f = new Fixture().queues("soft", CalcType.SOFT, 0, 4);
        f.context(Fixture.spec("batch").consumers("com.example.*")).context(Fixture.spec("video"));
        f.tick();
        SyntheticView.Key byBundle = Fixture.key(null, COMPRESS);
        byBundle.consumer = "com.example.reports";
        assertTrue(f.owned("batch", COMPRESS).contains(f.assignment().pick(byBundle, f.view)));
        SyntheticView.Key tagged = Fixture.key("video", COMPRESS);
        tagged.consumer = "com.example.reports";
        assertTrue(f.owned("video", COMPRESS).contains(f.assignment().pick(tagged, f.view)));
    }

    @Test
    void aStreamBoundToADriverItsContextHasNoQueueOfIsNotStranded() {
        Fixture f = new Fixture().queues("hw", CalcType.HW, 100, 1).queues("soft", CalcType.SOFT, 0, 1);
        f.context(Fixture.spec("a").queues(1)).context(Fixture.spec("b").queues(1));
        f.tick();
        String aDriver = f.owned("a", COMPRESS).get(0).driver;
        String other = aDriver.equals("hw") ? "soft" : "hw";
        SyntheticView.Key stream = Fixture.key("a", COMPRESS);
        stream.requiredDriver = other;
        QueueInfo q = f.assignment().pick(stream, f.view);
        assertEquals(other, q.driver());
        assertTrue(f.assignment().admits(stream, q));
    }

    @Test
    void aSessionFindsItsContextOnceAndAgainAfterTheContextsChange() {
        Fixture f = twoContexts();
        SyntheticView.Key a = Fixture.key("a", COMPRESS);
        f.assignment().pick(a, f.view);
        Object membership = a.session.policyState();
        f.assignment().pick(a, f.view);
        assertSame(membership, a.session.policyState());
        f.replace(Fixture.spec("a").queues(3));
        f.tick();
        f.assignment().pick(a, f.view);
        assertTrue(membership != a.session.policyState(), "re-matched after a configuration change");
    }

    @Test
    void pickAndAdmitsAllocateNothingOnceTheSessionIsKnown() {
        Fixture f = twoContexts();
        SyntheticView.Key a = Fixture.key("a", COMPRESS);
        Assignment assignment = f.assignment();
        QueueInfo any = f.view.get(0);
        assignment.pick(a, f.view);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        for (int warm = 0; warm < 20_000; warm++) {
            assignment.pick(a, f.view);
            assignment.admits(a, any);
        }
        long before = threads.getThreadAllocatedBytes(id);
        for (int i = 0; i < 100_000; i++) {
            assignment.pick(a, f.view);
            assignment.admits(a, any);
        }
        long allocated = threads.getThreadAllocatedBytes(id) - before;
        assertTrue(allocated < 10_000, allocated + " bytes allocated by 100000 picks");
    }

    @Test
    void withoutContextsEveryQueueIsOpenToEveryone() {
        Fixture f = new Fixture().queues("soft", CalcType.SOFT, 0, 2);
        f.tick();
        SyntheticView.Key k = Fixture.key("a", COMPRESS);
        assertTrue(f.assignment().pick(k, f.view) != null);
        for (SyntheticView.Q q : f.view.queues) {
            assertTrue(f.assignment().admits(k, q));
        }
    }
}
