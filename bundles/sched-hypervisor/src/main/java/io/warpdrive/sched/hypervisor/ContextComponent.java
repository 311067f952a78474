package io.warpdrive.sched.hypervisor;

import io.warpdrive.config.ConfigurationGuard;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

/**
 * One scheduling context, from one factory configuration: the hypervisor tracks these
 * services (whiteboard) and is told when their configuration changes. A configuration that
 * does not check out is kept with the reason, so the shell can say why the context is not in
 * use.
 */
@Component(service = ContextComponent.class, configurationPid = ContextComponent.FACTORY_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = ContextConfig.class, factory = true)
public final class ContextComponent {
    public static final String FACTORY_PID = "io.warpdrive.hypervisor.context";

    private volatile ContextSpec spec;
    private volatile String problem;
    private volatile String name;

    /** Package-private so that tests configure contexts outside a framework with their own logger. */
    @Reference(service = LoggerFactory.class)
    Logger logger;

    private final ConfigurationGuard<ContextConfig> configuration =
            new ConfigurationGuard<>(ContextConfig.class, FACTORY_PID, m -> logger.warn(m));

    @Activate
    @Modified
    void configure(Map<String, Object> properties) {
        ContextConfig config = configuration.update(properties);
        name = defaultName(properties);
        try {
            spec = ContextSpec.from(config, name);
            name = spec.name();
            problem = null;
        } catch (IllegalArgumentException e) {
            spec = null;
            problem = e.getMessage();
        }
    }

    /** The name a configuration without one gets: what follows {@code ~} in its PID, else the PID. */
    static String defaultName(Map<String, Object> properties) {
        Object pid = properties.get("service.pid");
        String p = pid instanceof String ? (String) pid : "context";
        int tilde = p.lastIndexOf('~');
        return tilde >= 0 ? p.substring(tilde + 1) : p;
    }

    /** The checked configuration, or null when it was refused. */
    ContextSpec spec() {
        return spec;
    }

    /** Why the configuration was refused, or null. */
    String problem() {
        return problem;
    }

    String name() {
        return name;
    }
}
