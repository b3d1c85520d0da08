package com.example.vshutdown.shell.internal;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

import org.apache.felix.gogo.jline.Shell;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.jline.builtins.Completers.CompletionData;
import org.jline.reader.ParsedLine;

/**
 * Tab completion for the options of any command service, read from its Gogo annotations: each
 * {@code @Parameter}'s names with its {@code @Descriptor}, and the command's own description;
 * for the commands the profile gave nothing. So {@code vshutdown}, {@code domains},
 * {@code providers} and a command of a bundle deployed later complete with the words of their
 * {@code help}, and no list is written twice. An operand completes with what a session function
 * returns at completion time, e.g. the live domain ids for {@code vshutdown}'s {@code vmid}.
 */
final class CommandCompletions {
    /** The classes of the services of a command ({@code scope:function}); none once they are gone. */
    interface Services extends Function<String, Collection<Class<?>>> {
    }

    private final Services services;
    /** The candidates of each command's operand, asked for at each completion. */
    private final Map<String, Supplier<List<String>>> operands;
    /** Read once per command: reading may activate a delayed component (getService). */
    private final Map<String, List<CompletionData>> cache = new ConcurrentHashMap<>();

    CommandCompletions(Services services, Map<String, Supplier<List<String>>> operands) {
        this.services = services;
        this.operands = Map.copyOf(operands);
    }

    /** Puts the session functions that list the operands' candidates, which completion calls by name. */
    void install(CommandSession session) {
        operands.forEach((command, candidates) -> session.put(operandFunction(command),
                (org.apache.felix.service.command.Function) (s, arguments) -> {
                    Object line = s.get(Shell.VAR_COMMAND_LINE);
                    List<CompletionData> data = cache.getOrDefault(command, List.of());
                    return line instanceof ParsedLine parsed ? operand(parsed, data, candidates.get())
                            : candidates.get();
                }));
    }

    /** {@code __vshutdown_vshutdown_operand}: the leading "_" keeps it out of the command names completed. */
    static String operandFunction(String command) {
        return "__" + command.replace(':', '_') + "_operand";
    }

    /** {@code given} with the annotation-read data of every command in {@code commands} it has none for. */
    Map<String, List<CompletionData>> merge(Map<String, List<CompletionData>> given, Set<String> commands) {
        Map<String, List<CompletionData>> all = new ConcurrentHashMap<>(given);
        for (String command : commands) {
            if (!given.containsKey(command)) {
                List<CompletionData> read = cache.computeIfAbsent(command, this::read);
                if (!read.isEmpty()) {
                    all.put(command, read);
                }
            }
        }
        return all;
    }

    private List<CompletionData> read(String command) {
        String function = command.substring(command.indexOf(':') + 1);
        List<CompletionData> data = new ArrayList<>();
        for (Class<?> type : services.apply(command)) {
            data.addAll(of(type, function));
        }
        if (operands.containsKey(command)) {
            data.add(new CompletionData(null, null, operandFunction(command), null));
        }
        return data;
    }

    /** What the annotations of the methods named {@code function} of {@code type} say. */
    static List<CompletionData> of(Class<?> type, String function) {
        List<CompletionData> data = new ArrayList<>();
        for (Method method : type.getMethods()) {
            if (!method.getName().equals(function)) {
                continue;
            }
            Descriptor described = method.getAnnotation(Descriptor.class);
            if (described != null) {
                data.add(new CompletionData(null, described.value().lines().findFirst().orElse(""), null, null));
            }
            for (java.lang.reflect.Parameter parameter : method.getParameters()) {
                Parameter option = parameter.getAnnotation(Parameter.class);
                if (option != null) {
                    Descriptor text = parameter.getAnnotation(Descriptor.class);
                    // an option that takes a value offers no candidates for it
                    data.add(new CompletionData(List.of(option.names()), text == null ? null : text.value(),
                            takesValue(option) ? "" : null, null));
                }
            }
        }
        return data;
    }

    /** The operand's candidates, or none where the word being completed is the value of an option. */
    static List<String> operand(ParsedLine line, List<CompletionData> options, List<String> candidates) {
        int index = line.wordIndex();
        if (index >= 2) {
            String previous = line.words().get(index - 1);
            boolean valueOfPrevious = options.stream().anyMatch(option -> option.options != null
                    && option.argument != null && option.options.contains(previous));
            if (valueOfPrevious) {
                return List.of();
            }
        }
        return candidates;
    }

    private static boolean takesValue(Parameter option) {
        return Parameter.UNSPECIFIED.equals(option.presentValue());
    }

    static String filter(String command) {
        int colon = command.indexOf(':');
        return "(&(" + CommandProcessor.COMMAND_SCOPE + "=" + command.substring(0, colon) + ")("
                + CommandProcessor.COMMAND_FUNCTION + "=" + command.substring(colon + 1) + "))";
    }
}
