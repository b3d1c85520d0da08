package com.example.vshutdown.qnx.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** The watcher against a scripted vsd_wait: what listeners hear, and how it stops. */
class ChangeWatcherTest {
    private static final long BOUND = 10;

    /** A vsd_wait whose answers the test hands in one by one; it remembers the counts it was given. */
    private static final class ScriptedWait implements ChangeWatcher.Waiter {
        final BlockingQueue<Object> answers = new LinkedBlockingQueue<>();
        final List<Long> seen = new CopyOnWriteArrayList<>();

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
    }

    @Test
    void listenersHearEachChangeAndTheCountIsPassedBack() throws Exception {
        ScriptedWait wait = new ScriptedWait();
        ChangeWatcher watcher = new ChangeWatcher(wait, Duration.ofMillis(50));
        BlockingQueue<Optional<String>> heard = new LinkedBlockingQueue<>();
        watcher.add(heard::add);
        watcher.start();

        wait.answers.add(new DdiLibrary.Change(7, "nk.1.vm.state.running"));
        assertEquals(Optional.of("nk.1.vm.state.running"), heard.poll(BOUND, TimeUnit.SECONDS));
        wait.answers.add(new DdiLibrary.Change(9, ""));
        assertEquals(Optional.empty(), heard.poll(BOUND, TimeUnit.SECONDS));

        assertTrue(watcher.stop(Duration.ofSeconds(BOUND)));
        assertEquals(0L, wait.seen.get(0));
        assertTrue(wait.seen.contains(7L), wait.seen.toString());
        assertEquals(9L, wait.seen.get(wait.seen.size() - 1), "the last wait did not start from the last count");
    }

    @Test
    void aFailingWaitTellsListenersToReReadAndTheWatcherCarriesOn() throws Exception {
        ScriptedWait wait = new ScriptedWait();
        ChangeWatcher watcher = new ChangeWatcher(wait, Duration.ofMillis(20));
        BlockingQueue<Optional<String>> heard = new LinkedBlockingQueue<>();
        watcher.add(name -> {
            throw new IllegalStateException("a broken listener must not stop the others");
        });
        watcher.add(heard::add);
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
        }, Duration.ofMillis(10));
        watcher.start();
        assertTrue(inside.await(BOUND, TimeUnit.SECONDS));

        assertFalse(watcher.stop(Duration.ofMillis(50)));

        release.countDown();
        assertTrue(watcher.stop(Duration.ofSeconds(BOUND)));
    }
}
