package com.example.vshutdown.simulator.internal;

import com.example.vshutdown.spi.NativeShutdown;

/**
 * Where the agents of the simulated guests run: the platform says when a guest's agent starts (at
 * once, or later for {@code late} and {@code appear}) and when it ends with its domain
 * ({@code vanish}). In the framework the simulator registers and unregisters the guest's native
 * shutdown for the agent bundle's hosted agents; a test records the calls, and a benchmark of the
 * master calls the guests directly.
 *
 * <p>Called without the platform's lock held, on the thread that starts the guests or on the
 * guests' scheduler.
 */
public interface GuestHost {
    /** The agent of a domain starts now: from now on it may call the guest's native shutdown. */
    void agentStarts(int domain, NativeShutdown guest);

    /** The domain is gone and its agent with it. */
    void agentEnds(int domain, NativeShutdown guest);

    /** The platform closes: every agent ends, and none starts any more. */
    default void close() {
    }
}
