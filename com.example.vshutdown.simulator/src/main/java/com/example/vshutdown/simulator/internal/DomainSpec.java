package com.example.vshutdown.simulator.internal;

import java.util.Objects;

/**
 * One simulated slave domain as the operator described it: its id, how its guest behaves, and the
 * behaviour's argument (the delay of {@code ok}, the reason of {@code block}).
 *
 * @param id the domain id
 * @param behaviour how the guest reacts to a request
 * @param delayMillis for {@code ok}: how long the guest takes to go down; 0 otherwise
 * @param reason for {@code block}: why the guest refuses to go down; empty otherwise
 */
public record DomainSpec(int id, Behaviour behaviour, long delayMillis, String reason) {
    /** What the simulated guest of a domain does. */
    public enum Behaviour {
        /** Picks the request up and goes down (or down and up again) after a delay. */
        OK("ok"),
        /** Never picks a request up: no agent, guest asleep, power events ignored. */
        IGNORE("ignore"),
        /** Picks the request up but the guest refuses to go down. */
        BLOCK("block"),
        /** Exists but is not running (even counter); nobody in it can act. */
        STOPPED("stopped"),
        /** Its running counter holds a malformed value. */
        INVALID("invalid");

        private final String word;

        Behaviour(String word) {
            this.word = word;
        }

        /** The word used in {@code vshutdown.sim.domains}. */
        public String word() {
            return word;
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

    public static DomainSpec of(int id, Behaviour behaviour) {
        return new DomainSpec(id, behaviour, 0, "");
    }

    /** The entry in the syntax of {@code vshutdown.sim.domains}, arguments spelled out. */
    @Override
    public String toString() {
        return switch (behaviour) {
        case OK -> id + ":ok:" + delayMillis;
        case BLOCK -> id + ":block:" + reason;
        default -> id + ":" + behaviour.word();
        };
    }
}
