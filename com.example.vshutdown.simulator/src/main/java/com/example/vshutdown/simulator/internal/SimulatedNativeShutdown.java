package com.example.vshutdown.simulator.internal;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.example.vshutdown.spi.NativeShutdown;

/**
 * The master's native shutdown and reboot on the simulated platform: they end the app. There is no
 * machine to take down, and the real one must never be touched; a simulated reboot does not come
 * back either, because nothing would be left to show that it happened.
 */
public final class SimulatedNativeShutdown implements NativeShutdown {
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
