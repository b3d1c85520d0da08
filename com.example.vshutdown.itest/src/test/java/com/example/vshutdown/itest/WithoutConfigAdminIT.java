package com.example.vshutdown.itest;

import static com.example.vshutdown.protocol.VProperties.status;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.bundle;

import java.io.File;
import java.time.Duration;
import java.util.List;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.wiring.BundleWiring;

import com.example.vshutdown.api.ShutdownRequest;
import com.example.vshutdown.api.ShutdownResult;
import com.example.vshutdown.api.ShutdownResult.Outcome;
import com.example.vshutdown.api.ShutdownService;
import com.example.vshutdown.spi.NativeShutdown;
import com.example.vshutdown.spi.VPropertyProvider;

/**
 * No ConfigAdmin at all: the agent bundle is installed but cannot resolve, and the simulator, whose
 * import of the ConfigAdmin API is optional, still runs and plays the agents itself (agents=auto).
 */
@RunWith(PaxExam.class)
public class WithoutConfigAdminIT extends VShutdownTestSupport {
    private static final String PACKAGE = "osgi.wiring.package";

    @Inject
    ShutdownService service;

    @Override
    protected Option provision(File jar) {
        if (jar.getName().startsWith("org.apache.felix.configadmin")) {
            return null;
        }
        if (jar.getName().equals(AGENT_BUNDLE + ".jar")) {
            // installed only: it needs the ConfigAdmin API, and Pax Exam would fail to start it
            return bundle(jar.toURI().toString()).start(false);
        }
        return super.provision(jar);
    }

    @Override
    protected List<String> expectedAgents() {
        return List.of();
    }

    @Test
    public void theSimulatorRunsWithItsOwnAgents() throws Exception {
        recordNativeShutdown();
        Bundle simulator = installedBundle("com.example.vshutdown.simulator");
        assertEquals(Bundle.ACTIVE, simulator.getState());
        assertTrue("the ConfigAdmin API is not wired to the simulator", simulator.adapt(BundleWiring.class)
                .getRequiredWires(PACKAGE).stream()
                .noneMatch(w -> "org.osgi.service.cm".equals(w.getCapability().getAttributes().get(PACKAGE))));
        assertEquals("installed, not resolved", Bundle.INSTALLED, installedBundle(AGENT_BUNDLE).getState());
        assertNull(context.getServiceReferences(NativeShutdown.class.getName(),
                "(" + NativeShutdown.DOMAIN_PROPERTY + "=*)"));

        ShutdownResult result = service.run(ShutdownRequest.selective(1).withTimeout(Duration.ofMillis(BOUND_MILLIS)));

        assertEquals(result.message(), Outcome.COMPLETED, result.outcome());
        ServiceReference<VPropertyProvider> platform = context.getServiceReference(VPropertyProvider.class);
        assertEquals("the built-in agent answered", "picked-up 2",
                context.getService(platform).read(status(1)).orElse(null));
    }
}
