package com.example.vshutdown.agent.internal;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import com.example.vshutdown.spi.NativeShutdown;
import com.example.vshutdown.spi.ShutdownVetoedException;

/** A native shutdown that records what it is asked and answers as a test scripts it. */
final class RecordingNative implements NativeShutdown {
    /** How the next calls answer. */
    enum Behaviour { START, VETO, FAIL, BREAK, HANG }

    final List<String> calls = new CopyOnWriteArrayList<>();
    private final Semaphore called = new Semaphore(0);
    /** Counted down when a hanging call is interrupted. */
    final CountDownLatch interrupted = new CountDownLatch(1);
    /** Releases hanging calls; a test counts it down when it ends, so no thread is left behind. */
    final CountDownLatch release = new CountDownLatch(1);
    volatile Behaviour behaviour = Behaviour.START;
    /** When set, a call waits until it is opened (or the test ends), then answers as {@link #behaviour} said. */
    volatile CountDownLatch gate;
    /** Counted down when a call has reached the gate. */
    final Semaphore atGate = new Semaphore(0);

    @Override
    public String description() {
        return "recording native shutdown";
    }

    @Override
    public void shutdown() throws IOException {
        answer("shutdown");
    }

    @Override
    public void reboot() throws IOException {
        answer("reboot");
    }

    /** Waits, bounded, until the native command has been called that many times in all. */
    boolean awaitCalls(int count) throws InterruptedException {
        if (!called.tryAcquire(count, AgentFixture.BOUND_MILLIS, TimeUnit.MILLISECONDS)) {
            return false;
        }
        called.release(count);
        return true;
    }

    /** Waits, bounded, until a call is waiting at the gate. */
    boolean awaitGate() throws InterruptedException {
        return atGate.tryAcquire(AgentFixture.BOUND_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void answer(String what) throws IOException {
        calls.add(what);
        called.release();
        // taken when called: a test may script the next call while this one waits at the gate
        Behaviour answer = behaviour;
        CountDownLatch waitFor = gate;
        if (waitFor != null) {
            atGate.release();
            try {
                waitFor.await();
            } catch (InterruptedException e) {
                interrupted.countDown();
                throw new IOException(what + ": interrupted at the gate");
            }
        }
        switch (answer) {
        case VETO -> throw new ShutdownVetoedException("software update in progress");
        case FAIL -> throw new IOException(what + ": command not found");
        case BREAK -> throw new IllegalStateException("provider bundle stopped");
        case HANG -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
        }
        case START -> {
            // started: the domain goes down later, as a real native command does
        }
        }
    }
}
