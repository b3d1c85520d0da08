package com.example.vshutdown.spi;

import java.io.IOException;

/**
 * Thrown by a {@link NativeShutdown} when the guest refuses to go down (an update in progress, an
 * application vetoing: the scenarios of 000), as opposed to the command failing. An agent reports
 * it as {@code blocked}, so the master's summary can tell an operator what to look at.
 */
public class ShutdownVetoedException extends IOException {
    private static final long serialVersionUID = 1L;

    /** @param reason one line saying who or what refuses */
    public ShutdownVetoedException(String reason) {
        super(reason);
    }
}
