package com.example.vshutdown.itest;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import com.example.vshutdown.console.Cancellation;

/**
 * The first Ctrl-C of one command line, as a console's line runner delivers it: published in the
 * command's Gogo session under {@link Cancellation#SESSION_VARIABLE}, it runs what the command
 * registered, once, and a command that registers after the Ctrl-C is cancelled at once (the
 * contract of {@code com.example.vshutdown.console}). Every command of a test's line runs in the
 * foreground, so every registration counts. The real runner's terminal handling is the shell's
 * own business and tested there.
 */
final class ConsoleCtrlC implements Cancellation {
    // Guarded by this.
    private final List<Runnable> registered = new ArrayList<>();
    private boolean pressed;

    @Override
    public Registration register(Runnable cancel) {
        AtomicBoolean ran = new AtomicBoolean();
        Runnable once = () -> {
            if (ran.compareAndSet(false, true)) {
                cancel.run();
            }
        };
        boolean now;
        synchronized (this) {
            now = pressed;
            if (!now) {
                registered.add(once);
            }
        }
        if (now) {
            once.run();
        }
        return new Registration() {
            @Override
            public boolean cancelled() {
                return ran.get();
            }

            @Override
            public void close() {
                synchronized (ConsoleCtrlC.this) {
                    registered.remove(once);
                }
            }
        };
    }

    /** Ctrl-C: runs every cancel registered so far, once, on the calling thread. */
    void press() {
        List<Runnable> cancels;
        synchronized (this) {
            if (pressed) {
                return;
            }
            pressed = true;
            cancels = new ArrayList<>(registered);
            registered.clear();
        }
        cancels.forEach(Runnable::run);
    }

    synchronized boolean pressed() {
        return pressed;
    }
}
