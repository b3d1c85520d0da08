package com.example.vshutdown.itest;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.function.Consumer;

import com.example.vshutdown.api.ShutdownListener;
import com.example.vshutdown.itest.MatrixView.DomainState;
import com.example.vshutdown.itest.MatrixView.Reaction;
import com.example.vshutdown.protocol.AgentStatus;
import com.example.vshutdown.protocol.InvalidValueException;

/**
 * One failure scenario of the matrix: the simulated slave domain 2 that shows it (domain 1, a
 * cooperative guest, is there too and is what a system-wide shutdown also asks), how each domain
 * reacts to a request, and what the test does to the platform while the command runs. The list is
 * {@link MatrixScenarios#ALL}.
 */
final class MatrixScenario {
    /** The cooperative neighbour of every scenario: asked by a system-wide shutdown, never by a selective one. */
    static final String NEIGHBOUR = "1:ok:20";

    /** What a scenario can do to the case it runs in. */
    interface Stage {
        /** Stops the agent bundle: every simulated domain's agent ends, as a crashed agent process. */
        void stopAgents();

        /** Starts the agent bundle again and waits until the agents of the domains that run are there. */
        void startAgents();

        /** Registers a better-ranked view over the same platform, waits until the master follows it, removes the old. */
        void swapProvider();

        /** Takes the master's only provider away. */
        void loseProvider();

        /** Registers a listener for the rest of the case. */
        void register(ShutdownListener listener);

        /** The listener of that type that the scenario registered. */
        <T extends ShutdownListener> T registered(Class<T> type);

        EventLog events();

        PropertyWatch watch();

        /** The views the master was given in this case, in order: the last one is the current one. */
        List<MatrixView> views();

        /** Records a failed check of the scenario's own; the case fails with it. */
        void check(boolean holds, String what);

        /** Whether the case's command is system-wide. */
        boolean systemWide();

        /**
         * Waits until the master waits with everything settled that the row depends on: the scenario
         * domain asked (after its reaction), and in a system-wide row domain 1's answer seen, where it
         * answers. This is where a Ctrl-C comes.
         */
        void awaitTheWait();

        /** A domain's running counter read from the platform now, or -1. */
        long runningOf(int domain);

        /** Writes a property of the platform, as the hypervisor or a master would. */
        void write(String name, String value);
    }

    final String key;
    final String title;
    final String models;
    final String domain2;
    final int selectiveTarget;
    final boolean endsByItself;
    /** What ends a run of a scenario that ends by itself, as the document says it. */
    final String endsBy;
    final boolean dropNotifications;
    final boolean countersVary;
    private final Consumer<Stage> prepare;
    private final Consumer<Stage> during;
    private final Consumer<Stage> after;
    private final Map<Integer, BiPredicate<DomainState, Long>> conditions;
    private final Map<Integer, Consumer<Stage>> afterReaction;

    private MatrixScenario(Builder b) {
        key = b.key;
        title = b.title;
        models = b.models;
        domain2 = b.domain2;
        selectiveTarget = b.selectiveTarget;
        endsByItself = b.endsBy != null;
        endsBy = b.endsBy;
        dropNotifications = b.dropNotifications;
        countersVary = b.countersVary;
        prepare = b.prepare;
        during = b.during;
        after = b.after;
        conditions = Map.copyOf(b.conditions);
        afterReaction = Map.copyOf(b.afterReaction);
    }

    /** The simulated platform of the scenario. */
    String domains() {
        return NEIGHBOUR + "," + domain2;
    }

    /** The reactions the master's view waits for, with what the scenario does once each has come. */
    Map<Integer, Reaction> reactions(Stage stage) {
        Map<Integer, Reaction> reactions = new HashMap<>();
        conditions.forEach((domain, condition) -> reactions.put(domain, Reaction.when(condition)
                .then(() -> afterReaction.getOrDefault(domain, s -> { }).accept(stage))));
        return reactions;
    }

    /** Whether domain 1 goes down when asked in this scenario, so that a system-wide wait sees it first. */
    boolean neighbourAnswers() {
        return conditions.containsKey(1);
    }

    void prepare(Stage stage) {
        prepare.accept(stage);
    }

    void during(Stage stage) {
        during.accept(stage);
    }

    void after(Stage stage) {
        after.accept(stage);
    }

    // ---- reactions ---------------------------------------------------------------------------

    /** The running counter reached the request: the domain went down. */
    static final BiPredicate<DomainState, Long> DOWN = (d, request) -> d.runningValue() >= request;
    /** Down and started again: the counter is past a shutdown request, odd. */
    static final BiPredicate<DomainState, Long> BACK_UP = (d, request) -> d.runningValue() >= request + 1;
    /** The domain's properties are gone. */
    static final BiPredicate<DomainState, Long> VANISHED = (d, request) -> d.running().isEmpty();

    /** The agent's status says this of this very request. */
    static BiPredicate<DomainState, Long> status(AgentStatus.State state) {
        return (d, request) -> parse(d.status()).filter(s -> s.state() == state && s.requested() == request)
                .isPresent();
    }

    private static Optional<AgentStatus> parse(Optional<String> raw) {
        try {
            return raw.isEmpty() ? Optional.empty() : Optional.of(AgentStatus.parse(raw.get()));
        } catch (InvalidValueException e) {
            return Optional.empty();
        }
    }

    static Builder scenario(String key, String title) {
        return new Builder(key, title);
    }

    /** Builds a scenario; everything a scenario does not say is nothing. */
    static final class Builder {
        private final String key;
        private final String title;
        private String models = "";
        private String domain2;
        private int selectiveTarget = 2;
        private String endsBy;
        private boolean dropNotifications;
        private boolean countersVary;
        private Consumer<Stage> prepare = s -> { };
        private Consumer<Stage> during = s -> { };
        private Consumer<Stage> after = s -> { };
        private final Map<Integer, BiPredicate<DomainState, Long>> conditions = new HashMap<>();
        private final Map<Integer, Consumer<Stage>> afterReaction = new HashMap<>();

        Builder(String key, String title) {
            this.key = key;
            this.title = title;
        }

        Builder models(String text) {
            models = text;
            return this;
        }

        Builder domain2(String entry) {
            domain2 = entry;
            return this;
        }

        Builder selectiveTarget(int id) {
            selectiveTarget = id;
            return this;
        }

        /** Nothing needs a Ctrl-C: it ends by itself; its time-out is long, a bound only. */
        Builder endsByItself() {
            return endsBy("itself");
        }

        /** Ends by itself, through what the test does to it. */
        Builder endsBy(String what) {
            endsBy = what;
            return this;
        }

        Builder dropNotifications() {
            dropNotifications = true;
            return this;
        }

        Builder countersVary() {
            countersVary = true;
            return this;
        }

        /** Domain 1 goes down when asked, and the master's wait starts only once it has. */
        Builder neighbourGoesDown() {
            return reacts(1, DOWN);
        }

        Builder reacts(int domain, BiPredicate<DomainState, Long> condition) {
            conditions.put(domain, condition);
            return this;
        }

        Builder afterReaction(int domain, Consumer<Stage> action) {
            afterReaction.put(domain, action);
            return this;
        }

        Builder prepare(Consumer<Stage> action) {
            prepare = action;
            return this;
        }

        Builder during(Consumer<Stage> action) {
            during = action;
            return this;
        }

        Builder after(Consumer<Stage> action) {
            after = action;
            return this;
        }

        MatrixScenario build() {
            return new MatrixScenario(this);
        }
    }
}
