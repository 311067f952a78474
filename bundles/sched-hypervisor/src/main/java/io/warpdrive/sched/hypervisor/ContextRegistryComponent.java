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
    public String register(String name, long workBytes, Map<String, String> settings) throws IOException {
        List<String> entries = new ArrayList<>();
        for (Map.Entry<String, String> e : new TreeMap<>(settings).entrySet()) {
            if (e.getKey().equals("work.bytes")) {
                throw new IllegalArgumentException("work.bytes is the workBytes argument, not a setting");
            }
            entries.add(e.getKey() + "=" + e.getValue());
        }
        entries.add("work.bytes=" + nonNegative(workBytes));
        return new ContextConfigurations(configAdmin).write(name, entries, true);
    }

    @Override
    public String declareWork(String name, long workBytes) throws IOException {
        return new ContextConfigurations(configAdmin).write(name, List.of("work.bytes=" + nonNegative(workBytes)), false);
    }

    @Override
    public boolean remove(String name) throws IOException {
        return new ContextConfigurations(configAdmin).remove(name);
    }

    private static long nonNegative(long workBytes) {
        if (workBytes < 0) {
            throw new IllegalArgumentException("declared work must not be negative: " + workBytes);
        }
        return workBytes;
    }
}
