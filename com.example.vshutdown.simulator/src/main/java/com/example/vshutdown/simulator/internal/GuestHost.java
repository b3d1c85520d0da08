package com.example.vshutdown.simulator.internal;

/**
 * Where the agents of the simulated guests run: the platform says when a guest's agent starts (at
 * once, or later for {@code late} and {@code appear}) and when it ends with its domain
 * ({@code vanish}). In the framework the simulator registers and unregisters the guest's native
 * shutdown for the agent bundle's hosted agents; a test records the calls.
 *
 * <p>Called without the platform's lock held, on the thread that starts the platform or on the
 * guests' scheduler.
 */
interface GuestHost {
    /** Nobody hosts the agents: the guests answer only whoever calls their native shutdown directly. */
    GuestHost NONE = new GuestHost() {
        @Override
        public void agentStarts(GuestOs guest) {
        }

        @Override
        public void agentEnds(GuestOs guest) {
        }
    };

    /** The guest's agent starts now: from now on it may call the guest's native shutdown. */
    void agentStarts(GuestOs guest);

    /** The guest's domain is gone and its agent with it. */
    void agentEnds(GuestOs guest);
}
