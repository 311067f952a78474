package io.warpdrive.sched.hypervisor;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The shell's view of the hypervisor: {@code wd:contexts} shows each context (queues,
 * throughput, idle time, work left, last resize and why), {@code wd:context} registers,
 * changes and removes contexts (their factory configurations, so changes persist), declares
 * work and resizes a context as the application would.
 */
@Component(service = ContextCommands.class, property = { "osgi.command.scope=wd",
        "osgi.command.function=contexts", "osgi.command.function=context" })
public final class ContextCommands {
    /** A context's total declared work: input bytes, or units when its requests declare theirs. */
    static final String WORK_KEY = "work";
    /** The former name of {@link #WORK_KEY}, still read. */
    static final String WORK_FORMER_KEY = "work.bytes";
    static final String USAGE = String.join("\n",
            "wd:contexts                              the scheduling contexts: queues, throughput, idle, work, last resize",
            "wd:context add NAME [KEY=VALUE ...]      registers context NAME (or changes it)",
            "wd:context set NAME KEY=VALUE ...        changes keys of context NAME",
            "wd:context work NAME N                   declares the context's total work: input bytes, or the units its requests declare (k, m, g suffixes)",
            "wd:context resize NAME N|+N|-N           resizes the context now (queues per direction)",
            "wd:context remove NAME                   removes the context",
            "keys: consumers=PATTERN,... tags=TAG,... queues=N min.queues=N max.queues=N",
            "      resize.policy=STRATEGY (wd:contexts lists them) max.idle.ms=MS work=N",
            "      use.remainder=true|false resize.interval.ms=MS resize.tags=TAG=SIZE,...",
            "      queue.max.idle.ms=DRIVER[/DEVICE]=MS,... apply.after.ms=MS apply.after.bytes=BYTES",
            "      min.throughput.bytes.per.s=BYTES");
    private static final Set<String> LISTS = Set.of("consumers", "tags", "resize.tags", "queue.max.idle.ms");
    private static final Set<String> INTS = Set.of("queues", "min.queues", "max.queues");
    private static final Set<String> LONGS = Set.of("max.idle.ms", WORK_KEY, WORK_FORMER_KEY, "resize.interval.ms", "apply.after.ms",
            "apply.after.bytes", "min.throughput.bytes.per.s");

    @Reference
    private HypervisorScheduler hypervisor;

    @Reference
    private ConfigurationAdmin configAdmin;

    private ContextConfigurations configurations() {
        return new ContextConfigurations(configAdmin);
    }

    public void contexts(String... args) {
        PrintStream out = System.out;
        if (args.length > 0) {
            System.err.println("usage:\n" + USAGE);
            return;
        }
        HypervisorReport report = hypervisor.report();
        out.println("hypervisor " + (hypervisor.active() ? "active" : "not the active policy (it resizes nothing)")
                + ", tick " + hypervisor.tickMillis() + " ms (rounds at once for pushed events: "
                + Events.describe(report.eventRounds()) + "); remainder: " + Texts.sizes(report.remainder()) + " queues");
        if (report.contexts().isEmpty()) {
            out.println("no contexts (wd:context add NAME consumers=... | tags=...)");
        }
        for (HypervisorReport.Context c : report.contexts()) {
            print(c, out);
        }
        out.println("resize strategies: " + String.join(", ", report.strategies()));
        for (String refused : hypervisor.refused()) {
            out.println("refused configuration " + refused);
        }
    }

    private static void print(HypervisorReport.Context c, PrintStream out) {
        ContextSpec s = c.spec();
        out.println("context " + c.name() + "  " + s.policy() + (s.consumers().isEmpty() ? ""
                : "  consumers " + String.join(",", s.consumers())) + (s.tags().isEmpty() ? ""
                        : "  tags " + String.join(",", s.tags())) + "  min " + s.min() + " max "
                + (s.max() == 0 ? "-" : s.max()) + (s.useRemainder() ? "  uses the remainder" : "")
                + (s.policy().equals(IdlenessStrategy.NAME) ? "  max idle " + Texts.millis(s.maxIdleNanos()) : "")
                + (s.queueMaxIdleNanos().isEmpty() ? "" : " (" + String.join(", ", new java.util.TreeMap<>(
                        s.queueMaxIdleNanos()).entrySet().stream().map(e -> e.getKey() + " " + Texts.millis(e.getValue()))
                        .toList()) + ")")
                + (s.tagResizes().isEmpty() ? "" : "  resizes at tags " + String.join(", ", new java.util.TreeMap<>(
                        s.tagResizes()).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList())));
        StringBuilder queues = new StringBuilder();
        for (int op = 0; op < Hypervisor.OPS; op++) {
            List<String> ids = new ArrayList<>();
            int owned = 0;
            for (HypervisorReport.Queue q : c.queues()) {
                if (q.operation().ordinal() == op) {
                    ids.add(q.driver() + "#" + q.id() + (q.state().isEmpty() ? "" : " " + q.state()));
                    owned += q.state().equals("moving in") ? 0 : 1;
                }
            }
            queues.append(op == 0 ? "" : ", ").append(Texts.name(op)).append(' ').append(owned).append('/')
                    .append(c.target()[op]).append(ids.isEmpty() ? "" : " (" + String.join(" ", ids) + ")");
        }
        out.println("  queues       " + queues + "   [owned/target]");
        out.println("  throughput   " + Texts.bytes((long) c.throughput()) + "/s   idle " + Texts.millis(
                c.longestIdleNanos()) + " (longest)   pending " + c.pendingRequests() + " requests");
        // In the context's own unit: input bytes, or what its requests declare (Request.declaredWork).
        out.println("  work         " + (s.work() == 0 ? "none declared (" + c.doneWork() + " done)"
                : c.remainingWork() + " left of " + s.work() + " (" + c.doneWork() + " done)"));
        if (!c.strategyState().isEmpty()) {
            out.println("  strategy     " + s.policy() + " " + c.strategyState());
        }
        if (!c.pendingApply().isEmpty()) {
            out.println("  to apply     " + c.pendingApply());
        }
        out.println("  last resize  " + (c.sinceResizeNanos() < 0 ? "" : Texts.millis(c.sinceResizeNanos())
                + " ago: ") + c.lastResize());
    }

