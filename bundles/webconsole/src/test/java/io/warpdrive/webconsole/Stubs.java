package io.warpdrive.webconsole;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Test doubles of the platform's interfaces without writing every method: a proxy answers a
 * method from the map by name (a value, or a function of the arguments), and fails on any
 * other, so a test names exactly what the code under test reads.
 */
final class Stubs {
    private Stubs() {
    }

    static <T> T of(Class<T> type, Object... namesAndAnswers) {
        Map<String, Object> answers = new HashMap<>();
        for (int k = 0; k < namesAndAnswers.length; k += 2) {
            answers.put((String) namesAndAnswers[k], namesAndAnswers[k + 1]);
        }
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
            String name = method.getName();
            if (answers.containsKey(name)) {
                Object a = answers.get(name);
                if (a instanceof Function<?, ?> f) {
                    @SuppressWarnings("unchecked")
                    Function<Object[], Object> g = (Function<Object[], Object>) f;
                    return g.apply(args == null ? new Object[0] : args);
                }
                return a;
            }
            switch (name) {
                case "toString":
                    return type.getSimpleName() + "-stub";
                case "hashCode":
                    return System.identityHashCode(self);
                case "equals":
                    return self == args[0];
                default:
                    if (method.isDefault()) {
                        return java.lang.reflect.InvocationHandler.invokeDefault(self, method, args);
                    }
                    throw new UnsupportedOperationException(type.getSimpleName() + "." + name + " is not stubbed");
            }
        });
        return type.cast(proxy);
    }
}
