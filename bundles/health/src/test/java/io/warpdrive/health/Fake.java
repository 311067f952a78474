package io.warpdrive.health;

import java.lang.reflect.Proxy;
import java.util.Map;

/**
 * A read-only view of the platform for the checks' tests: an implementation of {@code type} whose
 * methods answer from {@code answers} by method name; any other call fails the test.
 */
final class Fake {
    private Fake() {
    }

    static <T> T of(Class<T> type, Map<String, ?> answers) {
        return type.cast(Proxy.newProxyInstance(Fake.class.getClassLoader(), new Class<?>[] {type}, (p, m, args) -> {
            if (m.getName().equals("toString")) {
                return type.getSimpleName() + answers;
            }
            if (!answers.containsKey(m.getName())) {
                throw new AssertionError(type.getSimpleName() + "." + m.getName() + " is not part of this fake");
            }
            return answers.get(m.getName());
        }));
    }
}
