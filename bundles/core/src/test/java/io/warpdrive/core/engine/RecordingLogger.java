package io.warpdrive.core.engine;

import java.lang.reflect.Proxy;
import java.util.List;
import org.osgi.service.log.Logger;

/** A log for tests that keeps the one-argument messages of one level ("warn", "info", …). */
final class RecordingLogger {
    private RecordingLogger() {
    }

    static Logger keeping(String level, List<String> messages) {
        return (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] { Logger.class },
                (proxy, method, args) -> {
                    if (method.getName().equals(level) && args != null && args.length == 1) {
                        messages.add(String.valueOf(args[0]));
                    }
                    if (method.getName().startsWith("is")) {
                        return true;
                    }
                    return method.getReturnType() == String.class ? "recording" : null;
                });
    }
}
