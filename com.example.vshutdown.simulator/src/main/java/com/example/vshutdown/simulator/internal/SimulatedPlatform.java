package com.example.vshutdown.simulator.internal;

import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.osgi.service.component.ComponentFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.example.vshutdown.protocol.Counters;
import com.example.vshutdown.protocol.InvalidValueException;
import com.example.vshutdown.protocol.VProperties;
import com.example.vshutdown.protocol.Values;
import com.example.vshutdown.spi.VPropertyListener;
import com.example.vshutdown.spi.VPropertyProvider;
import com.example.vshutdown.support.listeners.ListenerList;
import com.example.vshutdown.support.offer.ProviderOffer;

/**
 * An in-memory hypervisor: the vproperty store of a simulated platform, its change notifications,
 * the hard stop, and its guests ({@link SimulatedGuests}). The guests' agents are not the
 * simulator's: it tells a {@link GuestHost} when each guest's agent starts and ends, and in the
 * framework the shipped agent bundle runs them ({@link HostedGuests}).
 *
 * <p>It behaves as a real platform does where the master can tell: running counters are read-only
 * to everybody but the hypervisor, a request property does not exist until it is written, and
 * every change is notified (a real platform notifies a write, not a comparison), one notification
 * per change, in the order of the changes, on a thread of the simulator. A destroyed domain's
 * properties are removed, each removal notified.
 *
 * <p>In the framework, an instance of a factory component that only {@link SimulatorComponent}
 * creates, which starts the guests once the services are registered. Plain Java:
 * {@code SimulatedPlatform.create(SimulatorSpec.parse("1:ok:10,2:ignore"), host)}, then
 * {@link #startGuests()}; {@link #close()} stops its threads.
 */
@Component(factory = SimulatedPlatform.FACTORY, service = VPropertyProvider.class,
        configurationPolicy = ConfigurationPolicy.IGNORE,
        property = VPropertyProvider.SIMULATED_PROPERTY + ":Boolean=true")
public final class SimulatedPlatform implements VPropertyProvider, Hypervisor, AutoCloseable {
    static final String FACTORY = "com.example.vshutdown.simulator.vproperties";

    private static final Logger LOG = LoggerFactory.getLogger(SimulatedPlatform.class);

    /** The running counter of an {@code invalid} domain: close to a number, so lenient parsing would be caught. */
    static final String INVALID_COUNTER = "1x";

    private final SimulatorSpec spec;
    private final Object lock = new Object();
    /** Guarded by {@link #lock}; changes are queued for notification under it, so their order holds. */
    private final Map<String, String> properties = new TreeMap<>();
    private boolean closed;
    private final ListenerList<Consumer<Change>> watchers = new ListenerList<>();
    private final ExecutorService notifier = Executors.newSingleThreadExecutor(daemon("vshutdown-sim-notify"));
    private final ScheduledExecutorService scheduler;
    private final SimulatedGuests guests;

    /** The platform the offer's settings describe, whose guests' agents the agent bundle hosts. */
    @Activate
    public SimulatedPlatform(Map<String, Object> properties,
            @Reference(name = "guests", target = "(component.factory=" + HostedGuest.FACTORY + ")")
            ComponentFactory<HostedGuest> guests) {
        this(ProviderOffer.settings(properties, SimulatorSpec.class), guestScheduler(), new HostedGuests(guests));
    }

