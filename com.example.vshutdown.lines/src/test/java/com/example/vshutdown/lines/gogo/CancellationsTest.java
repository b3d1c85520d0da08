package com.example.vshutdown.lines.gogo;

import static com.example.vshutdown.lines.gogo.GogoFixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.example.vshutdown.console.Cancellation;

/** The contract of com.example.vshutdown.console, as the shell's Cancellations keeps it. */
class CancellationsTest {
    private final GogoFixture gogo = new GogoFixture();
    private final CountDownLatch release = gogo.release;

    @AfterEach
    void close() {
        gogo.close();
    }

    @Test
    void ctrlCLeavesBackgroundJobsAlone() throws Exception {
        AtomicReference<Cancellation.Registration> background = new AtomicReference<>();
        AtomicReference<Cancellation.Registration> foreground = new AtomicReference<>();
        CountDownLatch backgroundRegistered = new CountDownLatch(1);
        CountDownLatch foregroundRegistered = new CountDownLatch(1);
        gogo.command("job", (session, arguments) -> {
            // Gogo passes its words as tokens, not strings
            boolean inBackground = "background".equals(String.valueOf(arguments.get(0)));
            Runnable cancel = () -> gogo.events.add("cancelled " + arguments.get(0));
            try (Cancellation.Registration ctrlC = Cancellation.register(session.get(Cancellation.SESSION_VARIABLE), cancel)) {
                (inBackground ? background : foreground).set(ctrlC);
                (inBackground ? backgroundRegistered : foregroundRegistered).countDown();
                release.await();
            }
            return null;
        });
        assertEquals(0, gogo.runner.run("job background &", new CtrlC()).status());
        await(backgroundRegistered);
        CtrlC ctrlC = new CtrlC();
        CompletableFuture<LineRunner.Outcome> line = gogo.start("job foreground", ctrlC);
        await(foregroundRegistered);

        ctrlC.press();

        assertTrue(foreground.get().cancelled());
        assertFalse(background.get().cancelled());
        assertEquals(List.of("cancelled foreground"), gogo.events);
        release.countDown();
        assertEquals(0, await(line).status());
    }

    @Test
    void aClosedRegistrationIsNotCancelled() throws Exception {
        CountDownLatch closed = new CountDownLatch(1);
        CountDownLatch pressed = new CountDownLatch(1);
        gogo.command("done", (session, arguments) -> {
            Cancellation.register(session.get(Cancellation.SESSION_VARIABLE), () -> gogo.events.add("cancelled"))
                    .close();
            closed.countDown();
            pressed.await();
            return null;
        });
        CtrlC ctrlC = new CtrlC();
        CompletableFuture<LineRunner.Outcome> line = gogo.start("done", ctrlC);
        await(closed);

        ctrlC.press();
        pressed.countDown();

        assertEquals(0, await(line).status());
        assertEquals(List.of(), gogo.events);
    }

    @Test
    void aCancelRunsOnceAndOneThatThrowsDoesNotStopTheOthers() throws Exception {
        CountDownLatch registered = new CountDownLatch(1);
        gogo.command("two", (session, arguments) -> {
            Object cancellation = session.get(Cancellation.SESSION_VARIABLE);
            try (Cancellation.Registration broken = Cancellation.register(cancellation, () -> {
                    gogo.events.add("broken");
                    throw new IllegalStateException("broken cancel");
                });
                    Cancellation.Registration working = Cancellation.register(cancellation,
                            () -> gogo.events.add("working"))) {
                registered.countDown();
                release.await();
                return broken.cancelled() && working.cancelled();
            }
        });
        CtrlC ctrlC = new CtrlC();
        CompletableFuture<LineRunner.Outcome> line = gogo.start("two", ctrlC);
        await(registered);

        ctrlC.press();
        release.countDown();

        assertEquals(0, await(line).status());
        assertEquals(List.of("broken", "working"), gogo.events);
        assertEquals("true", gogo.output().strip());
    }

    @Test
    void aLineStartsWithoutTheCtrlCOfTheLineBefore() throws Exception {
        gogo.command("check", (session, arguments) -> {
            try (Cancellation.Registration ctrlC = gogo.registerThreadInterrupt()) {
                return ctrlC.cancelled();
            }
        });
        CtrlC first = new CtrlC();
        first.press();
        gogo.runner.run("check", first);

        gogo.runner.run("check", new CtrlC());

        assertEquals(List.of("true", "false"), gogo.output().lines().toList());
        Thread.interrupted(); // no test thread was interrupted; keep it so
    }

    @Test
    void aSessionWithoutALineRunnerRegistersNothing() {
        Cancellation.Registration none = Cancellation.register(null, () -> { throw new AssertionError(); });

        assertSame(Cancellation.NONE, none);
        assertFalse(none.cancelled());
        none.close();
    }
}
