package io.warpdrive.shell;

import io.warpdrive.admin.Platform;
import io.warpdrive.admin.SchedulerInfo;
import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.WdException;
import io.warpdrive.lib.Driver;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.felix.service.command.CommandSession;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * Tab completion of the {@code wd:} commands in the interactive (JLine) console: their names
 * with the one-line summary, their options, and the values of options and operands (algorithms,
 * levels, driver names, policy names, command names), all read from the usage lines
 * ({@link CommandSyntax}). The console's profile calls {@code wd:_complete} once per session; it
 * registers the completions through Gogo's own {@code complete} command. JLine then asks
 * {@code wd:_candidates} for the words of an option value or operand. Names starting with '_'
 * are not offered as commands.
 */
@Component(service = ShellCompletion.class, property = {
        "osgi.command.scope=wd", "osgi.command.function=_complete", "osgi.command.function=_candidates" })
public final class ShellCompletion {

    @Reference
    private Platform platform;

    private final List<Driver> drivers = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindDriver(Driver driver) {
        drivers.add(driver);
    }

    void unbindDriver(Driver driver) {
        drivers.remove(driver);
    }

    /** {@code wd:_complete}: registers the completions of every wd: command in this session. */
    public void _complete(CommandSession session) throws Exception {
        for (String line : completeCommands()) {
            session.execute(line);
        }
    }

    /** The Gogo {@code complete} command lines for every wd: command. */
    static List<String> completeCommands() {
        List<String> lines = new ArrayList<>();
        for (String command : Usage.commands()) {
            String c = "complete -c wd:" + command;
            lines.add(c + " -e");
            lines.add(c + " -d \"" + Usage.summary(command).replace("\"", "").replace("'", "").replace("$", "") + "\"");
            CommandSyntax syntax = CommandSyntax.of(Usage.line(command));
            if (!syntax.options().isEmpty()) {
                StringBuilder options = new StringBuilder(c);
                for (String o : syntax.options()) {
                    options.append(o.startsWith("--") ? " -l " + o.substring(2) : " -s " + o.substring(1));
                }
                lines.add(options.toString());
            }
            lines.add(c + " -a 'wd:_candidates ($.commandLine words) ($.commandLine wordIndex)'");
        }
        return lines;
    }

    /**
     * {@code wd:_candidates WORDS INDEX}: the words that fit at {@code INDEX} of a command line
     * (the value of the option before it, or the operand at that place).
     */
    public List<String> _candidates(List<String> words, int index) {
        return candidates(words, index, names(drivers), policies());
    }

    static List<String> candidates(List<String> words, int index, List<String> driverNames, List<String> policyNames) {
        if (words.isEmpty() || index < 1 || index > words.size()) {
            return List.of();
        }
        String command = words.get(0).startsWith("wd:") ? words.get(0).substring(3) : words.get(0);
        if (!Usage.commands().contains(command)) {
            return List.of();
        }
        CommandSyntax syntax = CommandSyntax.of(Usage.line(command));
        String previous = words.get(index - 1);
        String spec;
        String option = null;
        if (index >= 2 && syntax.takesValue(previous)) {
            option = previous;
            spec = syntax.valueOf(previous);
        } else {
            int operand = 0;
            for (int k = 1; k < index; k++) {
                String w = words.get(k);
                if (syntax.takesValue(w)) {
                    k++;
                } else if (!w.startsWith("-") || w.equals("-")) {
                    operand++;
                }
            }
            List<String> operands = syntax.operands();
            if (operand >= operands.size()) {
                return List.of();
            }
            spec = operands.get(operand);
        }
        List<String> result = new ArrayList<>(CommandSyntax.literals(spec));
        for (String placeholder : CommandSyntax.placeholders(spec)) {
            switch (placeholder) {
                case "DRIVER" -> result.addAll(driverNames);
                case "NAME" -> result.addAll("--driver".equals(option) ? driverNames
                        : command.equals("sched") ? policyNames : List.of());
                case "COMMAND" -> result.addAll(Usage.commands());
                case "LEVEL", "L" -> result.addAll(levels(words, index));
                default -> {
                    // files, sizes, counts: nothing to offer
                }
            }
        }
        return result;
    }

    /** Lowest offered zstd level: its fast levels reach -131072, a few of them are enough to show. */
    private static final int LOWEST_OFFERED_LEVEL = -5;

    /**
     * The levels of the algorithm the line names ({@code -a}, {@code --alg}; gzip's without
     * one), as the command checks them: zstd's from -5 (its fast levels go on below) to 22.
     */
    static List<String> levels(List<String> words, int index) {
        Algorithm algorithm = Algorithm.GZIP;
        for (int k = 1; k + 1 < index; k++) {
            String w = words.get(k);
            if (w.equals("-a") || w.equals("--alg")) {
                try {
                    algorithm = Algorithm.fromName(words.get(k + 1));
                } catch (WdException unknown) {
                    return List.of();
                }
            }
        }
        List<String> levels = new ArrayList<>();
        for (int level = Math.max(algorithm.minLevel(), LOWEST_OFFERED_LEVEL); level <= algorithm.maxLevel(); level++) {
            if (algorithm.isLevel(level)) {
                levels.add(Integer.toString(level));
            }
        }
        return levels;
    }

    private static List<String> names(List<Driver> drivers) {
        List<String> names = new ArrayList<>();
        for (Driver d : drivers) {
            if (!names.contains(d.name())) {
                names.add(d.name());
            }
        }
        return names;
    }

    private List<String> policies() {
        List<String> names = new ArrayList<>();
        for (SchedulerInfo s : platform.schedulers()) {
            names.add(s.name());
        }
        return names;
    }
}
