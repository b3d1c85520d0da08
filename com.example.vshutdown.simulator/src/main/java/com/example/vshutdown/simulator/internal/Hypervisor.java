package com.example.vshutdown.simulator.internal;

import java.util.function.BooleanSupplier;

/**
 * The hypervisor's side of a simulated domain: what happens to the running counter when the guest
 * OS halts or boots. A guest reaches the vproperties only through the SPI, as a real agent does, and
 * the counter only through this, as a real guest does by halting.
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
}
