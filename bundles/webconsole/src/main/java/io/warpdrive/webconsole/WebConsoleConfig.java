package io.warpdrive.webconsole;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of the web console (PID {@value WebConsole#PID}, e.g.
 * {@code conf/io.warpdrive.webconsole.cfg}). {@code enabled}, {@code port} and {@code host}
 * are read by the launcher when it starts, because they decide whether and where the HTTP
 * service runs; the others apply live.
 */
@ObjectClassDefinition(name = "WarpDrive web console",
        description = "A page with the drivers, devices, queues, scheduling policies, per-consumer usage and live load "
                + "of the platform; swaps the active policy and changes queue counts with the credentials below.")
@interface WebConsoleConfig {

    @AttributeDefinition(name = "Enabled",
            description = "Read by warpdrive.jar at start: with this configuration in conf/, the launcher starts the "
                    + "HTTP service and the console unless this is false (its --web option starts them anyway).")
    boolean enabled() default true;

    @AttributeDefinition(name = "Port", description = "TCP port of the HTTP service, read by warpdrive.jar at start "
            + "(its --web=PORT option wins).", min = "1", max = "65535")
    int port() default 8080;

    @AttributeDefinition(name = "Host", description = "Address the HTTP service listens on, read by warpdrive.jar at "
            + "start: 127.0.0.1 (this machine only) or 0.0.0.0 (every interface).")
    String host() default "127.0.0.1";

    @AttributeDefinition(name = "Path", description = "Where the page is served, e.g. /warpdrive for "
            + "http://HOST:PORT/warpdrive/ (\"/\" for the root).")
    String path() default "/warpdrive";

    @AttributeDefinition(name = "User name", description = "User name that changes (policy swap, queue counts) require.")
    String username() default "admin";

    @AttributeDefinition(name = "Password", type = AttributeType.PASSWORD,
            description = "Password that changes require. Empty: nobody can change anything from the page (read-only).")
    String password() default "";

    @AttributeDefinition(name = "Refresh interval (ms)", description = "How often the page asks for new data.",
            min = "200")
    int refresh_ms() default 1000;

    @AttributeDefinition(name = "History (s)", description = "How far back the load charts go, in one-second points.",
            min = "10", max = "3600")
    int history_seconds() default 300;
}
