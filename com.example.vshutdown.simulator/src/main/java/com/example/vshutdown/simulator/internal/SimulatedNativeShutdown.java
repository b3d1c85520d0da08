package com.example.vshutdown.simulator.internal;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.example.vshutdown.spi.NativeShutdown;
import com.example.vshutdown.spi.VPropertyProvider;
import com.example.vshutdown.support.offer.ProviderOffer;

/**
 * The master's native shutdown and reboot on the simulated platform: they end the app. There is no
 * machine to take down, and the real one must never be touched; a simulated reboot does not come
 * back either, because nothing would be left to show that it happened. In the framework, an
 * instance of a factory component that only {@link SimulatorComponent} creates; it ends the app by
 * stopping the system bundle.
 */
@Component(factory = SimulatedNativeShutdown.FACTORY, service = NativeShutdown.class,
        configurationPolicy = ConfigurationPolicy.IGNORE,
        property = VPropertyProvider.SIMULATED_PROPERTY + ":Boolean=true")
public final class SimulatedNativeShutdown implements NativeShutdown {
    static final String FACTORY = "com.example.vshutdown.simulator.nativeshutdown";

    private static final Logger LOG = LoggerFactory.getLogger(SimulatedNativeShutdown.class);

    private final Runnable endApp;
    private final AtomicBoolean ending = new AtomicBoolean();

    /**
     * @param endApp ends the app (in OSGi: stops the system bundle); run on a thread of its own,
     *        because it is called from the master's shutdown, which stopping the framework waits for
     */
    public SimulatedNativeShutdown(Runnable endApp) {
        this.endApp = Objects.requireNonNull(endApp, "endApp");
    }

    @Activate
    public SimulatedNativeShutdown(BundleContext context, Map<String, Object> properties) {
        this(endingTheFramework(context, properties));
    }

    /**
     * Stops the system bundle. Only the simulator's offer makes this service: an instance another
     * bundle asked the factory for would end the app too, and is refused.
     */
    private static Runnable endingTheFramework(BundleContext context, Map<String, Object> properties) {
        ProviderOffer.settings(properties, SimulatorSpec.class);
        Bundle systemBundle = context.getBundle(Constants.SYSTEM_BUNDLE_ID);
        return () -> {
            try {
                systemBundle.stop();
            } catch (BundleException | IllegalStateException | SecurityException e) {
                LOG.error("Cannot stop the framework to end the app: {}", e.getMessage());
            }
        };
    }

    @Override
    public String description() {
        return "simulated native shutdown: ends the app, never the machine";
    }

    @Override
    public void shutdown() {
        end("shutdown");
    }

    @Override
    public void reboot() {
        end("reboot");
    }

    /** Whether the app has been asked to end. */
    public boolean ending() {
        return ending.get();
    }

    private void end(String what) {
        if (!ending.compareAndSet(false, true)) {
            LOG.debug("Simulated native {} asked again; the app is already ending", what);
            return;
        }
        LOG.info("Simulated native {} of the master: ending the app (the real machine is not touched)", what);
        Thread thread = new Thread(endApp, "vshutdown-sim-end");
        thread.start();
    }
}
