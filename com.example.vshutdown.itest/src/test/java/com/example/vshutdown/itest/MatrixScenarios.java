package com.example.vshutdown.itest;

import static com.example.vshutdown.itest.MatrixScenario.BACK_UP;
import static com.example.vshutdown.itest.MatrixScenario.DOWN;
import static com.example.vshutdown.itest.MatrixScenario.VANISHED;
import static com.example.vshutdown.itest.MatrixScenario.scenario;
import static com.example.vshutdown.itest.MatrixScenario.status;

import java.util.List;

import com.example.vshutdown.api.ShutdownEvent;
import com.example.vshutdown.api.ShutdownEvent.Type;
import com.example.vshutdown.api.ShutdownListener;
import com.example.vshutdown.itest.MatrixScenario.Stage;
import com.example.vshutdown.protocol.AgentStatus;
import com.example.vshutdown.protocol.VProperties;

/**
 * The scenarios of the failure matrix, in the order of {@code docs/RELIABILITY.md}: the soft-shutdown
 * failures of 000 and the safety cases of issue 9, each with what the test does to the platform and
 * what it checks beyond the rules every run keeps.
 */
final class MatrixScenarios {
    private MatrixScenarios() {
    }

    /** Every scenario, in the order of the document. */
    static final List<MatrixScenario> ALL = List.of(
            scenario("cooperative", "Cooperative guests")
                    .models("every guest picks the request up and goes down: the reference row")
                    .domain2("2:ok:20").endsByItself().build(),
            scenario("no-agent", "No agent answers")
                    .models("no agent runs, the guest sleeps, ignores the power event, or takes no shutdown while "
                            + "nobody is logged in (000, scenarios 3, 5 and 6): nobody ever picks the request up")
                    .domain2("2:ignore").neighbourGoesDown().build(),
            scenario("agent-later", "The agent starts later")
                    .models("a guest still initialising ignores the shutdown until it is done (000, scenario 7): its "
                            + "agent starts after the command has ended, and must then find nothing to act on "
                            + "(issue 9, case 3). Here every agent is held until the command ends")
                    .domain2("2:ok:20").prepare(Stage::stopAgents).after(MatrixScenarios::laterAgentActsOnNothing)
                    .build(),
            scenario("refuses-update", "The guest refuses: an update is being installed")
                    .models("Windows Update must not be cut off (000, scenario 1): the agent picks the request up, "
                            + "the guest refuses, and the agent says why")
                    .domain2("2:block:an update is being installed").neighbourGoesDown()
                    .reacts(2, status(AgentStatus.State.BLOCKED)).build(),
            scenario("refuses-veto", "The guest refuses: an application vetoes")
                    .models("an application answers the shutdown broadcast with a veto (000, scenario 4)")
                    .domain2("2:block:an application vetoes the shutdown").neighbourGoesDown()
                    .reacts(2, status(AgentStatus.State.BLOCKED)).build(),
            scenario("native-fails", "The native command fails")
                    .models("the guest's own shutdown command exits with an error (a damaged system, 000, scenario 8)")
                    .domain2("2:fail:poweroff: exit status 1").neighbourGoesDown()
                    .reacts(2, status(AgentStatus.State.FAILED)).build(),
            scenario("native-hangs", "The native command hangs")
                    .models("the guest's shutdown waits for somebody at a prompt (000, scenario 2): the agent has "
                            + "picked the request up and its command does not return (the agent's bound, 30 s, is "
                            + "not reached here)")
                    .domain2("2:hang").neighbourGoesDown().reacts(2, status(AgentStatus.State.PICKED_UP)).build(),
            scenario("came-back-up", "The domain comes back up")
                    .models("asked to shut down, the domain goes down and the hypervisor starts it again, every time "
                            + "it is asked (issue 9, case 1): never taken for acknowledged. Here the master looks "
                            + "once it runs again; one that looks while it is down sees an acknowledgement, and a "
                            + "domain started again after the master's last look cannot be seen (see below). Counter "
                            + "values depend on how often it bounced, so they are shown as n")
                    .domain2("2:bounce:20").neighbourGoesDown().reacts(2, BACK_UP).countersVary().build(),
            scenario("appears", "A domain appears during the wait")
                    .models("domain 2 is created after the plan was made, while domain 1 is going down (issue 9, "
                            + "case 2): the re-check before the master's native command asks it. Its selective rows "
                            + "shut down domain 1, which cannot name domain 2 before it exists")
                    .domain2("2:appear:2000").endsByItself().selectiveTarget(1)
                    .reacts(1, DOWN).afterReaction(1, MatrixScenarios::awaitDomain2)
                    .after(MatrixScenarios::appearedAfterThePlan).build(),
            scenario("vanishes", "The domain vanishes")
                    .models("the domain is destroyed while the master waits for it (issue 9, case 2): its properties "
                            + "disappear and it is reported gone, not waited for")
                    .domain2("2:vanish:20").endsByItself().neighbourGoesDown().reacts(2, VANISHED).build(),
            scenario("agent-crashes", "The agent crashes after picking the request up")
                    .models("the agent process dies right after writing picked-up, before its command took the "
                            + "guest down (here: the agent bundle stops while the command hangs)")
                    .domain2("2:hang").neighbourGoesDown().reacts(2, status(AgentStatus.State.PICKED_UP))
                    .afterReaction(2, Stage::stopAgents).build(),
            scenario("agent-restarts", "The agent restarts mid-request")
                    .models("the agent restarts after picking the request up, while the guest is going down: the "
                            + "restarted agent finds its record and does not act twice (issue 9, cases 4 and 6)")
                    .domain2("2:ok:200").endsByItself().reacts(2, status(AgentStatus.State.PICKED_UP))
                    .afterReaction(2, MatrixScenarios::restartAgents).after(MatrixScenarios::actedOnce).build(),
            scenario("provider-swapped", "The provider is swapped mid-wait")
                    .models("a better provider of the same platform replaces the master's while it waits (a provider "
                            + "bundle updated), before any agent has answered; the master follows it and completes")
                    .domain2("2:ok:20").endsByItself().prepare(Stage::stopAgents).during(MatrixScenarios::swap)
                    .after(MatrixScenarios::followedTheNewProvider).build(),
            scenario("provider-lost", "The provider is lost mid-wait")
                    .models("the master's only provider goes away while it waits: cancelled whatever -f says; the "
                            + "gone provider cannot withdraw the request, and the summary says so")
                    .domain2("2:ignore").endsBy("the provider's loss").neighbourGoesDown()
                    .during(MatrixScenarios::lose).build(),
            scenario("notification-lost", "Notifications are lost")
                    .models("no change notification reaches the master (a socket overrun): its safety re-read (1 s) "
                            + "finds every answer")
                    .domain2("2:ok:20").endsByItself().dropNotifications().after(MatrixScenarios::droppedOne).build(),
            scenario("listener-throws", "A listener throws")
                    .models("a ShutdownListener throws NoClassDefFoundError at every step (its bundle is being "
                            + "updated, issue 9, case 8): no shutdown suffers, and the next one is admitted")
                    .domain2("2:ignore").neighbourGoesDown().prepare(MatrixScenarios::throwingListener)
                    .after(MatrixScenarios::toldTheThrowingListener).build());