    private SimulatedPlatform(SimulatorSpec spec, ScheduledExecutorService scheduler, GuestHost host) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        properties.put(VProperties.running(spec.masterDomain()), "1");
        for (DomainSpec domain : spec.domains()) {
            initialCounter(domain).ifPresent(counter -> properties.put(VProperties.running(domain.id()), counter));
        }
        guests = new SimulatedGuests(spec, this, this, scheduler, Objects.requireNonNull(host, "host"));
        LOG.info("Simulated platform started: master domain {}, slave domains {}", spec.masterDomain(),
                spec.domainList());
    }

    /** Builds the platform, with its own threads; nothing runs in its guests before {@link #startGuests()}. */
    public static SimulatedPlatform create(SimulatorSpec spec, GuestHost host) {
        return new SimulatedPlatform(spec, guestScheduler(), host);
    }

    /**
     * Builds the platform with the given scheduler for what happens later in the guests (halts, boots,
     * late agents, appearing domains), which it owns from now on and shuts down on {@link #close()}.
     * Tests pass a scheduler they step by hand.
     */
    static SimulatedPlatform create(SimulatorSpec spec, ScheduledExecutorService guestScheduler, GuestHost host) {
        return new SimulatedPlatform(spec, guestScheduler, host);
    }

    /** Starts the guests' agents, telling the host: at once, or after their delay. */
    public void startGuests() {
        guests.start();
    }

    /**
     * The guest OS of every domain that has somebody in it, by id, each the native shutdown that
     * domain's agent calls; {@code ignore}, {@code stopped} and {@code invalid} domains have none.
     */
    SortedMap<Integer, GuestOs> guests() {
        return guests.byDomain();
    }

    public SimulatorSpec spec() {
        return spec;
    }

    @Override
    public String description() {
        return "simulated platform (master domain " + spec.masterDomain() + ", slave domains "
                + spec.domainList() + ")";
    }

    @Override
    public Optional<String> read(String name) throws IOException {
        synchronized (lock) {
            requireOpen();
            return Optional.ofNullable(properties.get(name));
        }
    }

    @Override
    public void write(String name, String value) throws IOException {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (VProperties.domainOfRunning(name).isPresent()) {
            throw new IOException(Values.printable(name) + ": read-only: kept by the hypervisor");
        }
        synchronized (lock) {
            requireOpen();
            set(name, value);
        }
        LOG.debug("{} written: {}", name, Values.printable(value));
    }

    @Override
    public Set<String> names() throws IOException {
        synchronized (lock) {
            requireOpen();
            return Collections.unmodifiableSet(new TreeSet<>(properties.keySet()));
        }
    }

    @Override
    public Subscription subscribe(VPropertyListener listener) {
        Objects.requireNonNull(listener, "listener");
        return watch(change -> listener.changed(Optional.of(change.name())));
    }

    /** Like {@link #subscribe}, but tells the value of every change as well. */
    Subscription watch(Consumer<Change> observer) {
        return watchers.subscribe(observer);
    }

    @Override
    public boolean canHardStop() {
        return true;
    }

    @Override
    public void hardStop(int domain) throws IOException {
        synchronized (lock) {
            requireOpen();
            if (domain == spec.masterDomain()) {
                throw new IOException("domain " + domain + " is the master's own domain; the simulator does not pull its power");
            }
            String raw = properties.get(VProperties.running(domain));
            if (raw == null) {
                throw new IOException("domain " + domain + " does not exist on the simulated platform");
            }
            long running;
            try {
                running = Values.parseCounter(raw);
            } catch (InvalidValueException e) {
                throw new IOException("domain " + domain + " cannot be hard-stopped: its running " + e.getMessage());
            }
            // Whatever the guest was about to do, the power is gone now.
            guests.powerPulled(domain);
            if (!Counters.isRunning(running)) {
                LOG.info("Hard stop of domain {}: already stopped (running {})", domain, running);
                return;
            }
            set(VProperties.running(domain), Long.toString(running + 1));
            LOG.warn("Hard stop: pulled the virtual power of domain {} (running {})", domain, running + 1);
        }
    }

    @Override
    public boolean advance(int domain, long expected, BooleanSupplier stillWanted) {
        synchronized (lock) {
            if (closed || !stillWanted.getAsBoolean()) {
                return false;
            }
            String name = VProperties.running(domain);
            if (!Long.toString(expected).equals(properties.get(name))) {
                return false;
            }
            long next = expected + 1;
            set(name, Long.toString(next));
            LOG.info("Domain {} {} (running {})", domain, Counters.isRunning(next) ? "started" : "stopped", next);
            return true;
        }
    }

    @Override
    public boolean destroy(int domain, BooleanSupplier stillWanted) {
        synchronized (lock) {
            if (closed || !stillWanted.getAsBoolean() || !properties.containsKey(VProperties.running(domain))) {
                return false;
            }
            List<String> gone = Stream.of(VProperties.running(domain), VProperties.requested(domain),
                    VProperties.status(domain)).filter(properties::containsKey).toList();
            gone.forEach(name -> set(name, null));
            LOG.warn("Domain {} destroyed: its properties {} are gone", domain, gone);
        }
        guests.destroyed(domain);
        return true;
    }

    @Override
    public boolean appear(int domain) {
        synchronized (lock) {
            if (closed) {
                return false;
            }
            set(VProperties.running(domain), "1");
            return true;
        }
    }

    /** Stops the guests and the simulator's threads; the platform refuses every call afterwards. */
    @Override
    @Deactivate
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        guests.close();
        watchers.close();
        notifier.shutdownNow();
        scheduler.shutdownNow();
        LOG.info("Simulated platform closed");
    }

    /** Called with {@link #lock} held; a null value removes the property. */
    private void set(String name, String value) {
        if (value == null) {
            properties.remove(name);
        } else {
            properties.put(name, value);
        }
        Change change = new Change(name, value);
        try {
            notifier.execute(() -> watchers.tell(watcher -> watcher.accept(change), change));
        } catch (RejectedExecutionException e) {
            LOG.debug("Change of {} not notified: the simulator is closing", name);
        }
    }

    private void requireOpen() throws IOException {
        if (closed) {
            throw new IOException("the simulated platform has been closed");
        }
    }

    /** The running counter a domain starts with; none for a domain that appears later. */
    private static Optional<String> initialCounter(DomainSpec domain) {
        return switch (domain.behaviour()) {
        case STOPPED -> Optional.of("2");
        case INVALID -> Optional.of(INVALID_COUNTER);
        case APPEAR -> Optional.empty();
        default -> Optional.of("1");
        };
    }

    private static ScheduledExecutorService guestScheduler() {
        return Executors.newSingleThreadScheduledExecutor(daemon("vshutdown-sim-guests"));
    }

    private static ThreadFactory daemon(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
