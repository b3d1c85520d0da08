package com.example.vshutdown.simulator.internal;

import java.util.Objects;

import com.example.vshutdown.protocol.Values;

/**
 * Who plays the agents of the simulated {@code ok} and {@code block} domains: the {@code agents}
 * setting, where it came from, and the choice it leads to on the framework at hand.
 *
 * <p>Parsed strictly, as the domain list is: a typo that quietly fell back to {@code auto} would run
 * agents the operator did not ask for, and the demo or test would prove something else.
 *
 * @param mode the mode asked for
 * @param source where it came from, named at the start of every message about it
 */
record AgentsSetting(Mode mode, String source) {
    /** The framework (or system) property that sets the mode where the configuration does not. */
    static final String PROPERTY = "vshutdown.sim.agents";

    /** The shipped agent's bundle, whose presence {@link Mode#AUTO} looks for. */
    static final String AGENT_BUNDLE = "com.example.vshutdown.agent";

    /** The modes, with the words that name them. */
    enum Mode {
        /** The shipped agents where they can run, else the built-in ones. */
        AUTO("auto"),
        /** The shipped agents, or a configuration fault saying why they cannot run. */
        REAL("real"),
        /** The simulator's own agents, whatever is installed. */
        BUILTIN("builtin");

        private final String word;

        Mode(String word) {
            this.word = word;
        }

        String word() {
            return word;
        }
    }

    /**
     * What {@link #choose} decided.
     *
     * @param real whether the shipped agents act (else the built-in ones)
     * @param why one line for the log
     */
    record Choice(boolean real, String why) {
    }

    AgentsSetting {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(source, "source");
    }

    /**
     * The setting in force: the configured value wins over the framework property, which wins over
     * the default {@code auto}.
     *
     * @param configured the {@code agents} property of configuration {@code com.example.vshutdown.simulator}, or null
     * @param framework the framework property {@value #PROPERTY}, or null
     * @throws MalformedSpecException naming the setting and the value when it is none of the modes
     */
    static AgentsSetting of(String configured, String framework) throws MalformedSpecException {
        if (configured != null) {
            return parse("agents (configuration " + SimulatorComponent.PID + ")", configured);
        }
        if (framework != null) {
            return parse(PROPERTY, framework);
        }
        return new AgentsSetting(Mode.AUTO, "default " + PROPERTY);
    }

    static AgentsSetting parse(String source, String text) throws MalformedSpecException {
        String word = text.strip();
        for (Mode mode : Mode.values()) {
            if (mode.word.equals(word)) {
                return new AgentsSetting(mode, source);
            }
        }
        throw new MalformedSpecException(source + ": '" + Values.printable(text)
                + "' is not a mode of the agents (expected auto, real or builtin)");
    }

    /**
     * Decides on a framework as it is now.
     *
     * @param agentBundle whether a bundle {@value #AGENT_BUNDLE} is installed
     * @param configurationAdmin whether a ConfigurationAdmin service is there for the simulator to use
     * @throws MalformedSpecException for {@code real} where the shipped agents cannot run, saying why
     */
    Choice choose(boolean agentBundle, boolean configurationAdmin) throws MalformedSpecException {
        String missing = !agentBundle && !configurationAdmin ? "no bundle " + AGENT_BUNDLE
                + " is installed and ConfigurationAdmin is not available"
                : !agentBundle ? "no bundle " + AGENT_BUNDLE + " is installed"
                : !configurationAdmin ? "ConfigurationAdmin is not available" : null;
        return switch (mode) {
        case BUILTIN -> new Choice(false, "agents=builtin (" + source + ")");
        case AUTO -> missing == null
                ? new Choice(true, "agents=auto (" + source + "): " + AGENT_BUNDLE
                        + " and ConfigurationAdmin are there")
                : new Choice(false, "agents=auto (" + source + "): " + missing);
        case REAL -> {
            if (missing != null) {
                throw new MalformedSpecException(source + ": 'real' asks for the shipped agents, but " + missing
                        + " (install them, or use auto or builtin)");
            }
            yield new Choice(true, "agents=real (" + source + ")");
        }
        };
    }
}
