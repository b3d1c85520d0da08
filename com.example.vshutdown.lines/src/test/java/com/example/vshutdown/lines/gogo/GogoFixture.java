package com.example.vshutdown.lines.gogo;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.felix.gogo.runtime.CommandProcessorImpl;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Function;

import com.example.vshutdown.console.Cancellation;

/**
 * A real Gogo session (no framework, no terminal) with a {@link LineRunner}, and commands that
 * behave as the shell's commands do. Every wait is for an event, bounded only to catch a hang.
 */
final class GogoFixture implements AutoCloseable {
    static final long HANG = 30;

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final CommandProcessorImpl processor = new CommandProcessorImpl();
    final CommandSession session;
    final LineRunner runner;
    final List<String> events = new CopyOnWriteArrayList<>();
    /** Lets the commands that wait for it end; closing the fixture releases them too. */
    final CountDownLatch release = new CountDownLatch(1);

    GogoFixture() {
        PrintStream console = new PrintStream(out, true, StandardCharsets.UTF_8);
        session = processor.createSession(new ByteArrayInputStream(new byte[0]), console, console);
        runner = new LineRunner(session);
    }

    /** Defines a command: a function in the session, as Gogo runs any command. */
    void command(String name, Function function) {
        session.put(name, function);
    }

    /** Registers methods of {@code target} as commands, as Gogo registers a command service. */
    void commands(String scope, Object target, String... functions) {
        for (String function : functions) {
            processor.addCommand(scope, target, function);
        }
    }

    /** Registers the calling command's thread interrupt, exactly as the vshutdown command does. */
    Cancellation.Registration registerThreadInterrupt() {
        return Cancellation.register(session.get(Cancellation.SESSION_VARIABLE), Thread.currentThread()::interrupt);
    }

    /** Runs a line as a shell does, on a thread of its own. */
    CompletableFuture<LineRunner.Outcome> start(String line, CtrlC ctrlC) {
        CompletableFuture<LineRunner.Outcome> outcome = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                outcome.complete(runner.run(line, ctrlC));
            } catch (Throwable e) {
                outcome.completeExceptionally(e);
            }
        }, "shell");
        thread.start();
        return outcome;
    }

    static LineRunner.Outcome await(CompletableFuture<LineRunner.Outcome> outcome) throws Exception {
        return outcome.get(HANG, TimeUnit.SECONDS);
    }

    static void await(CountDownLatch latch) throws InterruptedException {
        if (!latch.await(HANG, TimeUnit.SECONDS)) {
            throw new AssertionError("hung");
        }
    }

    String output() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        release.countDown();
        runner.close();
        session.close();
    }
}
