package com.example.vshutdown.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.felix.gogo.jline.Shell;
import org.apache.felix.gogo.runtime.CommandProcessorImpl;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.jline.builtins.Completers;
import org.jline.builtins.Completers.CompletionData;
import org.jline.reader.Candidate;
import org.jline.reader.Parser.ParseContext;
import org.jline.reader.impl.DefaultParser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Completion read from a command's Gogo annotations, through jline's public completer and a real
 * Gogo session, as the interactive shell wires them.
 */
class CommandCompletionsTest {

    /** A command as the app's are written: flags, an option with a value, an operand. */
    public static final class Stop {
        @Descriptor("Stops things.\n   More about it.")
        public void stop(CommandSession session,
                @Descriptor("hard") @Parameter(names = {"-f", "--force"}, presentValue = "true",
                        absentValue = "false") boolean force,
                @Descriptor("how long") @Parameter(names = {"-t", "--timeout"}, absentValue = "") String timeout,
                @Descriptor("what") String... ids) {
        }
    }

    private final CommandProcessorImpl processor = new CommandProcessorImpl();
    private final CommandSession session = processor.createSession(new ByteArrayInputStream(new byte[0]),
            new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream()));
    private final AtomicReference<List<String>> live = new AtomicReference<>(List.of("7", "9"));
    private final CommandCompletions completions = new CommandCompletions(command -> List.of(Stop.class),
            Map.of("app:stop", () -> live.get()));
    private final Completers.Completer completer =
            new Completers.Completer(new InteractiveShell.Completions(session, completions));

    CommandCompletionsTest() {
        processor.addCommand("app", new Stop(), "stop");
        // as the shell sets the session up: the profiles' completions go there
        session.put(Shell.VAR_COMPLETIONS, new HashMap<>());
        completions.install(session);
    }

    @AfterEach
    void close() {
        session.close();
    }

    @Test
    void theAnnotationsGiveTheDescriptionAndEachOptionWithItsText() {
        List<CompletionData> data = CommandCompletions.of(Stop.class, "stop");

        assertEquals(3, data.size());
        assertEquals("Stops things.", data.get(0).description);
        assertNull(data.get(0).options);
        CompletionData force = data.stream().filter(d -> "hard".equals(d.description)).findFirst().orElseThrow();
        assertEquals(List.of("-f", "--force"), force.options);
        assertNull(force.argument, "a flag takes no value");
        CompletionData timeout = data.stream().filter(d -> "how long".equals(d.description)).findFirst().orElseThrow();
        assertEquals("", timeout.argument, "an option with a value offers none");
    }

    @Test
    void anOptionCompletesWithItsDescription() {
        List<Candidate> candidates = complete("stop --f");

        assertEquals(List.of("--force:hard", "--timeout:how long", "-f:hard", "-t:how long"),
                candidates.stream().map(c -> c.value() + ":" + c.descr()).sorted().toList());
    }

    @Test
    void theOperandCompletesWithTheIdsOfNowNotOfTheStart() {
        assertEquals(List.of("7", "9"), values(complete("stop -f ")));
        live.set(List.of("3"));
        assertEquals(List.of("3"), values(complete("stop ")));
    }

    @Test
    void theValueOfAnOptionIsNotCompletedWithIds() {
        assertEquals(List.of(), values(complete("stop -t ")));
    }

    @Test
    void dataTheProfileGaveIsKept() {
        List<CompletionData> given = List.of(new CompletionData(List.of("-x"), "from the profile", null, null));
        Map<String, List<CompletionData>> merged = completions.merge(Map.of("app:stop", given),
                java.util.Set.of("app:stop"));

        assertEquals(given, merged.get("app:stop"));
    }

    private List<Candidate> complete(String line) {
        List<Candidate> candidates = new ArrayList<>();
        completer.complete(null, new DefaultParser().parse(line, line.length(), ParseContext.COMPLETE), candidates);
        return candidates;
    }

    private static List<String> values(List<Candidate> candidates) {
        return candidates.stream().map(Candidate::value).sorted().toList();
    }
}
