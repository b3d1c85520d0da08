package com.example.vshutdown.control.internal;

import java.util.concurrent.TimeUnit;

import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops the framework when the JVM is asked to end (SIGTERM from the service manager, Ctrl-C in a
 * terminal), which the bnd launcher does not do. Without it the process would end under its
 * bundles: the control socket would stay behind as a stale socket, a line running for a client
 * would end without its exit status, and no component would deactivate. The hook stops the system
 * bundle and waits, bounded, until every bundle has stopped. The control socket opens only once the
 * hook is in place (it references this component's service).
 */
@Component(service = StopOnExit.class)
public final class StopOnExit {
    private static final Logger LOG = LoggerFactory.getLogger(StopOnExit.class);
    /** Past the control socket's wait for its lines: a stop that takes longer is left to the JVM. */
    private static final long BOUND_SECONDS = 60;

    private final Thread hook;

    @Activate
    public StopOnExit(BundleContext context) {
        // the system bundle is the framework (OSGi core, launching)
        Framework framework = (Framework) context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION);
        hook = new Thread(() -> stop(framework), "vshutdown-stop-on-exit");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    @Deactivate
    void deactivate() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is ending: this is the hook's own stop
        }
    }

    private static void stop(Framework framework) {
        LOG.info("The process is asked to end: stopping the framework");
        try {
            framework.stop();
            if (framework.waitForStop(TimeUnit.SECONDS.toMillis(BOUND_SECONDS)).getType()
                    == FrameworkEvent.WAIT_TIMEDOUT) {
                LOG.warn("The framework has not stopped within {} s; the process ends regardless", BOUND_SECONDS);
            }
        } catch (BundleException e) {
            LOG.error("The framework could not be stopped: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
