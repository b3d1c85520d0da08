package com.example.vshutdown.simulator.internal;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.example.vshutdown.spi.VPropertyProvider;

/**
 * The guests of a simulated platform: a guest OS for every slave domain that has somebody in it
 * ({@link DomainSpec.Behaviour#hasGuest()}), and the lives of their agents, told to a
 * {@link GuestHost}: each starts at once, or after its delay for {@code late} and {@code appear}
 * (an {@code appear} domain comes into existence just before its agent starts), and ends with its
 * domain ({@code vanish}) or with the platform.
 */
final class SimulatedGuests implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SimulatedGuests.class);

    private final SortedMap<Integer, GuestOs> byDomain;
    private final Hypervisor hypervisor;
    private final ScheduledExecutorService scheduler;
    private final GuestHost host;
    private volatile boolean closed;

    /**
     * @param properties what the guests read, as their agents do: the platform's vproperties
     * @param scheduler runs what happens later in the guests; shut down by the platform
     */
    SimulatedGuests(SimulatorSpec spec, VPropertyProvider properties, Hypervisor hypervisor,
            ScheduledExecutorService scheduler, GuestHost host) {
        this.hypervisor = hypervisor;
        this.scheduler = scheduler;
        this.host = host;
        SortedMap<Integer, GuestOs> guests = new TreeMap<>();
        for (DomainSpec domain : spec.domains()) {
            if (domain.behaviour().hasGuest()) {
                guests.put(domain.id(), new GuestOs(domain, properties, hypervisor, scheduler));
            }
        }
        byDomain = Collections.unmodifiableSortedMap(guests);
    }

    /** The guest OS of every domain that has one, by id: the native shutdown its agent calls. */
    SortedMap<Integer, GuestOs> byDomain() {
        return byDomain;
    }

    /** Starts the guests' agents: at once, or after their delay. */
    void start() {
        for (GuestOs guest : byDomain.values()) {
            long after = guest.spec().agentStartMillis();
            if (after == 0) {
                host.agentStarts(guest.spec().id(), guest);
                continue;
            }
            try {
                scheduler.schedule(() -> startLater(guest), after, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                LOG.debug("Domain {}: its agent does not start, the simulator is closing", guest.spec().id());
            }
        }
    }

    private void startLater(GuestOs guest) {
        DomainSpec domain = guest.spec();
        if (domain.behaviour() == DomainSpec.Behaviour.APPEAR) {
            if (!hypervisor.appear(domain.id())) {
                return;
            }
            LOG.info("Domain {} appears (running 1)", domain.id());
        } else if (closed) {
            return;
        }
        LOG.info("Domain {}: its agent starts, {} ms after the platform", domain.id(), domain.agentStartMillis());
        host.agentStarts(domain.id(), guest);
    }

    /** A domain was destroyed: its agent ends with it. */
    void destroyed(int domain) {
        GuestOs guest = byDomain.get(domain);
        if (guest != null) {
            host.agentEnds(domain, guest);
        }
    }

    /** Whatever a guest was about to do is forgotten: its power is gone. Takes no lock. */
    void powerPulled(int domain) {
        GuestOs guest = byDomain.get(domain);
        if (guest != null) {
            guest.cancelPending();
        }
    }

    /** The guests stop, and their agents end. */
    @Override
    public void close() {
        closed = true;
        byDomain.values().forEach(GuestOs::close);
        host.close();
    }
}
