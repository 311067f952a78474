package io.warpdrive.sched.hypervisor;

import io.warpdrive.sched.contexts.ContextRegistry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The {@link ContextRegistry} service: contexts written to Configuration Admin as the shell writes them. */
@Component(service = ContextRegistry.class)
public final class ContextRegistryComponent implements ContextRegistry {
    /** Package-private so that tests give it their own. */
    @Reference
    ConfigurationAdmin configAdmin;

    @Override
    public String register(String name, long work, Map<String, String> settings) throws IOException {
        List<String> entries = new ArrayList<>();
        for (Map.Entry<String, String> e : new TreeMap<>(settings).entrySet()) {
            if (e.getKey().equals(ContextCommands.WORK_KEY) || e.getKey().equals(ContextCommands.WORK_FORMER_KEY)) {
                throw new IllegalArgumentException(e.getKey() + " is the work argument, not a setting");
            }
            entries.add(e.getKey() + "=" + e.getValue());
        }
        entries.add(ContextCommands.WORK_KEY + "=" + nonNegative(work));
        return new ContextConfigurations(configAdmin).write(name, entries, true);
    }

    @Override
    public String declareWork(String name, long work) throws IOException {
        return new ContextConfigurations(configAdmin).write(name, List.of(ContextCommands.WORK_KEY + "=" + nonNegative(work)), false);
    }

    @Override
    public boolean remove(String name) throws IOException {
        return new ContextConfigurations(configAdmin).remove(name);
    }

    private static long nonNegative(long work) {
        if (work < 0) {
            throw new IllegalArgumentException("declared work must not be negative: " + work);
        }
        return work;
    }
}
