package com.example.vshutdown.qnx.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.example.vshutdown.support.listeners.VPropertyListeners;

/** The watcher against a scripted vsd_wait: what listeners hear, and how it stops. */
class ChangeWatcherTest {
    private static final long BOUND = 10;

    private final VPropertyListeners listeners = new VPropertyListeners();

    /** A vsd_wait whose answers the test hands in one by one; it reports the count each wait starts from. */
    private static final class ScriptedWait implements ChangeWatcher.Waiter {
        final BlockingQueue<Object> answers = new LinkedBlockingQueue<>();
        final BlockingQueue<Long> seen = new LinkedBlockingQueue<>();

        @Override
        public Optional<DdiLibrary.Change> await(long seq, int timeoutMillis) throws DdiException {
            seen.add(seq);
            Object answer;
            try {
                answer = answers.poll(timeoutMillis, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
            if (answer instanceof DdiException e) {
                throw e;
            }
            return Optional.ofNullable((DdiLibrary.Change) answer);
        }

        /**
         * Waits for the first wait that starts from {@code count}; every wait before it (time-outs
         * come back with nothing) must have started from {@code before}.
         */
        void awaitWaitFrom(long count, long before) throws InterruptedException {
            while (true) {
                Long next = seen.poll(BOUND, TimeUnit.SECONDS);
                assertNotNull(next, "no vsd_wait from count " + count);
                if (next == count) {
                    return;
                }
                assertEquals(before, next, "a wait started from a count nobody returned");
            }
        }
    }

    @Test
    void listenersHearEachChangeAndTheCountIsPassedBack() throws Exception {
        ScriptedWait wait = new ScriptedWait();
        ChangeWatcher watcher = new ChangeWatcher(wait, listeners, Duration.ofMillis(50));
        BlockingQueue<Optional<String>> heard = new LinkedBlockingQueue<>();
        listeners.subscribe(heard::add);
        watcher.start();

        wait.awaitWaitFrom(0, 0);
        wait.answers.add(new DdiLibrary.Change(7, "nk.1.vm.state.running"));
        assertEquals(Optional.of("nk.1.vm.state.running"), heard.poll(BOUND, TimeUnit.SECONDS));
        wait.awaitWaitFrom(7, 0);
        wait.answers.add(new DdiLibrary.Change(9, ""));
        assertEquals(Optional.empty(), heard.poll(BOUND, TimeUnit.SECONDS));
        // the next wait starts from the count the last one returned, so no change in between is lost
        wait.awaitWaitFrom(9, 7);

        assertTrue(watcher.stop(Duration.ofSeconds(BOUND)));
    }

    @Test
    void aFailingWaitTellsListenersToReReadAndTheWatcherCarriesOn() throws Exception {
        ScriptedWait wait = new ScriptedWait();
        ChangeWatcher watcher = new ChangeWatcher(wait, listeners, Duration.ofMillis(20));
        BlockingQueue<Optional<String>> heard = new LinkedBlockingQueue<>();
        listeners.subscribe(name -> {
            throw new IllegalStateException("a broken listener must not stop the others");
        });
        listeners.subscribe(heard::add);
        watcher.start();

        wait.answers.add(DdiException.failed("'x'", "vsd_wait", null, DdiException.E_IO, "channel lost"));
        assertEquals(Optional.empty(), heard.poll(BOUND, TimeUnit.SECONDS));
        wait.answers.add(new DdiLibrary.Change(3, "nk.2.vm.state.running"));
        Optional<String> next;
        do {
            next = heard.poll(BOUND, TimeUnit.SECONDS);
            assertNotNull(next, "nothing heard after the failure");
        } while (next.isEmpty());
        assertEquals(Optional.of("nk.2.vm.state.running"), next);
        assertTrue(watcher.stop(Duration.ofSeconds(BOUND)));
    }

    @Test
    void aWaitThatIgnoresItsTimeOutIsReportedSoTheLibraryIsNotClosedUnderIt() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ChangeWatcher watcher = new ChangeWatcher((seq, timeout) -> {
            inside.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Optional.empty();
        }, listeners, Duration.ofMillis(10));
        watcher.start();
        assertTrue(inside.await(BOUND, TimeUnit.SECONDS));

        assertFalse(watcher.stop(Duration.ofMillis(50)));

        release.countDown();
        assertTrue(watcher.stop(Duration.ofSeconds(BOUND)));
    }
}
