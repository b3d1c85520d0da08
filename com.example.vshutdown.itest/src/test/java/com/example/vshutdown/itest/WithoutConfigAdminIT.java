package com.example.vshutdown.itest;

import static com.example.vshutdown.protocol.VProperties.requested;
import static com.example.vshutdown.protocol.VProperties.running;
import static com.example.vshutdown.protocol.VProperties.status;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.util.List;
import java.util.function.Predicate;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.osgi.framework.Bundle;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;

import com.example.vshutdown.spi.VPropertyProvider;

/**
 * No ConfigAdmin at all: neither the simulator nor the agent bundle needs it for the simulated
 * domains. Both resolve without its API, and the agent bundle's hosted agents act in the guests;
 * only the agent configured from a framework property waits for ConfigAdmin.
 */
@RunWith(PaxExam.class)
public class WithoutConfigAdminIT extends VShutdownTestSupport {
    private static final String PACKAGE = "osgi.wiring.package";
    private static final Predicate<BundleWire> CONFIG_ADMIN_API =
            w -> "org.osgi.service.cm".equals(w.getCapability().getAttributes().get(PACKAGE));

    @Override
    protected String simulatedDomains() {
        return "1:ok:20,2:ignore";
    }

    @Override
    protected Option provision(File jar) {
        return jar.getName().startsWith("org.apache.felix.configadmin") ? null : super.provision(jar);
    }

    @Test
    public void theHostedAgentsActWithoutConfigAdmin() throws Exception {
        for (String name : List.of("com.example.vshutdown.simulator", AGENT_BUNDLE)) {
            Bundle bundle = installedBundle(name);
            assertEquals(name, Bundle.ACTIVE, bundle.getState());
            assertTrue(name + " is not wired to the ConfigAdmin API",
                    bundle.adapt(BundleWiring.class).getRequiredWires(PACKAGE).stream().noneMatch(CONFIG_ADMIN_API));
        }
        assertEquals(List.of("1"), activeAgents());
        List<ComponentConfigurationDTO> fromProperty =
                componentConfigurations("com.example.vshutdown.agent.internal.AgentFromFrameworkProperty");
        assertEquals(1, fromProperty.size());
        assertEquals("waits for ConfigAdmin", ComponentConfigurationDTO.UNSATISFIED_REFERENCE,
                fromProperty.get(0).state);

        VPropertyProvider platform = context.getService(context.getServiceReference(VPropertyProvider.class));
        try (PropertyWatch watch = new PropertyWatch(platform, BOUND_MILLIS)) {
            platform.write(requested(1), "2");
            watch.await(running(1), 1);
            assertEquals("2", watch.value(running(1)));
            assertEquals("picked-up 2", watch.value(status(1)));
        }
    }
}
