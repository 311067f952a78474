package io.warpdrive.sched.hypervisor;

import java.io.IOException;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Contexts' factory configurations in Configuration Admin, written as the shell and the
 * {@link io.warpdrive.sched.contexts.ContextRegistry} API write them: checked as the context
 * would check them first, so a value it would refuse is never stored.
 */
final class ContextConfigurations {
    private final ConfigurationAdmin configAdmin;

    ContextConfigurations(ConfigurationAdmin configAdmin) {
        this.configAdmin = configAdmin;
    }

    /** Creates or changes the context's factory configuration; refuses values the context would refuse. */
    String write(String name, List<String> settings, boolean create) throws IOException {
        Configuration c = find(name);
        if (c == null && !create) {
            throw new IllegalArgumentException("no context '" + name + "' (wd:context add " + name + " ...)");
        }
        boolean created = c == null;
        if (created) {
            c = configAdmin.getFactoryConfiguration(ContextComponent.FACTORY_PID, name, "?");
        }
        Dictionary<String, Object> props = c.getProperties() == null ? new Hashtable<>() : c.getProperties();
        props.put("name", name);
        for (String kv : settings) {
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("'" + kv + "' is not KEY=VALUE");
            }
            String key = kv.substring(0, eq).trim();
            if (key.equals(ContextCommands.WORK_FORMER_KEY)) {
                key = ContextCommands.WORK_KEY; // the former name, written under the one name
            }
            if (key.equals(ContextCommands.WORK_KEY)) {
                props.remove(ContextCommands.WORK_FORMER_KEY);
            }
            props.put(key, ContextCommands.typed(key, kv.substring(eq + 1).trim()));
        }
        ContextSpec.from(ContextCommands.configOf(props), name); // the same checks the context makes
        boolean changed = c.updateIfDifferent(props);
        return "context " + name + (changed ? created ? " registered" : " changed"
                : " unchanged") + " (configuration " + c.getPid() + ")";
    }

    private Configuration find(String name) throws IOException {
        Configuration[] all;
        try {
            all = configAdmin.listConfigurations("(" + ConfigurationAdmin.SERVICE_FACTORYPID + "="
                    + ContextComponent.FACTORY_PID + ")");
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        if (all == null) {
            return null;
        }
        for (Configuration c : all) {
            Dictionary<String, Object> p = c.getProperties();
            Object n = p == null ? null : p.get("name");
            String configured = n instanceof String && !((String) n).isBlank() ? (String) n
                    : ContextComponent.defaultName(Map.of(Constants.SERVICE_PID, c.getPid()));
            if (configured.equals(name)) {
                return c;
            }
        }
        return null;
    }

    /** @return false when there is no such context */
    boolean remove(String name) throws IOException {
        Configuration c = find(name);
        if (c == null) {
            return false;
        }
        c.delete();
        return true;
    }
}
