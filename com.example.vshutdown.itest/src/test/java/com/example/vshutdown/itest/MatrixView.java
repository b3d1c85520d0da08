package com.example.vshutdown.itest;

import java.io.IOException;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiPredicate;

import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;

import com.example.vshutdown.protocol.InvalidValueException;
import com.example.vshutdown.protocol.VProperties;
import com.example.vshutdown.protocol.Values;
import com.example.vshutdown.spi.VPropertyListener;
import com.example.vshutdown.spi.VPropertyProvider;

/**
 * The master's view of the simulated platform in the failure matrix: a provider service of its own
 * name, {@value #NAME}, to which the master is restricted ({@code -Dvshutdown.provider}), over the
 * simulator's vproperties, which the simulated domains' agents use directly. Every call passes
 * through to the platform; what the view adds is the failure or the ordering a scenario needs:
 * <ul>
 * <li><b>Reactions.</b> A write of a new request to a domain returns once that domain has reacted
 * to it as its scenario says it will (picked it up, refused, gone down and up again, vanished), or
 * at once where nobody will react. The master looks at the answers only after the reaction,
 * however loaded the machine is; without it a time-out could end the wait before an agent had said
 * why, and the row would show another (also true) outcome. (The time-out counts from the start of
 * the shutdown, so it must still be longer than the reactions take: see MatrixCase.) The master is not changed: it sees the platform a little later, as over a slow link.</li>
 * <li><b>Lost notifications.</b> It can drop every change notification to the master, which must then
 * find the answers at its safety re-read.</li>
 * <li>It counts who subscribes and what is read through it, so that a swap can be judged.</li>
 * </ul>
 */
final class MatrixView implements VPropertyProvider {
    /** The provider name the master is restricted to in the matrix. */
    static final String NAME = "matrix";

    /**
     * How a domain reacts to a request, as its scenario says: a condition on the platform as it is
     * now, and what the scenario does once it holds (an agent that crashes right after picking the
     * request up), before the master goes on.
     */
    record Reaction(BiPredicate<DomainState, Long> condition, Runnable afterwards) {
        static Reaction when(BiPredicate<DomainState, Long> condition) {
            return new Reaction(condition, () -> { });
        }

        Reaction then(Runnable action) {
            return new Reaction(condition, action);
        }
    }

    /** One domain's properties as read from the platform at one moment. */
    record DomainState(Optional<String> running, Optional<String> requested, Optional<String> status) {
        /** The running counter, or -1 where it is missing or malformed. */
        long runningValue() {
            try {
                return running.isEmpty() ? -1 : Values.parseCounter(running.get());
            } catch (InvalidValueException e) {
                return -1;
            }
        }
    }

    private final VPropertyProvider platform;
    private final Map<Integer, Reaction> reactions;
    private final long boundMillis;
    private final boolean dropNotifications;
    private final Object changes = new Object();
    /** Every reaction that did not come within the bound: the case fails with it. */
    final List<String> missedReactions = new CopyOnWriteArrayList<>();
    /** The names read through this view, in order. */
    final List<String> reads = new CopyOnWriteArrayList<>();
    /** Subscriptions open now; opens when the first listener subscribes. */
    final AtomicInteger subscriptions = new AtomicInteger();
    final CountDownLatch subscribed = new CountDownLatch(1);
    /** Opens when a notification of a running counter is dropped on its way to the master. */
    private final CountDownLatch droppedRunning = new CountDownLatch(1);
    private ServiceRegistration<VPropertyProvider> registration;

    MatrixView(VPropertyProvider platform, Map<Integer, Reaction> reactions, boolean dropNotifications,
            long boundMillis) {
        this.platform = platform;
        this.reactions = Map.copyOf(reactions);
        this.dropNotifications = dropNotifications;
        this.boundMillis = boundMillis;
    }

    /** Registers the view at a ranking; a higher one replaces a view registered before. */
    MatrixView register(BundleContext context, int ranking) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(Constants.SERVICE_RANKING, Integer.valueOf(ranking));
        properties.put(VPropertyProvider.PROVIDER_PROPERTY, NAME);
        registration = context.registerService(VPropertyProvider.class, this, properties);
        return this;
    }

    /** Takes the view away, as a provider bundle that stops would; harmless when done already. */
    void unregister() {
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException e) {
                // unregistered already
            }
            registration = null;
        }
    }

    @Override
    public String description() {
        return "the failure matrix's view of " + platform.description();
    }

    @Override
    public Optional<String> read(String name) throws IOException {
        reads.add(name);
        return platform.read(name);
    }

    @Override
    public void write(String name, String value) throws IOException {
        OptionalInt domain = VProperties.domainOf(name);
        boolean request = domain.isPresent() && name.equals(VProperties.requested(domain.getAsInt()))
                && isNewRequest(domain.getAsInt(), value);
        platform.write(name, value);
        Reaction reaction = request ? reactions.get(domain.getAsInt()) : null;
        if (reaction != null && awaitReaction(domain.getAsInt(), Long.parseLong(value), reaction)) {
            reaction.afterwards().run();
        }
    }

    @Override
    public Set<String> names() throws IOException {
        return platform.names();
    }

    @Override
    public Subscription subscribe(VPropertyListener listener) {
        Subscription inner = platform.subscribe(name -> {
            if (!dropNotifications) {
                listener.changed(name);
            } else if (name.isEmpty() || VProperties.domainOfRunning(name.get()).isPresent()) {
                droppedRunning.countDown();
            }
        });
        subscriptions.incrementAndGet();
        subscribed.countDown();
        return () -> {
            subscriptions.decrementAndGet();
            inner.close();
        };
    }

    /** Waits, bounded, until a notification of a running counter has been dropped; false if none was. */
    boolean awaitDropped() {
        try {
            return droppedRunning.await(boundMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public boolean canHardStop() {
        return platform.canHardStop();
    }

    @Override
    public void hardStop(int domain) throws IOException {
        platform.hardStop(domain);
    }

    /** A withdrawal (requested set back to running) is not a request: only a value ahead of the counter is. */
    private boolean isNewRequest(int domain, String value) throws IOException {
        long running = state(domain).runningValue();
        try {
            return running >= 0 && Values.parseCounter(value) > running;
        } catch (InvalidValueException e) {
            return false;
        }
    }

    /** Waits, bounded, for the domain's reaction, woken by the platform's change notifications; false if it never came. */
    private boolean awaitReaction(int domain, long request, Reaction reaction) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(boundMillis);
        try (Subscription watch = platform.subscribe(name -> {
            synchronized (changes) {
                changes.notifyAll();
            }
        })) {
            synchronized (changes) {
                while (!reaction.condition().test(state(domain), request)) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        missedReactions.add("domain " + domain + " did not react to request " + request + " within "
                                + boundMillis + " ms: " + state(domain));
                        return false;
                    }
                    TimeUnit.NANOSECONDS.timedWait(changes, left);
                }
            }
            return true;
        } catch (InterruptedException e) {
            // the caller is being cancelled: let it go on at once, and say so
            Thread.currentThread().interrupt();
            missedReactions.add("interrupted while domain " + domain + " reacted to request " + request);
            return false;
        }
    }

    private DomainState state(int domain) throws IOException {
        return new DomainState(platform.read(VProperties.running(domain)), platform.read(VProperties.requested(domain)),
                platform.read(VProperties.status(domain)));
    }
}
