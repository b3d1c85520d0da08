package com.example.vshutdown.protocol;

import java.util.Objects;

/**
 * What an agent says about a request in {@code nk.<id>.vm.shutdown.status}: that it picked the
 * request up, that the guest refuses to go down (blocked), or that the native command failed.
 * The master reads it only to explain a domain that did not acknowledge.
 *
 * <p>Text form: {@code picked-up <requested>}, {@code blocked <requested> <reason>},
 * {@code failed <requested> <reason>}; the reason is free text on one line.
 */
public record AgentStatus(State state, long requested, String reason) {
    /** The agent's view of a request. */
    public enum State {
        PICKED_UP("picked-up"), BLOCKED("blocked"), FAILED("failed");

        private final String word;

        State(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }

    public AgentStatus {
        Objects.requireNonNull(state, "state");
        reason = reason == null ? "" : flatten(reason);
        if (requested < 0) {
            throw new IllegalArgumentException("requested must not be negative");
        }
    }

    /** A reason is printed in the master's summary: control characters would break its lines. */
    private static String flatten(String reason) {
        StringBuilder sb = new StringBuilder(reason.length());
        reason.codePoints().forEach(c -> sb.appendCodePoint(
                Character.isISOControl(c) || c == 0x2028 || c == 0x2029 ? ' ' : c));
        return sb.toString().strip();
    }

    public static AgentStatus pickedUp(long requested) {
        return new AgentStatus(State.PICKED_UP, requested, "");
    }

    public static AgentStatus blocked(long requested, String reason) {
        return new AgentStatus(State.BLOCKED, requested, reason);
    }

    public static AgentStatus failed(long requested, String reason) {
        return new AgentStatus(State.FAILED, requested, reason);
    }

    /** The text an agent writes. */
    public String format() {
        return reason.isEmpty() ? state.word + " " + requested : state.word + " " + requested + " " + reason;
    }

    /** Parses the text of the status property; a trailing newline is accepted. */
    public static AgentStatus parse(String raw) throws InvalidValueException {
        if (raw == null) {
            throw new InvalidValueException("no status");
        }
        String text = raw.endsWith("\n") ? raw.substring(0, raw.length() - 1) : raw;
        if (text.chars().anyMatch(c -> c == '\n' || c == '\r')) {
            // one status is one line: a second line would be read as part of the number or reason
            throw new InvalidValueException("status '" + Values.printable(raw) + "' is more than one line");
        }
        String[] parts = text.split(" ", 3);
        State state = null;
        for (State s : State.values()) {
            if (s.word.equals(parts[0])) {
                state = s;
            }
        }
        if (state == null || parts.length < 2) {
            throw new InvalidValueException("status '" + Values.printable(raw) + "' is not understood");
        }
        long requested;
        try {
            requested = Values.parseCounter(parts[1]);
        } catch (InvalidValueException e) {
            throw new InvalidValueException("status '" + Values.printable(raw) + "' has a malformed request value");
        }
        return new AgentStatus(state, requested, parts.length > 2 ? parts[2] : "");
    }
}
