package com.example.vshutdown.shell.internal;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * The only class that touches {@code sun.misc}. It is loaded only when a trap is installed, so a
 * framework without {@code sun.misc} fails here, inside {@link SigintTrap}'s guard, and nowhere
 * else.
 */
final class NativeSigint {

    private NativeSigint() {
    }

    /** Routes SIGINT to {@code handler}; the returned action puts the previous handler back. */
    static Runnable install(Runnable handler) {
        Signal sigint = new Signal("INT");
        SignalHandler previous = Signal.handle(sigint, signal -> handler.run());
        return () -> Signal.handle(sigint, previous);
    }
}
