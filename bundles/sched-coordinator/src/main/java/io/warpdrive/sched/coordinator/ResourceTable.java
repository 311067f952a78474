package io.warpdrive.sched.coordinator;

import io.warpdrive.coordinator.ResourceKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The resources the coordinator arbitrates, from its configuration ({@code resources}), in table order. */
final class ResourceTable {
    /** The table when the configuration gives none. */
    static final String[] DEFAULT = {
        "hardware=hardware@*:HIGHER_IS_BETTER:0",
        "hardware.per.consumer=hardware.per.consumer:LOWER_IS_BETTER:unlimited",
        "cpu.workers=cpu.workers:INSTANT_APPLY"
    };

    final List<ResourceSpec> specs;

    private ResourceTable(List<ResourceSpec> specs) {
        this.specs = List.copyOf(specs);
    }

    /**
     * Parses the entries; a .cfg file gives a list as one comma-separated string.
     *
     * @throws IllegalArgumentException naming the bad entry
     */
    static ResourceTable parse(String... entries) {
        List<ResourceSpec> specs = new ArrayList<>();
        Set<String> names = new HashSet<>();
        boolean workers = false;
        for (String list : entries) {
            for (String entry : list.split(",")) {
                if (entry.isBlank()) {
                    continue;
                }
                ResourceSpec s = ResourceSpec.parse(entry);
                if (!names.add(s.name)) {
                    throw new IllegalArgumentException("resource '" + s.name + "' is in the table twice");
                }
                if (s.kind == ResourceKind.CPU_WORKERS) {
                    if (workers) {
                        throw new IllegalArgumentException("resource '" + s.name + "': the table has one cpu.workers "
                                + "resource at most (they would set the same driver setting)");
                    }
                    workers = true;
                }
                specs.add(s);
            }
        }
        return new ResourceTable(specs);
    }

    static ResourceTable defaults() {
        return parse(DEFAULT);
    }
}
