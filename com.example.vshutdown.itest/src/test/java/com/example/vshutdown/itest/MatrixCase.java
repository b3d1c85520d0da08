package com.example.vshutdown.itest;

import static com.example.vshutdown.itest.VShutdownTestSupport.BOUND_MILLIS;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceListener;
import org.osgi.framework.ServiceRegistration;

import com.example.vshutdown.api.ShutdownEvent.Type;
import com.example.vshutdown.api.ShutdownException;
import com.example.vshutdown.api.ShutdownListener;
import com.example.vshutdown.console.Cancellation;
import com.example.vshutdown.itest.MatrixRow.Mode;
import com.example.vshutdown.itest.MatrixView.DomainState;
import com.example.vshutdown.protocol.VProperties;
import com.example.vshutdown.spi.VPropertyProvider;

/**
 * One run of the matrix: a new simulated platform for the scenario, the master's view of it, the
 * command line run through Gogo in a session whose Ctrl-C the test holds, and what the run showed.
 *
 * <p>Nothing here waits for a time: the platform is there when its registration is seen, the agents
 * when the agent bundle uses their guests, a Ctrl-C comes once the master is waiting with every
 * reaction it depends on settled ({@link #awaitTheWait()}), and the run is over when the command
 * returns. A time-out of a run ({@value #SHORT_TIMEOUT} ms) ends a wait only after every reaction
 * the scenario has (see {@link MatrixView}), so it cannot end it before the row's state is reached.
 */
final class MatrixCase implements MatrixScenario.Stage {
    /**
     * The time-out of a row that ends by it: nothing changes any more once the wait has started. It
     * counts from the start of the shutdown, and the reactions of domain 1 (written first) hold up the
     * request of domain 2; a domain asked once the deadline has passed is given the group grace
     * instead (the master's rule), which would be another row. So it is long enough for domain 1's
     * reaction on a loaded machine (300 ms was not, at a load of 11 on two cores).
     */
    static final long SHORT_TIMEOUT = 2000;
    /** The time-out of a row that ends by itself: only a bound. */
    static final long LONG_TIMEOUT = BOUND_MILLIS;

    private static final String SIMULATOR_PID = "com.example.vshutdown.simulator";
    private static final AtomicInteger RUNS = new AtomicInteger();

    private final FailureMatrixIT test;
    private final MatrixScenario scenario;
    private final boolean systemWide;
    private final Mode mode;
    private final List<String> problems = new ArrayList<>();
    private final List<MatrixView> views = new ArrayList<>();
    private final List<ServiceRegistration<ShutdownListener>> listeners = new ArrayList<>();
    private final EventLog events = new EventLog(BOUND_MILLIS);
    private final ConsoleCtrlC ctrlC = new ConsoleCtrlC();
    private VPropertyProvider platform;
    private PropertyWatch watch;

    MatrixCase(FailureMatrixIT test, MatrixScenario scenario, boolean systemWide, Mode mode) {
        this.test = test;
        this.scenario = scenario;
        this.systemWide = systemWide;
        this.mode = mode;
    }

    /** The command line of this row. */
    String line() {
        long timeout = scenario.endsByItself ? LONG_TIMEOUT : SHORT_TIMEOUT;
        String options = switch (mode) {
            case CTRL_C -> "";
            case TIMEOUT -> " -t " + timeout;
            case FORCE -> " -f -t " + timeout;
        };
        return "vshutdown" + options + (systemWide ? "" : " " + scenario.selectiveTarget);
    }

