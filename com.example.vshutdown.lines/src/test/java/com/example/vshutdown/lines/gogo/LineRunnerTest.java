package com.example.vshutdown.lines.gogo;

import static com.example.vshutdown.lines.gogo.GogoFixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import org.apache.felix.service.command.Process;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.example.vshutdown.api.ExitStatus;
import com.example.vshutdown.api.ShutdownException;
import com.example.vshutdown.console.Cancellation;

/** A line in, an exit status and at most one error line out, Ctrl-C included. */
class LineRunnerTest {
    private final GogoFixture gogo = new GogoFixture();
    private final CountDownLatch registered = new CountDownLatch(1);
    private final CountDownLatch release = gogo.release;

    @AfterEach
    void close() {
        gogo.close();
    }

    @Test
    void theResultGoesToTheConsoleAndTheStatusIsZero() throws Exception {
        gogo.command("answer", (session, arguments) -> 42);

        LineRunner.Outcome outcome = gogo.runner.run("answer", new CtrlC());

        assertEquals(new LineRunner.Outcome(0, null), outcome);
        assertEquals("42", gogo.output().strip());
    }

    @Test
    void theErrorLineNamesTheCommandThatFailedNotTheFirstOfTheLine() throws Exception {
        gogo.command("providers", (session, arguments) -> null);
        gogo.command("vshutdown", (session, arguments) -> {
            throw new ShutdownException(ExitStatus.ERROR, "no vproperty provider is available");
        });

        LineRunner.Outcome outcome = gogo.runner.run("providers ; vshutdown 1", new CtrlC());

        assertEquals(new LineRunner.Outcome(4, "vshutdown: no vproperty provider is available"), outcome);
    }

    /** Commands as a service declares them: each function is the method of that name. */
    public static final class Commands {
        public String produce() {
            return "rows";
        }

        public void consume(Object input) throws ShutdownException {
            throw new ShutdownException(ExitStatus.ERROR, "no vproperty provider is available");
        }
    }

    @Test
    void inAPipelineTheErrorLineNamesTheCommandThatThrew() throws Exception {
        gogo.commands("app", new Commands(), "produce", "consume");

        LineRunner.Outcome outcome = gogo.runner.run("produce | consume x", new CtrlC());

        assertEquals(new LineRunner.Outcome(4, "consume: no vproperty provider is available"), outcome);
    }

    @Test
    void anUnknownCommandInAPipelineIsNamedAsTyped() throws Exception {
        gogo.commands("app", new Commands(), "produce", "consume");

        LineRunner.Outcome outcome = gogo.runner.run("produce | nosuchcommand", new CtrlC());

        assertEquals(new LineRunner.Outcome(2, "nosuchcommand: command not found"), outcome);
    }

    @Test
    void anUnknownCommandIsBadInputNamedAsTyped() throws Exception {
        gogo.command("providers", (session, arguments) -> null);

        LineRunner.Outcome outcome = gogo.runner.run("providers ; nosuchcommand 1", new CtrlC());

        assertEquals(new LineRunner.Outcome(2, "nosuchcommand: command not found"), outcome);
    }

    @ParameterizedTest
    @ValueSource(strings = {"echo {", "echo 'unclosed", "echo )", "echo ${"})
    void aLineThatIsNotValidGogoIsBadInputWithOneLine(String line) throws Exception {
        LineRunner.Outcome outcome = gogo.runner.run(line, new CtrlC());

        assertEquals(ExitStatus.BAD_INPUT.code(), outcome.status(), outcome::toString);
        assertEquals(1, outcome.error().lines().count(), outcome::toString);
        assertEquals("", gogo.output());
    }

    @Test
    void aCommandThatFailsWithoutThrowingGivesItsErrorCodeAndNoLine() throws Exception {
        gogo.command("usage", (session, arguments) -> {
            Process.Utils.current().error(2); // as gogo.jline's commands report bad usage
            return null;
        });

        assertEquals(new LineRunner.Outcome(2, null), gogo.runner.run("usage", new CtrlC()));
    }

