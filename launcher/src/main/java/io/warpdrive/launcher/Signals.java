package io.warpdrive.launcher;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.function.Consumer;

/**
 * Signals the launcher handles itself: SIGTERM stops the interactive platform cleanly (exit 0,
 * like 'exit' in the shell; Ctrl-C there belongs to the console, which stops the running
 * command); SIGTERM and SIGINT stop a service after its drain. Without this the JVM would still
 * run the shutdown hook (which also stops the platform and waits) but exit with 130/143.
 *
 * <p>Uses {@code sun.misc.Signal} (module jdk.unsupported, present in every OpenJDK build),
 * through reflection so that the build has no "internal proprietary API" warnings and a JVM
 * without it simply keeps the default behaviour.
 */
final class Signals {

    private Signals() {
    }

    /**
     * Runs {@code action} with the signal's name ({@code "TERM"}, ...) on each of the signals named.
     *
     * @return whether every handler is installed
     */
    static boolean on(Consumer<String> action, String... names) {
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            Constructor<?> newSignal = signalClass.getConstructor(String.class);
            Method handle = signalClass.getMethod("handle", signalClass, handlerClass);
            Object handler = Proxy.newProxyInstance(Signals.class.getClassLoader(), new Class<?>[] {handlerClass},
                    (proxy, method, args) -> {
                        if (method.getName().equals("handle")) {
                            action.accept(String.valueOf(args[0].getClass().getMethod("getName").invoke(args[0])));
                            return null;
                        }
                        return switch (method.getName()) {
                            case "hashCode" -> System.identityHashCode(proxy);
                            case "equals" -> proxy == args[0];
                            default -> "warpdrive-signal-handler";
                        };
                    });
            boolean all = true;
            for (String name : names) {
                try {
                    handle.invoke(null, newSignal.newInstance(name), handler);
                } catch (ReflectiveOperationException | IllegalArgumentException e) {
                    all = false; // e.g. "Signal already used by VM or OS"
                }
            }
            return all;
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return false;
        }
    }
}
