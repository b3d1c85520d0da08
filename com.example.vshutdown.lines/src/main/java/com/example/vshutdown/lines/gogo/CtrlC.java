package com.example.vshutdown.lines.gogo;

import java.util.function.IntConsumer;

/**
 * The Ctrl-C presses meant for one line. Whoever hears Ctrl-C (a signal trap, the terminal, a client
 * of the control socket) presses; the {@link LineRunner} listens once the line runs, and is told of the
 * presses that came before, so that none is lost while the line is starting.
 */
public final class CtrlC {
    private int presses; // guarded by this
    private IntConsumer listener = count -> { }; // guarded by this

    /** One Ctrl-C; never blocks for long. */
    public synchronized void press() {
        presses++;
        listener.accept(presses);
    }

    /** Listens from now on, after hearing of every earlier press (1, 2, ...). */
    synchronized void listen(IntConsumer onPress) {
        listener = onPress;
        for (int count = 1; count <= presses; count++) {
            onPress.accept(count);
        }
    }

    synchronized void stopListening() {
        listener = count -> { };
    }
}
