package com.example.vshutdown.simulator.internal;

import java.util.Objects;

/**
 * One simulated slave domain as the operator described it: its id, how its guest behaves, and the
 * behaviour's argument (a delay in milliseconds, or a reason).
 *
 * @param id the domain id
 * @param behaviour how the guest reacts to a request
 * @param delayMillis the behaviour's delay (see {@link Behaviour}); 0 for behaviours without one
 * @param reason for {@code block} and {@code fail}: the guest's reason; empty otherwise
 */
public record DomainSpec(int id, Behaviour behaviour, long delayMillis, String reason) {
    /** What the argument of a behaviour is. */
    public enum Argument {
        /** None allowed. */
        NONE,
        /** A delay in milliseconds that may be left out ({@link SimulatorSpec#DEFAULT_DELAY_MILLIS}). */
        OPTIONAL_DELAY,
        /** A delay in milliseconds that must be given. */
        DELAY,
        /** A reason, free text, that may be left out. */
        OPTIONAL_REASON
    }

    /** What the simulated guest of a domain does; the words are those of {@code vshutdown.sim.domains}. */
    public enum Behaviour {
        /** Goes down (or down and up again, for a reboot) {@code ms} after it is asked. */
        OK("ok", Argument.OPTIONAL_DELAY),
        /** Never picks a request up: no agent, guest asleep, power events ignored. */
        IGNORE("ignore", Argument.NONE),
        /** Its agent picks the request up, but the guest refuses to go down, for the reason. */
        BLOCK("block", Argument.OPTIONAL_REASON),
        /** Exists but is not running (even counter); nobody in it can act. */
        STOPPED("stopped", Argument.NONE),
        /** Its running counter holds a malformed value. */
        INVALID("invalid", Argument.NONE),
        /** Goes down {@code ms} after it is asked, then the hypervisor starts it again at once. */
        BOUNCE("bounce", Argument.OPTIONAL_DELAY),
        /** No agent until {@code ms} after the platform started; then as {@code ok} with the default delay. */
        LATE("late", Argument.DELAY),
        /** When asked, its properties disappear {@code ms} later: the domain is destroyed, its agent with it. */
        VANISH("vanish", Argument.OPTIONAL_DELAY),
        /** Its native command fails, for the reason; the domain stays up. */
        FAIL("fail", Argument.OPTIONAL_REASON),
        /** Its native command never returns (until the agent gives up on it); the domain stays up. */
        HANG("hang", Argument.NONE),
        /** Does not exist until {@code ms} after the platform started; then runs as {@code ok} with the default delay. */
        APPEAR("appear", Argument.DELAY);

        private final String word;
        private final Argument argument;

        Behaviour(String word, Argument argument) {
            this.word = word;
            this.argument = argument;
        }

        /** The word used in {@code vshutdown.sim.domains}. */
        public String word() {
            return word;
        }

        public Argument argument() {
            return argument;
        }

        /** Whether anybody is in such a domain to answer: a guest OS with an agent (at once or later). */
        public boolean hasGuest() {
            return this != IGNORE && this != STOPPED && this != INVALID;
        }
    }

    public DomainSpec {
        Objects.requireNonNull(behaviour, "behaviour");
        reason = reason == null ? "" : reason;
        if (id < 0 || delayMillis < 0) {
            throw new IllegalArgumentException("id and delay must not be negative");
        }
    }

    public static DomainSpec ok(int id, long delayMillis) {
        return new DomainSpec(id, Behaviour.OK, delayMillis, "");
    }

    public static DomainSpec block(int id, String reason) {
        return new DomainSpec(id, Behaviour.BLOCK, 0, reason);
    }

    /** A domain of a behaviour that takes a delay. */
    public static DomainSpec delayed(int id, Behaviour behaviour, long delayMillis) {
        return new DomainSpec(id, behaviour, delayMillis, "");
    }

    /** A domain of a behaviour that takes a reason. */
    public static DomainSpec because(int id, Behaviour behaviour, String reason) {
        return new DomainSpec(id, behaviour, 0, reason);
    }

    public static DomainSpec of(int id, Behaviour behaviour) {
        return new DomainSpec(id, behaviour, 0, "");
    }

    /** How long after the platform started its agent starts: {@code late} and {@code appear} wait, the rest do not. */
    public long agentStartMillis() {
        return behaviour.argument() == Argument.DELAY ? delayMillis : 0;
    }

    /** How long after it is asked the guest goes down (or is destroyed). */
    public long haltMillis() {
        return behaviour.argument() == Argument.OPTIONAL_DELAY ? delayMillis : SimulatorSpec.DEFAULT_DELAY_MILLIS;
    }

    /** The entry in the syntax of {@code vshutdown.sim.domains}, arguments spelled out. */
    @Override
    public String toString() {
        return switch (behaviour.argument()) {
        case NONE -> id + ":" + behaviour.word();
        case OPTIONAL_DELAY, DELAY -> id + ":" + behaviour.word() + ":" + delayMillis;
        case OPTIONAL_REASON -> id + ":" + behaviour.word() + ":" + reason;
        };
    }
}
