package io.warpdrive.sched.coordinator;

import io.warpdrive.coordinator.ResourceKind;
import io.warpdrive.coordinator.ResourceState;
import io.warpdrive.coordinator.TunePolicy;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import java.util.Locale;

/**
 * One entry of the resource table: {@code NAME=KIND[@TARGET][:POLICY][:DEFAULT]}, e.g.
 * {@code hardware=hardware@hisi_zip:HIGHER_IS_BETTER:0}. TARGET is the device group of a
 * hardware resource ({@code *}, {@code DRIVER} or {@code DRIVER/DEVICE}; {@code *} when
 * omitted); POLICY defaults to INSTANT_APPLY; DEFAULT is a number or {@code unlimited}, and
 * when omitted is 0 (hardware), unlimited (hardware.per.consumer), or the driver's own setting
 * (cpu.workers: put back as it was).
 */
final class ResourceSpec {
    /** The most workers a tune may ask of the CPU fallback. */
    static final long MAX_WORKERS = 1024;

    final String name;
    final ResourceKind kind;
    /** Driver of a hardware group, or null for every hardware driver. */
    final String driver;
    /** Device of a hardware group, or null for every device of the driver. */
    final String device;
    final TunePolicy policy;
    /** The configured default, or null: the kind's own (see the class comment). */
    final Long configuredDefault;

    ResourceSpec(String name, ResourceKind kind, String driver, String device, TunePolicy policy,
            Long configuredDefault) {
        this.name = name;
        this.kind = kind;
        this.driver = driver;
        this.device = device;
        this.policy = policy;
        this.configuredDefault = configuredDefault;
    }

    /** @throws IllegalArgumentException naming the entry and what is wrong with it */
    static ResourceSpec parse(String entry) {
        String e = entry.trim();
        int eq = e.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("resource entry '" + e + "' is not NAME=KIND[@TARGET][:POLICY][:DEFAULT]");
        }
        String name = e.substring(0, eq).trim();
        if (!name.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("resource entry '" + e + "': name '" + name
                    + "' may hold only letters, digits, '.', '_' and '-'");
        }
        String[] parts = e.substring(eq + 1).split(":", -1);
        String kindAndTarget = parts[0].trim();
        int at = kindAndTarget.indexOf('@');
        String kindName = (at < 0 ? kindAndTarget : kindAndTarget.substring(0, at)).trim().toLowerCase(Locale.ROOT);
        ResourceKind kind = ResourceKind.ofConfigName(kindName);
        if (kind == null) {
            throw new IllegalArgumentException("resource entry '" + e + "': kind '" + kindName
                    + "' is not hardware, hardware.per.consumer or cpu.workers");
        }
        String driver = null;
        String device = null;
        if (at >= 0) {
            if (kind != ResourceKind.HARDWARE) {
                throw new IllegalArgumentException("resource entry '" + e + "': only a hardware resource has a target");
            }
            String target = kindAndTarget.substring(at + 1).trim();
            int slash = target.indexOf('/');
            driver = (slash < 0 ? target : target.substring(0, slash)).trim();
            device = slash < 0 ? null : target.substring(slash + 1).trim();
            if (driver.isEmpty() || (device != null && device.isEmpty())) {
                throw new IllegalArgumentException("resource entry '" + e + "': target '" + target
                        + "' is not *, DRIVER or DRIVER/DEVICE");
            }
            if (driver.equals("*")) {
                if (device != null) {
                    throw new IllegalArgumentException("resource entry '" + e + "': target '*' has no device");
                }
                driver = null;
            }
        }
        TunePolicy policy = null;
        Long dflt = null;
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].trim();
            if (p.isEmpty()) {
                continue;
            }
            TunePolicy asPolicy = policyOf(p);
            if (asPolicy != null && policy == null) {
                policy = asPolicy;
            } else if (asPolicy == null && dflt == null) {
                dflt = parseDefault(e, kind, p);
            } else {
                throw new IllegalArgumentException("resource entry '" + e + "': '" + p
                        + "' is a second policy or default");
            }
        }
        ResourceSpec spec = new ResourceSpec(name, kind, driver, device, policy == null ? TunePolicy.INSTANT_APPLY : policy,
                dflt);
        if (dflt != null) {
            String problem = spec.problemWith(dflt);
            if (problem != null) {
                throw new IllegalArgumentException("resource entry '" + e + "': default " + problem);
            }
        }
        return spec;
    }

    private static TunePolicy policyOf(String s) {
        try {
            return TunePolicy.valueOf(s.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException notAPolicy) {
            return null;
        }
    }

    private static Long parseDefault(String entry, ResourceKind kind, String s) {
        if (s.equalsIgnoreCase("unlimited")) {
            if (kind != ResourceKind.HARDWARE_PER_CONSUMER) {
                throw new IllegalArgumentException("resource entry '" + entry + "': only a per-consumer limit can be "
                        + "unlimited");
            }
            return ResourceState.UNLIMITED;
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException notANumber) {
            throw new IllegalArgumentException("resource entry '" + entry + "': '" + s
                    + "' is neither a policy (INSTANT_APPLY, HIGHER_IS_BETTER, LOWER_IS_BETTER, LAZY_APPLY) nor a "
                    + "default value");
        }
    }

    /** Why {@code value} is not a value of this resource, or null. */
    String problemWith(long value) {
        if (value < 0) {
            return value + " is negative";
        }
        if (kind == ResourceKind.CPU_WORKERS && value > MAX_WORKERS) {
            return value + " is more than " + MAX_WORKERS + " workers";
        }
        if (kind == ResourceKind.HARDWARE && value > Integer.MAX_VALUE) {
            return value + " is more instances than any device group has";
        }
        return null;
    }

    /** @throws WdException INVALID_ARGUMENT when {@code value} is out of this resource's range */
    void check(long value) {
        String problem = problemWith(value);
        if (problem != null) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, "resource " + name + " (" + kind.configName() + "): "
                    + problem);
        }
    }

    /** The device group of a hardware resource as written in the table, or null for other kinds. */
    String target() {
        if (kind != ResourceKind.HARDWARE) {
            return null;
        }
        return driver == null ? "*" : device == null ? driver : driver + "/" + device;
    }

    /** Same name, kind, target, policy and default. */
    boolean sameAs(ResourceSpec o) {
        return name.equals(o.name) && kind == o.kind && java.util.Objects.equals(driver, o.driver)
                && java.util.Objects.equals(device, o.device) && policy == o.policy
                && java.util.Objects.equals(configuredDefault, o.configuredDefault);
    }

    @Override
    public String toString() {
        String t = target();
        return name + "=" + kind.configName() + (t == null ? "" : "@" + t) + ":" + policy
                + (configuredDefault == null ? "" : ":" + Values.format(configuredDefault));
    }
}
