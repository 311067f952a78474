package io.warpdrive.webconsole;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Wrong passwords on a fake clock: a lockout after a few, growing, ended by a correct one. */
class LoginThrottleTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final LoginThrottle throttle = new LoginThrottle(now::get);

    private void advance(long seconds) {
        now.addAndGet(TimeUnit.SECONDS.toNanos(seconds));
    }

    @Test
    void aFewWrongPasswordsAreFreeThenTheAddressIsLockedOutLongerEachTime() {
        assertEquals(LoginThrottle.Failure.BURST_STARTS, throttle.failed("10.0.0.1"));
        for (int i = 1; i < LoginThrottle.FREE_FAILURES - 1; i++) {
            assertEquals(LoginThrottle.Failure.COUNTED, throttle.failed("10.0.0.1"));
            assertEquals(0, throttle.lockedSeconds("10.0.0.1"));
        }
        throttle.failed("10.0.0.1");
        assertEquals(LoginThrottle.FIRST_LOCKOUT_SECONDS, throttle.lockedSeconds("10.0.0.1"));
        assertEquals(0, throttle.lockedSeconds("10.0.0.2"), "other addresses are not affected");
        advance(LoginThrottle.FIRST_LOCKOUT_SECONDS);
        assertEquals(0, throttle.lockedSeconds("10.0.0.1"));
        assertEquals(LoginThrottle.Failure.COUNTED, throttle.failed("10.0.0.1"), "the same burst: not logged again");
        assertEquals(2 * LoginThrottle.FIRST_LOCKOUT_SECONDS, throttle.lockedSeconds("10.0.0.1"));
        for (int i = 0; i < 20; i++) {
            throttle.failed("10.0.0.1");
        }
        assertEquals(LoginThrottle.MAX_LOCKOUT_SECONDS, throttle.lockedSeconds("10.0.0.1"));
    }

    @Test
    void aCorrectPasswordOrAQuietSpellEndsTheBurst() {
        throttle.failed("10.0.0.1");
        throttle.succeeded("10.0.0.1");
        assertEquals(LoginThrottle.Failure.BURST_STARTS, throttle.failed("10.0.0.1"));
        advance(LoginThrottle.BURST_SECONDS + 1);
        assertEquals(LoginThrottle.Failure.BURST_STARTS, throttle.failed("10.0.0.1"));
    }

    @Test
    void memoryStaysBounded() {
        for (int i = 0; i < LoginThrottle.MAX_ADDRESSES + 100; i++) {
            throttle.failed("addr-" + i);
            advance(1);
        }
        assertEquals(LoginThrottle.Failure.BURST_STARTS, throttle.failed("addr-0"), "the quietest was forgotten");
    }
}