    public void context(String... args) {
        PrintStream out = System.out;
        try {
            if (args.length < 2) {
                throw new IllegalArgumentException("usage:\n" + USAGE);
            }
            String name = args[1];
            List<String> rest = Arrays.asList(args).subList(2, args.length);
            switch (args[0]) {
                case "add":
                    out.println(configurations().write(name, rest, true));
                    break;
                case "set":
                    if (rest.isEmpty()) {
                        throw new IllegalArgumentException("wd:context set NAME KEY=VALUE ...");
                    }
                    out.println(configurations().write(name, rest, false));
                    break;
                case "work":
                    if (rest.size() != 1) {
                        throw new IllegalArgumentException("wd:context work NAME N");
                    }
                    out.println(configurations().write(name, List.of(WORK_KEY + "=" + rest.get(0)), false));
                    break;
                case "resize":
                    if (rest.size() != 1) {
                        throw new IllegalArgumentException("wd:context resize NAME N|+N|-N");
                    }
                    out.println(hypervisor.resize(name, SizeChange.parse(rest.get(0))));
                    break;
                case "remove":
                    if (!configurations().remove(name)) {
                        throw new IllegalArgumentException("no context '" + name + "'");
                    }
                    out.println("context " + name + " removed");
                    break;
                default:
                    throw new IllegalArgumentException("unknown sub-command '" + args[0] + "'; usage:\n" + USAGE);
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("error: " + e.getMessage());
        } catch (IOException e) {
            System.err.println("error: configuration admin: " + e.getMessage());
        }
    }

    static Object typed(String key, String value) {
        if (LISTS.contains(key)) {
            return Arrays.stream(value.split(",")).map(String::trim).filter(v -> !v.isEmpty()).toArray(String[]::new);
        }
        if (INTS.contains(key)) {
            return (int) number(key, value);
        }
        if (LONGS.contains(key)) {
            return number(key, value);
        }
        switch (key) {
            case "use.remainder":
                if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                    throw new IllegalArgumentException("use.remainder must be true or false, not '" + value + "'");
                }
                return Boolean.valueOf(value);
            case "resize.policy":
                return Strategies.normalize(value);
            case "name":
                return value;
            default:
                throw new IllegalArgumentException("unknown key '" + key + "'");
        }
    }

    /** A whole number, with k, m or g (powers of 1024) after it. */
    static long number(String key, String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        long unit = 1;
        if (v.endsWith("k") || v.endsWith("m") || v.endsWith("g")) {
            unit = v.endsWith("k") ? 1L << 10 : v.endsWith("m") ? 1L << 20 : 1L << 30;
            v = v.substring(0, v.length() - 1);
        }
        try {
            return Math.multiplyExact(Long.parseLong(v), unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException(key + " must be a whole number, not '" + value + "'");
        }
    }

    /** The configuration as the context component would see it, for checking before it is written. */
    static ContextConfig configOf(Dictionary<String, Object> props) {
        return (ContextConfig) Proxy.newProxyInstance(ContextConfig.class.getClassLoader(),
                new Class<?>[] { ContextConfig.class }, (proxy, method, margs) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        return method.invoke(props, margs);
                    }
                    Object v = props.get(key(method));
                    return v == null ? method.getDefaultValue() : convert(v, method.getReturnType());
                });
    }

    /** Values from files are text: as Declarative Services would, convert them to what the method returns. */
    private static Object convert(Object v, Class<?> type) {
        if (type == String[].class) {
            return v instanceof String[] ? v : v instanceof String ? typed("consumers", (String) v) : new String[0];
        }
        if (!(v instanceof String)) {
            return v;
        }
        String text = ((String) v).trim();
        if (type == int.class) {
            return (int) number("value", text);
        }
        if (type == long.class) {
            return number("value", text);
        }
        if (type == boolean.class) {
            return Boolean.valueOf(text);
        }
        if (type == double.class) {
            return Double.valueOf(text);
        }
        return text;
    }

    /** The property key of a configuration method (DS: '_' becomes '.'). */
    private static String key(Method m) {
        return m.getName().replace('_', '.');
    }
}
