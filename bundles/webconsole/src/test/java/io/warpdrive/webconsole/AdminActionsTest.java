package io.warpdrive.webconsole;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.warpdrive.admin.Platform;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.lib.QueueMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class AdminActionsTest {
    private final List<List<Object>> calls = new ArrayList<>();
    private final Platform platform = Stubs.of(Platform.class,
            "usePolicy", (Function<Object[], Object>) a -> {
                if (a[0].equals("nope")) {
                    throw new WdException(WdStatus.INVALID_ARGUMENT, "no scheduling policy named 'nope'");
                }
                calls.add(List.of("use", a[0]));
                return 11;
            },
            "setQueueCount", (Function<Object[], Object>) a -> {
                calls.add(Arrays.asList(a));
                return null;
            });
    private final AdminActions actions = new AdminActions(platform);

    @Test
    void usePolicyAnswersLikeTheShell() {
        assertEquals("active scheduling policy: rr (chosen by name)", actions.usePolicy(" rr "));
        assertEquals(List.of(List.of("use", "rr")), calls);
    }

    @Test
    void platformRefusalsPassThroughWithTheirStatus() {
        WdException e = assertThrows(WdException.class, () -> actions.usePolicy("nope"));
        assertEquals(WdStatus.INVALID_ARGUMENT, e.status());
        assertEquals("no scheduling policy named 'nope'", e.detail());
    }

    @Test
    void queueCounts() {
        assertEquals("3 shared queues per direction on every device of soft (saved; applied live)",
                actions.setQueueCount("soft", "", null, "3"));
        assertEquals("1 async queues per direction on soft-0 (saved; applied live)",
                actions.setQueueCount("soft", "soft-0", "ASYNC", " 1"));
        assertEquals(List.of(Arrays.asList("soft", null, QueueMode.SHARED, 3),
                Arrays.asList("soft", "soft-0", QueueMode.ASYNC, 1)), calls);
    }

    @Test
    void badInputIsInvalidArgumentAndChangesNothing() {
        for (String[] bad : new String[][] {{"soft", null, "shared", "x"}, {"soft", null, "turbo", "1"},
                {"", null, "shared", "1"}, {"soft", null, "shared", null}}) {
            WdException e = assertThrows(WdException.class, () -> actions.setQueueCount(bad[0], bad[1], bad[2], bad[3]));
            assertEquals(WdStatus.INVALID_ARGUMENT, e.status(), Arrays.toString(bad));
        }
        assertThrows(WdException.class, () -> actions.usePolicy(" "));
        assertEquals(List.of(), calls);
    }
}