    @Test
    void ctrlCCancelsWhatTheCommandRegisteredAndItsOwnOutcomeComesFirst() throws Exception {
        gogo.command("cancellable", (session, arguments) -> {
            try (Cancellation.Registration ctrlC = gogo.registerThreadInterrupt()) {
                registered.countDown();
                release.await();
                return "not cancelled";
            } catch (InterruptedException e) {
                gogo.events.add("summary");
                throw new ShutdownException(ExitStatus.CANCELLED, "cancelled (by the test)");
            }
        });
        CtrlC ctrlC = new CtrlC();
        CompletableFuture<LineRunner.Outcome> line = gogo.start("cancellable", ctrlC);
        await(registered);

        ctrlC.press();
        LineRunner.Outcome outcome = await(line);
        gogo.events.add("prompt");

        assertEquals(new LineRunner.Outcome(1, "cancellable: cancelled (by the test)"), outcome);
        // not gosh's InterruptedException at once, with the command printing under the prompt
        assertEquals(List.of("summary", "prompt"), gogo.events);
        assertNull(gogo.session.foregroundJob());
    }

    @Test
    void ctrlCBeforeTheCommandRegisteredIsAppliedAtItsRegistration() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch pressed = new CountDownLatch(1);
        gogo.command("slowstarter", (session, arguments) -> {
            running.countDown();
            pressed.await(); // still busy before it registers, as vshutdown is before its wait
            try (Cancellation.Registration ctrlC = gogo.registerThreadInterrupt()) {
                gogo.events.add("cancelled at registration: " + ctrlC.cancelled());
                gogo.events.add("interrupted: " + Thread.interrupted());
                throw new ShutdownException(ExitStatus.CANCELLED, "cancelled before it started");
            }
        });
        CtrlC ctrlC = new CtrlC();
        CompletableFuture<LineRunner.Outcome> line = gogo.start("slowstarter", ctrlC);
        await(running);

        ctrlC.press();
        pressed.countDown();

        assertEquals(new LineRunner.Outcome(1, "slowstarter: cancelled before it started"), await(line));
        assertEquals(List.of("cancelled at registration: true", "interrupted: true"), gogo.events);
    }

    @Test
    void ctrlCBeforeTheLineStartsIsNotLostEither() throws Exception {
        gogo.command("cancellable", (session, arguments) -> {
            try (Cancellation.Registration ctrlC = gogo.registerThreadInterrupt()) {
                return "cancelled at registration: " + ctrlC.cancelled();
            }
        });
        CtrlC ctrlC = new CtrlC();
        ctrlC.press(); // as a SIGINT between the trap and the line

        assertEquals(new LineRunner.Outcome(0, null), gogo.runner.run("cancellable", ctrlC));
        assertEquals("cancelled at registration: true", gogo.output().strip());
    }

    @Test
    void aCommandThatRegisteredNothingRunsOnAtTheFirstCtrlCAndTheSecondAbandonsTheLine() throws Exception {
        CountDownLatch step = new CountDownLatch(1);
        CountDownLatch stepped = new CountDownLatch(1);
        gogo.command("stubborn", (session, arguments) -> {
            registered.countDown();
            step.await(); // an interrupt from the first Ctrl-C would end this wait, or show below
            gogo.events.add("after the first Ctrl-C, interrupted: " + Thread.interrupted());
            stepped.countDown();
            release.await();
            return null;
        });
        CtrlC ctrlC = new CtrlC();
        CompletableFuture<LineRunner.Outcome> line = gogo.start("stubborn ; echo after", ctrlC);
        await(registered);

        ctrlC.press(); // the press is applied before press() returns
        step.countDown();
        await(stepped);
        ctrlC.press();

        String abandoned = "stubborn: abandoned at a second Ctrl-C, without waiting for it to end";
        assertEquals(new LineRunner.Outcome(130, abandoned), await(line));
        assertEquals(List.of("after the first Ctrl-C, interrupted: false"), gogo.events);
        // Gogo interrupted the abandoned job: the rest of its line does not run, the session is free
        gogo.command("answer", (session, arguments) -> 42);
        assertEquals(new LineRunner.Outcome(0, null), gogo.runner.run("answer", new CtrlC()));
        assertEquals("42", gogo.output().strip());
    }

    @Test
    void twoCtrlCBeforeTheLineStartsAbandonItUnrun() throws Exception {
        gogo.command("never", (session, arguments) -> {
            gogo.events.add("ran");
            return null;
        });
        CtrlC ctrlC = new CtrlC();
        ctrlC.press();
        ctrlC.press();

        assertEquals(130, gogo.runner.run("never", ctrlC).status());
        assertEquals(List.of(), gogo.events);
    }
}
