package com.example.vshutdown.simulator.internal;

import java.util.function.BooleanSupplier;

/**
 * The hypervisor's side of a simulated domain: what happens to the running counter when the guest
 * OS halts or boots, and to all of the domain's properties when it is destroyed. A guest reaches the
 * vproperties only through the SPI, as a real agent does, and these only through this, as a real
 * guest does by halting.
 */
interface Hypervisor {
    /**
     * Advances a domain's running counter by one (a stop when it was odd, a start when it was even),
     * provided it still holds {@code expected} and {@code stillWanted} agrees. Both are checked
     * atomically with the change, so a hard stop that came first makes the guest's late halt a no-op
     * instead of a second stop.
     *
     * @return whether the counter was advanced
     */
    boolean advance(int domain, long expected, BooleanSupplier stillWanted);

    /**
     * Destroys a domain: every one of its properties disappears, each removal notified, and its agent
     * ends with it; provided {@code stillWanted} agrees, checked atomically with the removal.
     *
     * @return whether the domain was destroyed
     */
    boolean destroy(int domain, BooleanSupplier stillWanted);

    /**
     * Creates a domain that did not exist: its running counter appears, holding 1 (running).
     *
     * @return whether it appeared; not once the platform is closed
     */
    boolean appear(int domain);
}
