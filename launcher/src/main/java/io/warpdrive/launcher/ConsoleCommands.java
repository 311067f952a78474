package io.warpdrive.launcher;

import java.util.Hashtable;
import java.util.concurrent.atomic.AtomicInteger;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * Gogo commands the launcher adds to the interactive console. Gogo 1.1's own {@code exit} is
 * {@code System.exit(int)} (added by its profile), which needs an argument and bypasses a
 * clean stop; this {@code exit [code]} stops the framework instead, and the launcher exits with
 * the code (0 by default) once the framework has stopped.
 *
 * <p>Registered from the system bundle as a plain {@code Object} service with the Gogo command
 * properties; Gogo calls the public methods reflectively, so no Gogo class is needed here.
 * Scope {@code gogo}, so that the console's {@code SCOPE=gogo:*} finds it before
 * {@code system:exit}.
 */
public final class ConsoleCommands {

    private final Platform platform;
    private final AtomicInteger exitCode = new AtomicInteger(ExitCodes.OK);

    ConsoleCommands(Platform platform) {
        this.platform = platform;
    }

    ServiceRegistration<?> register(BundleContext context) {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("osgi.command.scope", "gogo");
        props.put("osgi.command.function", new String[] {"exit"});
        return context.registerService(Object.class.getName(), this, props);
    }

    /** {@code exit}: stop the platform; the launcher exits 0. */
    public void exit() {
        exit(ExitCodes.OK);
    }

    /** {@code exit CODE}: stop the platform; the launcher exits with CODE. */
    public void exit(int code) {
        exitCode.set(code);
        platform.requestStop();
    }

    int exitCode() {
        return exitCode.get();
    }
}