    MatrixRow run() {
        String line = line();
        RecordingNativeShutdown nativeShutdown = null;
        Future<Gogo> command = null;
        Gogo gogo = null;
        Map<Integer, DomainState> left = new TreeMap<>();
        try {
            platform = newPlatform(scenario.domains());
            watch = new PropertyWatch(platform, BOUND_MILLIS);
            nativeShutdown = test.recordTheMastersShutdown();
            register(events);
            views.add(new MatrixView(platform, scenario.reactions(this), scenario.dropNotifications, BOUND_MILLIS)
                    .register(test.bundleContext(), 10));
            awaitTheMasterUses(views.get(0));
            scenario.prepare(this);
            command = test.commands().submit(() -> Gogo.run(test.processor(), line,
                    Map.of(Cancellation.SESSION_VARIABLE, ctrlC)));
            scenario.during(this);
            if (mode == Mode.CTRL_C && !scenario.endsByItself) {
                awaitTheWait();
                ctrlC.press();
            }
            gogo = command.get(2 * BOUND_MILLIS, TimeUnit.MILLISECONDS);
            for (int domain : new int[] {1, 2}) {
                left.put(domain, state(domain));
            }
        } catch (Exception | AssertionError e) {
            problems.add("the run broke off: " + e);
            gogo = giveUp(command, gogo);
        }
        MatrixRow row = new MatrixRow(scenario, systemWide, mode, line, endedBy(), MatrixRow.exitStatus(gogo),
                gogo == null ? List.of() : MatrixRow.notes(gogo.output), MatrixRow.summary(gogo),
                nativeShutdown == null ? List.of() : List.copyOf(nativeShutdown.calls), left, List.of());
        if (gogo != null) {
            judge(row);
            try {
                scenario.after(this);
            } catch (Exception | AssertionError e) {
                problems.add("the scenario's check broke off: " + e);
            }
        }
        views.forEach(view -> problems.addAll(view.missedReactions));
        cleanUp(nativeShutdown);
        return row.withProblems(problems);
    }

    /** The rules every row must keep, whatever its scenario. */
    private void judge(MatrixRow row) {
        boolean done = row.headline().startsWith("Done");
        check((row.exit() == 0) == done, "exit status " + row.exit() + " with the headline '" + row.headline() + "'");
        boolean masterShouldGo = systemWide && row.exit() == 0;
        check(masterShouldGo ? row.nativeCalls().equals(List.of("shutdown")) : row.nativeCalls().isEmpty(),
                "the master's native command ran " + row.nativeCalls() + " after exit status " + row.exit());
        if (ctrlC.pressed()) {
            check(row.exit() == 1 && row.headline().equals("CANCELLED"), "Ctrl-C cancels, it never forces");
        }
        check(test.service().current().isEmpty(), "a shutdown is still in progress after the command returned");
        String printed = String.join("\n", row.summary());
        row.leftBehind().forEach((domain, state) -> {
            if (MatrixRow.actionable(state)) {
                check(printed.contains("of domain " + domain + " NOT withdrawn"), "domain " + domain
                        + " is left with a request a later agent would act on, and the summary does not say so: "
                        + state);
            }
        });
    }

    private String endedBy() {
        if (ctrlC.pressed()) {
            return "Ctrl-C";
        }
        return scenario.endsByItself ? scenario.endsBy : "its time-out";
    }

