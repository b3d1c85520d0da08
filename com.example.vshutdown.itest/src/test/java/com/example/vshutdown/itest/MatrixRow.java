package com.example.vshutdown.itest;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

import com.example.vshutdown.api.ShutdownException;
import com.example.vshutdown.itest.MatrixView.DomainState;
import com.example.vshutdown.protocol.AgentStatus;
import com.example.vshutdown.protocol.InvalidValueException;
import com.example.vshutdown.protocol.Values;

/**
 * What one run of the matrix showed, as the document renders it: the command line, its exit
 * status, the summary it printed, whether the master's native command ran, and the vproperties it
 * left behind, with anything the test found wrong.
 *
 * @param endedBy how the command ended: "Ctrl-C", "its time-out", "by itself", …
 * @param notes the live lines of the safety rules that the summary does not repeat (came back up,
 *        re-check, gone), as printed
 * @param summary the summary lines the command printed (or its one error line), as printed
 * @param leftBehind each simulated domain's properties once the command had ended
 * @param problems what the test found wrong in this run; empty when it held
 */
record MatrixRow(MatrixScenario scenario, boolean systemWide, Mode mode, String line, String endedBy, int exit,
        List<String> notes, List<String> summary, List<String> nativeCalls, Map<Integer, DomainState> leftBehind,
        List<String> problems) {

    /** How a run is bounded: the three columns of issue 9's matrix. */
    enum Mode {
        CTRL_C("no -t, Ctrl-C"), TIMEOUT("-t"), FORCE("-f -t");

        final String heading;

        Mode(String heading) {
            this.heading = heading;
        }
    }

    private static final Pattern HEADLINE_TIME = Pattern.compile("^(Done|Done by FORCE|CANCELLED|INCOMPLETE|FAILED) in \\d+ ms");
    private static final Pattern ACK_TIME = Pattern.compile("acknowledged after \\d+ ms");
    private static final Pattern COUNTER = Pattern.compile(
            "\\b(request|requested|running|set back to|picked-up|blocked|failed|counter) \\d+");
    /** The live lines worth showing beside the summary: what the safety rules did during the wait. */
    private static final Pattern NOTE = Pattern.compile(
            "^\\[ *\\d+ ms\\] ((domain \\d+ came back up|re-check before|domain \\d+ is gone).*)$");

    /** The exit status a one-shot run of the line would have: the status its failure carries. */
    static int exitStatus(Gogo gogo) {
        if (gogo == null) {
            return -1;
        }
        if (gogo.failure == null) {
            return 0;
        }
        for (Throwable t = gogo.failure; t != null; t = t.getCause()) {
            if (t instanceof ShutdownException shutdown) {
                return shutdown.status().code();
            }
        }
        return 4;
    }

    /** The summary the command printed after its live lines, or its error line where it printed none. */
    static List<String> summary(Gogo gogo) {
        if (gogo == null) {
            return List.of();
        }
        List<String> lines = gogo.output.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).matches("(Done|Done by FORCE|CANCELLED|INCOMPLETE|FAILED) in \\d+ ms: .*")) {
                return lines.subList(i, lines.size());
            }
        }
        return gogo.failure == null ? List.of() : List.of("vshutdown: " + gogo.failure.getMessage());
    }

    /** The live lines of note in a command's output, without their times, each once. */
    static List<String> notes(String output) {
        return output.lines().map(NOTE::matcher).filter(java.util.regex.Matcher::matches).map(m -> m.group(1))
                .distinct().toList();
    }

    MatrixRow withProblems(List<String> found) {
        return new MatrixRow(scenario, systemWide, mode, line, endedBy, exit, notes, summary, nativeCalls, leftBehind,
                List.copyOf(found));
    }

    /** The first word of the summary: Done, Done by FORCE, CANCELLED, INCOMPLETE, FAILED, or the error line. */
    String headline() {
        if (summary.isEmpty()) {
            return "(nothing printed)";
        }
        String first = summary.get(0);
        int in = first.indexOf(" in ");
        return in > 0 ? first.substring(0, in) : first;
    }

    boolean masterWentDown() {
        return !nativeCalls.isEmpty();
    }

    /** The summary as the document shows it: times (and, where they vary, counter values) replaced. */
    List<String> shownSummary() {
        return summary.stream().map(this::normalise).toList();
    }

    /** The live lines of note as the document shows them, each once after normalising. */
    List<String> shownNotes() {
        return notes.stream().map(this::normalise).distinct().toList();
    }

    String normalise(String text) {
        String shown = HEADLINE_TIME.matcher(text).replaceAll("$1 in N ms");
        shown = ACK_TIME.matcher(shown).replaceAll("acknowledged after N ms");
        return scenario.countersVary ? COUNTER.matcher(shown).replaceAll("$1 n") : shown;
    }

    /** One domain's properties as left behind, and what a later agent would make of them. */
    String shownState(int domain) {
        DomainState state = leftBehind.get(domain);
        if (state == null || state.running().isEmpty()) {
            return "gone (no properties)";
        }
        String values = "running " + state.running().get().strip() + ", requested "
                + state.requested().map(String::strip).orElse("-")
                + state.status().map(s -> ", status '" + s.strip() + "'").orElse("");
        return (scenario.countersVary ? relative(values, parse(state.requested())) : values) + ": " + verdict(state);
    }

    /** Counter values as offsets from the request (n), where how far they got varies from run to run. */
    private static String relative(String values, OptionalLong request) {
        if (request.isEmpty()) {
            return values;
        }
        return Pattern.compile("\\b\\d+\\b").matcher(values).replaceAll(m -> {
            long offset = Long.parseLong(m.group()) - request.getAsLong();
            return offset == 0 ? "n" : offset > 0 ? "n+" + offset : "n" + offset;
        });
    }

    /** What a later agent would do with what is left: the invariant of the matrix. */
    static String verdict(DomainState state) {
        if (state.running().isEmpty()) {
            return "gone";
        }
        OptionalLong running = parse(state.running());
        OptionalLong requested = parse(state.requested());
        if (running.isEmpty()) {
            return "malformed";
        }
        if (requested.isEmpty() || requested.getAsLong() <= running.getAsLong()) {
            return "nothing to act on";
        }
        return recordOf(state.status(), requested.getAsLong()).map(s -> "request on record as " + s.state().word()
                + ": no agent acts on it again").orElse("REQUEST LEFT: a later agent would act on it");
    }

    /** Whether a later agent would act on what is left: a request ahead of the counter that no status records. */
    static boolean actionable(DomainState state) {
        return verdict(state).startsWith("REQUEST LEFT");
    }

    private static Optional<AgentStatus> recordOf(Optional<String> raw, long request) {
        try {
            return raw.isEmpty() || raw.get().isBlank() ? Optional.empty()
                    : Optional.of(AgentStatus.parse(raw.get())).filter(s -> s.requested() == request);
        } catch (InvalidValueException e) {
            return Optional.empty();
        }
    }

    private static OptionalLong parse(Optional<String> raw) {
        try {
            return raw.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Values.parseCounter(raw.get()));
        } catch (InvalidValueException e) {
            return OptionalLong.empty();
        }
    }
}