    // ---- what scenarios do -----------------------------------------------------------------------

    private static void awaitDomain2(Stage stage) {
        stage.watch().await(VProperties.running(2), 1);
    }

    private static void restartAgents(Stage stage) {
        stage.stopAgents();
        stage.startAgents();
    }

    private static void swap(Stage stage) {
        stage.awaitTheWait();
        stage.swapProvider();
        stage.startAgents();
    }

    private static void lose(Stage stage) {
        stage.awaitTheWait();
        stage.loseProvider();
    }

    private static void throwingListener(Stage stage) {
        stage.register(new ThrowingListener());
    }

    /** The listener was really told every step, the last one too, and threw at each. */
    private static void toldTheThrowingListener(Stage stage) {
        stage.registered(ThrowingListener.class).told.await(Type.FINISHED, -1);
    }

    /** A listener whose bundle is being updated: every call fails as a class that is gone would. */
    static final class ThrowingListener implements ShutdownListener {
        final EventLog told = new EventLog(VShutdownTestSupport.BOUND_MILLIS);

        @Override
        public void onEvent(ShutdownEvent event) {
            told.onEvent(event);
            throw new NoClassDefFoundError("com/example/platform/Gone");
        }
    }

    /**
     * The agents start after the command: an agent that finds a request left behind would act on it
     * at once. A reboot request written afterwards (a probe) must be the first thing it acts on.
     */
    private static void laterAgentActsOnNothing(Stage stage) {
        long running = stage.runningOf(2);
        if (running < 0 || running % 2 == 0) {
            return; // hard-stopped: nobody is in the domain to act
        }
        stage.startAgents();
        String probe = Long.toString(running + 2);
        stage.write(VProperties.requested(2), probe);
        stage.watch().await(VProperties.status(2), 1);
        stage.check(stage.watch().count(VProperties.status(2)) == 1
                && ("picked-up " + probe).equals(stage.watch().value(VProperties.status(2))),
                "the later agent acted first on the probe request " + probe + ", nothing before it: status "
                        + stage.watch().value(VProperties.status(2)));
    }

    /** The restarted agent found its record: one status, one stop, for the one request. */
    private static void actedOnce(Stage stage) {
        stage.watch().flush();
        stage.check(stage.watch().count(VProperties.status(2)) == 1, "domain 2's status written once, not "
                + stage.watch().count(VProperties.status(2)) + " times");
        stage.check(stage.watch().count(VProperties.running(2)) == 1, "domain 2 went down once, not "
                + stage.watch().count(VProperties.running(2)) + " times");
    }

    /** The master read the answer through the provider that replaced its first one, and let go of the first. */
    private static void followedTheNewProvider(Stage stage) {
        List<MatrixView> views = stage.views();
        stage.check(views.size() == 2, "two providers in turn, not " + views.size());
        stage.check(views.get(1).reads.contains(VProperties.running(2)),
                "the master read domain 2 through the new provider: " + views.get(1).reads);
        stage.check(views.get(0).subscriptions.get() == 0, "the master let go of the old provider");
    }

    /** The master's view did drop the notification of an answer: the safety re-read found it. */
    private static void droppedOne(Stage stage) {
        stage.check(stage.views().get(0).awaitDropped(), "no notification of a running counter was dropped");
    }

    /** In a system-wide row, domain 2 must not have existed when the plan was made. */
    private static void appearedAfterThePlan(Stage stage) {
        if (stage.systemWide()) {
            ShutdownEvent started = stage.events().first(Type.STARTED, -1);
            stage.check(started != null && !started.pending().contains(2), "precondition: domain 2 appeared after "
                    + "the plan (" + (started == null ? "no plan" : "planned: " + started.pending()) + ")");
        }
    }
}