    /** A run that broke off: its command is cancelled and waited for, so that the next run finds the master idle. */
    private Gogo giveUp(Future<Gogo> command, Gogo gogo) {
        if (command == null || gogo != null) {
            return gogo;
        }
        ctrlC.press();
        test.service().cancel();
        try {
            return command.get(BOUND_MILLIS, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            problems.add("the command did not end after it was cancelled: " + e);
            command.cancel(true);
            return null;
        }
    }

    private void cleanUp(RecordingNativeShutdown nativeShutdown) {
        listeners.forEach(ServiceRegistration::unregister);
        views.forEach(MatrixView::unregister);
        if (nativeShutdown != null) {
            nativeShutdown.registration.unregister();
        }
        if (watch != null) {
            watch.close();
        }
    }

    // ---- the platform --------------------------------------------------------------------------

    /**
     * Replaces the simulated platform through the simulator's configuration, as an operator would, and
     * waits until it is registered and the agents of its guests run.
     */
    private VPropertyProvider newPlatform(String domains) throws Exception {
        startAgentsIfStopped();
        BlockingQueue<VPropertyProvider> registered = new ArrayBlockingQueue<>(1);
        ServiceListener listener = event -> {
            if (event.getType() == ServiceEvent.REGISTERED) {
                VPropertyProvider provider = (VPropertyProvider) test.bundleContext().getService(
                        event.getServiceReference());
                if (provider.description().contains("slave domains " + domains + ")")) {
                    registered.offer(provider);
                }
            }
        };
        test.bundleContext().addServiceListener(listener, "(&(objectClass=" + VPropertyProvider.class.getName()
                + ")(" + VPropertyProvider.PROVIDER_PROPERTY + "=simulator))");
        VPropertyProvider provider;
        try {
            Dictionary<String, Object> settings = new Hashtable<>();
            settings.put("domains", domains);
            // a new value every time: the same platform twice is still a new one
            settings.put("matrix.run", RUNS.incrementAndGet());
            test.configurationAdmin().getConfiguration(SIMULATOR_PID, "?").update(settings);
            provider = registered.poll(BOUND_MILLIS, TimeUnit.MILLISECONDS);
        } finally {
            test.bundleContext().removeServiceListener(listener);
        }
        if (provider == null) {
            throw new AssertionError("no simulated platform " + domains + " within " + BOUND_MILLIS + " ms");
        }
        test.awaitAgents(domains);
        return provider;
    }

    /** The master binds a new provider as SCR delivers its registration; this waits until it reads through it. */
    private void awaitTheMasterUses(MatrixView view) {
        FailureMatrixIT.awaitThat("the master reads through the matrix's view", () -> {
            try {
                test.service().domains();
            } catch (ShutdownException e) {
                return false;
            }
            return !view.reads.isEmpty();
        }, Boolean.TRUE::equals);
    }

    private void startAgentsIfStopped() throws BundleException {
        Bundle agents = test.bundle(VShutdownTestSupport.AGENT_BUNDLE);
        if (agents.getState() != Bundle.ACTIVE) {
            agents.start();
        }
    }

    private DomainState state(int domain) throws IOException {
        return new DomainState(platform.read(VProperties.running(domain)), platform.read(VProperties.requested(domain)),
                platform.read(VProperties.status(domain)));
    }

    // ---- what a scenario can do -------------------------------------------------------------------

    @Override
    public void stopAgents() {
        try {
            test.bundle(VShutdownTestSupport.AGENT_BUNDLE).stop();
        } catch (BundleException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public void startAgents() {
        try {
            startAgentsIfStopped();
        } catch (BundleException e) {
            throw new AssertionError(e);
        }
        test.awaitAgents(scenario.domains());
    }

    @Override
    public void swapProvider() {
        MatrixView old = views.get(views.size() - 1);
        MatrixView better = new MatrixView(platform, scenario.reactions(this), scenario.dropNotifications,
                BOUND_MILLIS).register(test.bundleContext(), 20);
        views.add(better);
        try {
            if (!better.subscribed.await(BOUND_MILLIS, TimeUnit.MILLISECONDS)) {
                throw new AssertionError("the waiting master did not follow the better provider");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        old.unregister();
    }

    @Override
    public void loseProvider() {
        views.get(views.size() - 1).unregister();
    }

    @Override
    public void register(ShutdownListener listener) {
        listeners.add(test.bundleContext().registerService(ShutdownListener.class, listener, null));
    }

    @Override
    public <T extends ShutdownListener> T registered(Class<T> type) {
        return listeners.stream().map(r -> test.bundleContext().getService(r.getReference())).filter(type::isInstance)
                .map(type::cast).findFirst().orElseThrow(() -> new AssertionError("no " + type.getSimpleName()));
    }

    @Override
    public EventLog events() {
        return events;
    }

    @Override
    public PropertyWatch watch() {
        return watch;
    }

    @Override
    public List<MatrixView> views() {
        return views;
    }

    @Override
    public void check(boolean holds, String what) {
        if (!holds) {
            problems.add(what);
        }
    }

    @Override
    public boolean systemWide() {
        return systemWide;
    }

    @Override
    public void awaitTheWait() {
        events.await(Type.REQUESTED, systemWide ? 2 : scenario.selectiveTarget);
        if (systemWide && scenario.neighbourAnswers()) {
            events.await(Type.ACKNOWLEDGED, 1);
        }
    }

    @Override
    public long runningOf(int domain) {
        try {
            return state(domain).runningValue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void write(String name, String value) {
        try {
            platform.write(name, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
