package io.warpdrive.webconsole;

import io.warpdrive.admin.Platform;
import io.warpdrive.config.ConfigurationGuard;
import io.warpdrive.lib.Driver;
import io.warpdrive.stats.DriverUsage;
import io.warpdrive.stats.UsageStats;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import jakarta.servlet.Servlet;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.servlet.whiteboard.HttpWhiteboardConstants;
import org.osgi.service.servlet.whiteboard.annotations.RequireHttpWhiteboard;

/**
 * The web console: samples the drivers' load into a {@link LoadHistory} and registers the
 * {@link ConsoleServlet} on the Servlet Whiteboard under the configured path. The servlet is
 * registered by this component rather than declared, because its pattern comes from the
 * configuration ({@code path}); a changed path re-registers it, other changes apply in place
 * and the history survives them.
 */
@Component(configurationPid = WebConsole.PID, immediate = true, service = {})
@Designate(ocd = WebConsoleConfig.class)
@RequireHttpWhiteboard
public final class WebConsole {
    public static final String PID = "io.warpdrive.webconsole";
    static final String DEFAULT_PATH = "/warpdrive";

    /** One point per second, each the mean of this many probes of the jobs in flight. */
    static final long POINT_MILLIS = 1000;
    static final int PROBES_PER_POINT = 4;

    /** What the servlet needs from the configuration, swapped as a whole on change. */
    record Settings(String path, Credentials credentials, long refreshMillis) {
    }

    /** Package-private so that tests start the console outside a framework with their own logger. */
    @Reference(service = LoggerFactory.class)
    Logger logger;

    @Reference
    private Platform platform;

    @Reference
    private UsageStats stats;

    private final List<Driver> drivers = new CopyOnWriteArrayList<>();

    private volatile Settings settings;
    private LoadHistory history;
    private LoadSampler sampler;
    private ScheduledExecutorService probes;
    private BundleContext context;
    private ServiceRegistration<Servlet> registration;
    private ServiceRegistration<Servlet> felixConsolePlugin;
    private String lastProbeFailure;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindDriver(Driver driver) {
        drivers.add(driver);
    }

    void unbindDriver(Driver driver) {
        drivers.remove(driver);
    }

    private final LoginThrottle throttle = new LoginThrottle(System::nanoTime);
    private final ConfigurationGuard<WebConsoleConfig> configuration =
            new ConfigurationGuard<>(WebConsoleConfig.class, PID, m -> logger.warn(m));

    @Activate
    void activate(BundleContext bundleContext, Map<String, Object> properties) {
        WebConsoleConfig config = configurationOf(properties);
        context = bundleContext;
        history = new LoadHistory(historyPoints(config), POINT_MILLIS);
        sampler = new LoadSampler(history, PROBES_PER_POINT);
        probes = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "warpdrive-webconsole-sampler");
            t.setDaemon(true);
            return t;
        });
        probes.scheduleAtFixedRate(this::probe, 0, POINT_MILLIS / PROBES_PER_POINT, TimeUnit.MILLISECONDS);
        apply(config);
        registerFelixConsolePlugin();
    }

    @Modified
    void modified(Map<String, Object> properties) {
        WebConsoleConfig config = configurationOf(properties);
        history.resize(historyPoints(config));
        apply(config);
    }

    @Deactivate
    void deactivate() {
        unregister();
        felixConsolePlugin.unregister();
        probes.shutdownNow();
    }

    /** The same page in the Felix Web Console when one is deployed (nothing else looks at this service). */
    private void registerFelixConsolePlugin() {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(FelixConsolePlugin.PLUGIN_LABEL, FelixConsolePlugin.LABEL);
        props.put(FelixConsolePlugin.PLUGIN_TITLE, FelixConsolePlugin.TITLE);
        props.put(FelixConsolePlugin.PLUGIN_CATEGORY, "Main");
        felixConsolePlugin = context.registerService(Servlet.class, new FelixConsolePlugin(this), props);
    }

    /** The configuration with only values that fit, the path included. */
    private WebConsoleConfig configurationOf(Map<String, Object> properties) {
        WebConsoleConfig config = configuration.update(properties);
        try {
            normalizePath(config.path());
            return config;
        } catch (IllegalArgumentException e) {
            return configuration.refuse("path", e.getMessage());
        }
    }

    private synchronized void apply(WebConsoleConfig config) {
        String path = normalizePath(config.path());
        Settings next = new Settings(path, new Credentials(config.username(), config.password()),
                config.refresh_ms());
        Settings previous = settings;
        settings = next;
        // 'enabled' (like 'port' and 'host') is the launcher's: it decides whether this bundle runs at all,
        // and its --web option overrides it, so the console does not second-guess it here.
        if (registration == null || previous == null || !Objects.equals(previous.path(), path)) {
            unregister();
            register(path);
        }
        if (!next.credentials().enabled()) {
            logger.info("web console: read-only, no password configured (PID {})", PID);
        }
    }

    private void register(String path) {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_NAME, PID);
        props.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_PATTERN, path.isEmpty() ? "/*" : path + "/*");
        registration = context.registerService(Servlet.class, new ConsoleServlet(this), props);
        logger.info("web console: serving {}/", path);
    }

    private synchronized void unregister() {
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the bundle is stopping
            }
            registration = null;
        }
    }

    // ---- what the servlet reads ----------------------------------------------------------

    Settings settings() {
        return settings;
    }

    StatusJson status() {
        return new StatusJson(platform, stats, drivers);
    }

    /** Wrong passwords per address, kept while the console runs (across path changes). */
    LoginThrottle throttle() {
        return throttle;
    }

    AdminActions actions() {
        return new AdminActions(platform);
    }

    LoadHistory history() {
        return history;
    }

    Logger logger() {
        return logger;
    }

    String version() {
        return context.getBundle().getVersion().toString();
    }

    // ---- sampling ----------------------------------------------------------------------

    private void probe() {
        try {
            List<LoadSampler.Reading> readings = new ArrayList<>();
            for (DriverUsage d : stats.drivers()) {
                readings.add(new LoadSampler.Reading(d.driver(), d.bytesIn(), d.inFlight()));
            }
            sampler.probe(System.nanoTime(), System.currentTimeMillis(), readings);
            lastProbeFailure = null;
        } catch (RuntimeException e) {
            // Keep sampling (an exception would end the schedule), and say it once per kind of failure.
            String what = String.valueOf(e);
            if (!what.equals(lastProbeFailure)) {
                logger.warn("web console: reading the load failed: {}", what, e);
                lastProbeFailure = what;
            }
        }
    }

    private static int historyPoints(WebConsoleConfig config) {
        int seconds = Math.max(10, Math.min(3600, config.history_seconds()));
        return (int) (seconds * 1000L / POINT_MILLIS);
    }

    /** "/warpdrive/" -> "/warpdrive", "warpdrive" -> "/warpdrive", "/" or "" -> "" (the root). */
    static String normalizePath(String path) {
        String p = path == null ? "" : path.strip();
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        if (!p.isEmpty() && !p.startsWith("/")) {
            p = "/" + p;
        }
        if (p.contains("*") || p.contains("?") || p.contains("#") || p.contains("//")) {
            throw new IllegalArgumentException("the web console path must be a plain path like /warpdrive, not '" + path + "'");
        }
        return p;
    }
}
