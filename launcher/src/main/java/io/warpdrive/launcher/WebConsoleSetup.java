package io.warpdrive.launcher;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Whether and where the web console runs. It is off by default: the product then has no HTTP
 * service at all. {@code --web[=PORT]} turns it on for any run; in interactive mode so does
 * {@code conf/io.warpdrive.webconsole.cfg} (unless it says {@code enabled=false}). The launcher
 * then installs the embedded "web" bundle set (servlet API, slf4j, Felix HTTP Jetty, the console)
 * after the platform and sets the HTTP service's port and address as framework properties.
 *
 * <p>Keys read here from the .cfg (the console bundle reads the rest of it through Configuration
 * Admin): {@code enabled} (true), {@code port} (8080; {@code --web=PORT} wins), {@code host}
 * (127.0.0.1), and {@code path} (/warpdrive) for the address printed at start.
 */
final class WebConsoleSetup {

    static final String PID = "io.warpdrive.webconsole";
    static final String CFG = PID + ".cfg";
    /** The embedded bundle set: bundles/web/ in warpdrive.jar. */
    static final String BUNDLE_SET = "web";

    static final int DEFAULT_PORT = 8080;
    static final String DEFAULT_HOST = "127.0.0.1";
    static final String DEFAULT_PATH = "/warpdrive";

    /** Framework properties of Felix HTTP Jetty. */
    static final String PROP_PORT = "org.osgi.service.http.port";
    static final String PROP_HOST = "org.apache.felix.http.host";
    /** slf4j-simple's level (a system property): Jetty's info messages would clutter the console. */
    static final String SLF4J_LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";

    private final int port;
    private final String host;
    private final String path;

    private WebConsoleSetup(int port, String host, String path) {
        this.port = port;
        this.host = host;
        this.path = path;
    }

    /**
     * The web console's setup for this run, or null when it stays off.
     *
     * @param interactive whether this is the interactive platform (the .cfg alone turns the console
     *        on only there: a one-shot command next to a running platform must not take its port)
     */
    static WebConsoleSetup resolve(Options options, Path confDir, boolean interactive) throws LauncherException {
        Path cfg = confDir.resolve(CFG);
        Properties p = new Properties();
        boolean hasCfg = Files.isRegularFile(cfg);
        if (hasCfg) {
            try (Reader r = Files.newBufferedReader(cfg, StandardCharsets.ISO_8859_1)) {
                p.load(r);
            } catch (IOException | IllegalArgumentException e) {
                throw new LauncherException(ExitCodes.FAILURE, "cannot read " + cfg + ": " + e.getMessage(), e);
            }
        }
        boolean on = options.web() || interactive && hasCfg && flag(cfg, p, "enabled", true);
        if (!on) {
            return null;
        }
        int port = options.webPort() != Options.WEB_DEFAULT_PORT ? options.webPort() : port(cfg, p);
        String host = value(p, "host", DEFAULT_HOST);
        return new WebConsoleSetup(port, host, normalizePath(value(p, "path", DEFAULT_PATH)));
    }

    /** Port and address of the HTTP service, and a quiet Jetty, before the framework starts. */
    void apply(Map<String, String> frameworkProperties) {
        frameworkProperties.put(PROP_PORT, Integer.toString(port));
        frameworkProperties.put(PROP_HOST, host);
        if (System.getProperty(SLF4J_LEVEL) == null) {
            System.setProperty(SLF4J_LEVEL, "warn");
        }
    }

    /**
     * Fails with one clear line when the port is taken: Jetty would otherwise log its bind failure
     * with pages of stack traces and the platform would run without its console.
     */
    void checkPortFree() throws LauncherException {
        try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new java.net.InetSocketAddress(host.isEmpty() ? "0.0.0.0" : host, port));
        } catch (IOException e) {
            throw new LauncherException(ExitCodes.FAILURE, "the web console cannot listen on " + host + ":" + port + " ("
                    + e.getMessage() + "); choose another port with --web=PORT or 'port' in conf/" + CFG);
        }
    }

    int port() {
        return port;
    }

    String host() {
        return host;
    }

    /** Where a browser on this machine finds the page. */
    String url() {
        String h = host.isEmpty() || host.equals("0.0.0.0") || host.equals("::") ? "localhost" : host;
        if (h.contains(":")) {
            h = "[" + h + "]";
        }
        return "http://" + h + ":" + port + path + "/";
    }

    private static String value(Properties p, String key, String dflt) {
        String v = p.getProperty(key);
        return v == null || v.isBlank() ? dflt : v.strip();
    }

    private static boolean flag(Path cfg, Properties p, String key, boolean dflt) throws LauncherException {
        String v = value(p, key, Boolean.toString(dflt)).toLowerCase(Locale.ROOT);
        if (!v.equals("true") && !v.equals("false")) {
            throw new LauncherException(ExitCodes.USAGE, cfg + ": " + key + " is true or false, not '" + v + "'");
        }
        return Boolean.parseBoolean(v);
    }

    private static int port(Path cfg, Properties p) throws LauncherException {
        String v = value(p, "port", Integer.toString(DEFAULT_PORT));
        try {
            int port = Integer.parseInt(v);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // the message below
        }
        throw new LauncherException(ExitCodes.USAGE, cfg + ": port is a TCP port (1-65535), not '" + v + "'");
    }

    /** As the console bundle reads its path: a leading slash, no trailing one, "" for the root. */
    private static String normalizePath(String path) {
        String p = path.strip();
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p.isEmpty() || p.startsWith("/") ? p : "/" + p;
    }
}
