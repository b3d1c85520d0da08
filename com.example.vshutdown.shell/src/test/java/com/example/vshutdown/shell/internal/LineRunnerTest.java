package com.example.vshutdown.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

import org.apache.felix.gogo.runtime.CommandNotFoundException;
import org.apache.felix.gogo.runtime.CommandProcessorImpl;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Function;
import org.apache.felix.service.command.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.example.vshutdown.api.ExitStatus;
import com.example.vshutdown.api.ShutdownException;

/**
 * The shell's answer to Ctrl-C, against Gogo's real runtime (no framework, no terminal): commands
 * are functions in the session, Ctrl-C is {@link LineRunner#interrupt()}. No test waits for time to
 * pass; the time-outs only keep a broken runner from hanging the build.
 */
class LineRunnerTest {
    private static final long NO_BOUND = TimeUnit.MINUTES.toMillis(1);
    private static final long SAFETY_SECONDS = 30;

    private final ThreadGroup group = new ThreadGroup("line-runner-test");
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final CountDownLatch started = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private CommandSession session;

    @BeforeEach
    void createSession() throws Exception {
        CommandProcessorImpl processor = new CommandProcessorImpl();
        // As in the app: the session is created in the group its commands' threads then join.
        session = inGroup(() -> processor.createSession(new ByteArrayInputStream(new byte[0]),
                new ByteArrayOutputStream(), new ByteArrayOutputStream()));
        session.put("answer", (Function) (s, arguments) -> 42);
        // Like the vshutdown command: waits, and at an interrupt reports and throws its own.
        session.put("cancellable", (Function) (s, arguments) -> {
            started.countDown();
            try {
                new CountDownLatch(1).await();
                return null;
            } catch (InterruptedException e) {
                events.add("summary");
                throw new ShutdownException(ExitStatus.CANCELLED, "cancelled (by the test)");
            }
        });
        // A command that does not react to interrupts: it ends when the test says so.
        session.put("stubborn", (Function) (s, arguments) -> {
            started.countDown();
            while (release.getCount() > 0) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    events.add("ignored an interrupt");
                }
            }
            events.add("stubborn ended");
            return "late";
        });
    }

    @AfterEach
    void closeSession() {
        release.countDown();
        session.close();
    }

    @Test
    void aLineEndsWithItsResultOrItsFailure() throws Exception {
        LineRunner runner = new LineRunner(session, group, NO_BOUND);
        // Ctrl-C with no line running does nothing.
        runner.interrupt();

        LineRunner.Outcome answered = runner.run("answer");
        assertEquals(42, answered.result());
        assertFalse(answered.failed());
        assertFalse(answered.running());

        LineRunner.Outcome unknown = runner.run("no-such-command");
        assertInstanceOf(CommandNotFoundException.class, unknown.failure());
    }

    @Test
    void ctrlCLetsTheCommandFinishAndEndsWithWhatItThrew() throws Exception {
        LineRunner runner = new LineRunner(session, group, NO_BOUND);
        FutureTask<LineRunner.Outcome> line = runInShell(runner, "cancellable");
        assertTrue(started.await(SAFETY_SECONDS, TimeUnit.SECONDS));

        runner.interrupt();
        LineRunner.Outcome outcome = line.get(SAFETY_SECONDS, TimeUnit.SECONDS);
        events.add("prompt");

        // Not gosh's InterruptedException at once, with the command still printing under the
        // prompt: the command's own report first, then its failure, then the prompt.
        assertEquals(List.of("summary", "prompt"), events);
        assertInstanceOf(ShutdownException.class, outcome.failure());
        assertEquals("cancellable: cancelled (by the test)",
                CommandFailure.describe("cancellable", outcome.failure()));
        assertFalse(outcome.running());
        assertEquals(List.of(), new ArrayList<>(session.jobs()));
    }

    @Test
    void aSecondCtrlCLeavesACommandThatIgnoresInterruptsInTheBackground() throws Exception {
        LineRunner runner = new LineRunner(session, group, NO_BOUND);
        FutureTask<LineRunner.Outcome> line = runInShell(runner, "stubborn");
        assertTrue(started.await(SAFETY_SECONDS, TimeUnit.SECONDS));

        runner.interrupt();
        runner.interrupt();
        LineRunner.Outcome outcome = line.get(SAFETY_SECONDS, TimeUnit.SECONDS);

        assertLeftRunningUntilReleased(outcome);
    }

    @Test
    void aCommandThatIgnoresCtrlCIsLeftInTheBackgroundAfterTheBound() throws Exception {
        LineRunner runner = new LineRunner(session, group, 100);
        FutureTask<LineRunner.Outcome> line = runInShell(runner, "stubborn");
        assertTrue(started.await(SAFETY_SECONDS, TimeUnit.SECONDS));

        runner.interrupt();
        LineRunner.Outcome outcome = line.get(SAFETY_SECONDS, TimeUnit.SECONDS);

        assertLeftRunningUntilReleased(outcome);
    }

    @Test
    void ctrlCLeavesBackgroundJobsAlone() throws Exception {
        CountDownLatch background = new CountDownLatch(1);
        session.put("sleeper", (Function) (s, arguments) -> {
            try {
                background.await();
                events.add("sleeper released");
            } catch (InterruptedException e) {
                events.add("sleeper interrupted");
            }
            return null;
        });
        LineRunner runner = new LineRunner(session, group, NO_BOUND);
        assertFalse(runner.run("sleeper &").running());
        Job sleeper = session.jobs().get(0);

        FutureTask<LineRunner.Outcome> line = runInShell(runner, "cancellable");
        assertTrue(started.await(SAFETY_SECONDS, TimeUnit.SECONDS));
        runner.interrupt();
        LineRunner.Outcome outcome = line.get(SAFETY_SECONDS, TimeUnit.SECONDS);
        assertInstanceOf(ShutdownException.class, outcome.failure());

        // Had Ctrl-C reached it too, its thread would carry the interrupt into the wait.
        background.countDown();
        awaitDone(sleeper);
        assertEquals(List.of("summary", "sleeper released"), events);
    }

    private void assertLeftRunningUntilReleased(LineRunner.Outcome outcome) throws Exception {
        assertTrue(outcome.running(), outcome::toString);
        Job job = outcome.stillRunning().get(0);
        assertEquals(Job.Status.Background, job.status());
        assertFalse(events.contains("stubborn ended"));
        // The shell's session is free for the next line meanwhile.
        assertEquals(42, new LineRunner(session, group, NO_BOUND).run("answer").result());

        release.countDown();
        awaitDone(job);
        assertTrue(events.contains("stubborn ended"), events::toString);
    }

    /** Runs a line as the shell's thread does, on a thread of its own. */
    private static FutureTask<LineRunner.Outcome> runInShell(LineRunner runner, String line) {
        FutureTask<LineRunner.Outcome> task = new FutureTask<>(() -> runner.run(line));
        new Thread(task, "shell").start();
        return task;
    }

    private <T> T inGroup(Callable<T> action) throws Exception {
        FutureTask<T> task = new FutureTask<>(action);
        new Thread(group, task, "creator").start();
        return task.get(SAFETY_SECONDS, TimeUnit.SECONDS);
    }

    private static void awaitDone(Job job) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SAFETY_SECONDS);
        synchronized (job) {
            // Gogo notifies on the job at each change of its status.
            while (job.status() != Job.Status.Done && System.nanoTime() < deadline) {
                job.wait(TimeUnit.SECONDS.toMillis(1));
            }
        }
        assertEquals(Job.Status.Done, job.status());
    }
}
