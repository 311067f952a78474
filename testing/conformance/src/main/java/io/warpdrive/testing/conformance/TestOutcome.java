package io.warpdrive.testing.conformance;

import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.TestAbortedException;

/**
 * Tells an {@code @AfterEach} teardown whether the test it follows was aborted (an assumption
 * did not hold, so it stopped half-way and left what it opened open). A teardown that checks
 * for leaks still fails a test that passed or failed with something left open, but does not
 * report an aborted one as a leak. Register it on the test class with
 * {@code @ExtendWith(TestOutcome.class)}; without it, {@link #aborted()} is always false.
 */
public final class TestOutcome implements BeforeTestExecutionCallback, AfterTestExecutionCallback {
    // JUnit runs a test method, its after-execution callbacks and its @AfterEach methods on one thread.
    private static final ThreadLocal<Boolean> ABORTED = ThreadLocal.withInitial(() -> false);

    @Override
    public void beforeTestExecution(ExtensionContext context) {
        ABORTED.set(false);
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        ABORTED.set(context.getExecutionException().filter(TestAbortedException.class::isInstance).isPresent());
    }

    /** Whether the test that just ran on this thread was aborted. */
    public static boolean aborted() {
        return ABORTED.get();
    }
}
