package io.warpdrive.webconsole;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Slows password guessing down: after {@value #FREE_FAILURES} wrong passwords in a row from one
 * address, that address is locked out — every change refused without looking at the password —
 * for {@value #FIRST_LOCKOUT_SECONDS} s, doubling with each further failure up to
 * {@value #MAX_LOCKOUT_SECONDS} s. A correct password ends the burst. A burst also ends after a
 * quiet {@value #BURST_SECONDS} s without failures. The console logs one line per burst (at its
 * first failure), not one per attempt.
 */
final class LoginThrottle {
    static final int FREE_FAILURES = 5;
    static final long FIRST_LOCKOUT_SECONDS = 30;
    static final long MAX_LOCKOUT_SECONDS = 900;
    static final long BURST_SECONDS = 900;
    /** Addresses remembered at most; the quietest are forgotten first, so memory stays bounded. */
    static final int MAX_ADDRESSES = 4096;

    /** What a failure means for the log. */
    enum Failure {
        /** The first failure of a burst from this address: worth one line. */
        BURST_STARTS,
        /** A further failure of a burst already reported. */
        COUNTED
    }

    private static final class Burst {
        int failures;
        long lastFailureNanos;
        long lockedUntilNanos;
    }

    private final LongSupplier nanoTime;
    private final Map<String, Burst> bursts = new HashMap<>();

    LoginThrottle(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** Seconds {@code address} must still wait before a change is considered, or 0. */
    synchronized long lockedSeconds(String address) {
        Burst b = bursts.get(address);
        if (b == null) {
            return 0;
        }
        long left = b.lockedUntilNanos - nanoTime.getAsLong();
        return left <= 0 ? 0 : Math.max(1, TimeUnit.NANOSECONDS.toSeconds(left + TimeUnit.SECONDS.toNanos(1) - 1));
    }

    /** Records a wrong password from {@code address}. */
    synchronized Failure failed(String address) {
        long now = nanoTime.getAsLong();
        Burst b = bursts.get(address);
        boolean starts = b == null || now - b.lastFailureNanos > TimeUnit.SECONDS.toNanos(BURST_SECONDS);
        if (starts) {
            forgetQuietest(now);
            b = new Burst();
            bursts.put(address, b);
        }
        b.failures++;
        b.lastFailureNanos = now;
        if (b.failures >= FREE_FAILURES) {
            int beyond = Math.min(30, b.failures - FREE_FAILURES);
            long seconds = Math.min(MAX_LOCKOUT_SECONDS, FIRST_LOCKOUT_SECONDS << beyond);
            b.lockedUntilNanos = now + TimeUnit.SECONDS.toNanos(seconds);
        }
        return starts ? Failure.BURST_STARTS : Failure.COUNTED;
    }

    /** A correct password from {@code address} ends its burst. */
    synchronized void succeeded(String address) {
        bursts.remove(address);
    }

    private void forgetQuietest(long now) {
        for (Iterator<Burst> it = bursts.values().iterator(); it.hasNext();) {
            Burst b = it.next();
            if (now - b.lastFailureNanos > TimeUnit.SECONDS.toNanos(BURST_SECONDS) && now - b.lockedUntilNanos > 0) {
                it.remove();
            }
        }
        if (bursts.size() >= MAX_ADDRESSES) {
            String quietest = null;
            long oldest = Long.MAX_VALUE;
            for (Map.Entry<String, Burst> e : bursts.entrySet()) {
                if (e.getValue().lastFailureNanos - now < oldest) {
                    oldest = e.getValue().lastFailureNanos - now;
                    quietest = e.getKey();
                }
            }
            bursts.remove(quietest);
        }
    }
}
