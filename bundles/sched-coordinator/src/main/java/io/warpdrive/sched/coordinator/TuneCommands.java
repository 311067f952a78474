package io.warpdrive.sched.coordinator;

import io.warpdrive.comp.Priority;
import io.warpdrive.comp.WdException;
import io.warpdrive.coordinator.Coordinator;
import io.warpdrive.coordinator.ResourceState;
import io.warpdrive.coordinator.Tune;
import io.warpdrive.sched.PriorityLevel;
import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The shell's {@code wd:tune}, {@code wd:retune}, {@code wd:untune} and {@code wd:tunes}. They
 * use this bundle's own {@link Coordinator} instance, so tunes issued from the shell belong to
 * this bundle ({@code io.warpdrive.sched.coordinator}) and get its class (system when its
 * location is one of the engine's {@code system.locations}; deployed into {@code deploy/} it is
 * third party unless an administrator lists it there).
 */
@Component(service = TuneCommands.class, property = { "osgi.command.scope=wd", "osgi.command.function=tune",
        "osgi.command.function=retune", "osgi.command.function=untune", "osgi.command.function=tunes" })
public final class TuneCommands {
    static final String TUNE_USAGE = "tune RESOURCE VALUE DURATION [high|low|LEVEL]"
            + " | tune RESOURCE=VALUE[,RESOURCE=VALUE...] DURATION [high|low|LEVEL]"
            + "   (DURATION: 30s, 5m, 1h30m, forever; VALUE: a number or unlimited)";
    static final String RETUNE_USAGE = "retune HANDLE DURATION";
    static final String UNTUNE_USAGE = "untune HANDLE";
    static final String TUNES_USAGE = "tunes";

    @Reference
    private Coordinator coordinator;

    /** For Declarative Services. */
    public TuneCommands() {
    }

    TuneCommands(Coordinator coordinator) {
        this.coordinator = coordinator;
    }

    // ---- Gogo entry points (wd:<name>) ------------------------------------------------------

    public void tune(String... args) {
        run("tune", args, System.out, System.err);
    }

    public void retune(String... args) {
        run("retune", args, System.out, System.err);
    }

    public void untune(String... args) {
        run("untune", args, System.out, System.err);
    }

    public void tunes(String... args) {
        run("tunes", args, System.out, System.err);
    }

    /** Runs a command: 0 done, 1 refused by the coordinator, 2 wrong usage. */
    int run(String command, String[] args, PrintStream out, PrintStream err) {
        String[] a = args == null ? new String[0] : args;
        String usage = switch (command) {
            case "tune" -> TUNE_USAGE;
            case "retune" -> RETUNE_USAGE;
            case "untune" -> UNTUNE_USAGE;
            default -> TUNES_USAGE;
        };
        try {
            switch (command) {
                case "tune":
                    return tune(a, out);
                case "retune": {
                    expect(a, 2);
                    Duration d = Durations.parse(a[1]);
                    coordinator.retune(handle(a[0]), d);
                    out.println("tune " + a[0] + ": " + (d == null ? "until untuned" : Durations.format(d) + " from now"));
                    return 0;
                }
                case "untune":
                    expect(a, 1);
                    coordinator.untune(handle(a[0]));
                    out.println("tune " + a[0] + " removed");
                    return 0;
                case "tunes":
                    expect(a, 0);
                    print(coordinator.resources(), out);
                    return 0;
                default:
                    err.println("error: unknown command '" + command + "'");
                    return 2;
            }
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.println("usage: " + usage);
            return 2;
        } catch (WdException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
    }

    /** {@code RESOURCE VALUE DURATION [P]}, or {@code RESOURCE=VALUE[,…] DURATION [P]}: one request either way. */
    private int tune(String[] a, PrintStream out) {
        boolean several = a.length > 0 && a[0].contains("=");
        int fixed = several ? 2 : 3;
        if (a.length != fixed && a.length != fixed + 1) {
            throw new IllegalArgumentException("tune takes " + fixed + " or " + (fixed + 1) + " arguments, not " + a.length);
        }
        Map<String, Long> values = new LinkedHashMap<>();
        if (several) {
            for (String pair : a[0].split(",")) {
                int eq = pair.indexOf('=');
                if (eq <= 0 || values.put(pair.substring(0, eq).trim(), value(pair.substring(eq + 1))) != null) {
                    throw new IllegalArgumentException("'" + pair + "' is not RESOURCE=VALUE (each resource once)");
                }
            }
        } else {
            values.put(a[0], value(a[1]));
        }
        Duration duration = Durations.parse(a[fixed - 1]);
        String given = a.length == fixed + 1 ? a[fixed] : "high";
        String p = given.trim().toUpperCase(Locale.ROOT);
        long handle;
        PriorityLevel level;
        if (p.equals("HIGH") || p.equals("LOW")) {
            Priority priority = Priority.valueOf(p);
            handle = coordinator.tune(values, duration, priority);
            level = coordinator.level(priority);
        } else {
            try {
                level = PriorityLevel.valueOf(p);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + given + "' is not high, low or a level (SYSTEM_HIGH, "
                        + "SYSTEM_LOW, THIRD_PARTY_HIGH, THIRD_PARTY_LOW)");
            }
            handle = coordinator.tune(values, duration, level);
        }
        StringBuilder what = new StringBuilder();
        values.forEach((r, v) -> what.append(what.length() == 0 ? "" : ", ").append(r).append('=').append(Values.format(v)));
        out.println("tune " + handle + ": " + what + " at " + level + ", "
                + (duration == null ? "until untuned" : "for " + Durations.format(duration)));
        return 0;
    }

    private static long value(String s) {
        return s.trim().equalsIgnoreCase("unlimited") ? ResourceState.UNLIMITED : number(s, "VALUE");
    }

    /** Each resource with its value in force, then its tunes (the first of a resource is in force). */
    static void print(List<ResourceState> resources, PrintStream out) {
        String rowFormat = "%-24s %-22s %-17s %9s %9s  %s%n";
        String tuneFormat = "    %-7s %-17s %9s  %-8s %-9s %s%n";
        out.printf(rowFormat, "RESOURCE", "KIND", "POLICY", "DEFAULT", "IN FORCE", "FROM");
        for (ResourceState r : resources) {
            String kind = r.kind().configName() + (r.target() == null ? "" : "@" + r.target());
            out.printf(rowFormat, r.name(), kind, r.policy(), Values.format(r.defaultValue()),
                    Values.format(r.value()), r.level() == null ? "default" : r.level());
            if (!r.tunes().isEmpty()) {
                out.printf(tuneFormat, "HANDLE", "LEVEL", "VALUE", "STATE", "LEFT", "CONSUMER");
                for (Tune t : r.tunes()) {
                    out.printf(tuneFormat, t.handle(), t.level(), Values.format(t.value()),
                            t.inForce() ? "in force" : "pending", Durations.format(t.remaining()), t.consumer());
                }
            }
        }
    }

    private static void expect(String[] a, int n) {
        if (a.length != n) {
            throw new IllegalArgumentException("expected " + n + " argument(s), not " + a.length);
        }
    }

    private static long handle(String s) {
        return number(s, "HANDLE");
    }

    private static long number(String s, String what) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " '" + s + "' is not a number");
        }
    }
}
