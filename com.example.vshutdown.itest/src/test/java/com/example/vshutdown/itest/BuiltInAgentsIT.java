package com.example.vshutdown.itest;

import static com.example.vshutdown.protocol.VProperties.status;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.List;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.osgi.framework.Bundle;
import org.osgi.service.cm.ConfigurationAdmin;

import com.example.vshutdown.api.DomainOutcome;
import com.example.vshutdown.api.ShutdownRequest;
import com.example.vshutdown.api.ShutdownResult;
import com.example.vshutdown.api.ShutdownResult.Outcome;
import com.example.vshutdown.api.ShutdownService;
import com.example.vshutdown.spi.NativeShutdown;
import com.example.vshutdown.spi.VPropertyProvider;

/** agents=builtin: the simulator plays the agents itself although the shipped one could run. */
@RunWith(PaxExam.class)
public class BuiltInAgentsIT extends VShutdownTestSupport {
    @Inject
    ShutdownService service;

    @Inject
    ConfigurationAdmin configurationAdmin;

    @Override
    protected String agentsMode() {
        return "builtin";
    }

    @Test
    public void noShippedAgentIsConfiguredThoughItCouldRun() throws Exception {
        assertEquals("the agent bundle is there and active", Bundle.ACTIVE, installedBundle(AGENT_BUNDLE).getState());
        assertNull(configurationAdmin.listConfigurations("(service.factoryPid=" + AGENT_PID + ")"));
        assertEquals(List.of(), agentConfigurations());
        assertNull("no native shutdown of a domain",
                context.getServiceReferences(NativeShutdown.class.getName(),
                        "(" + NativeShutdown.DOMAIN_PROPERTY + "=*)"));
    }

    @Test
    public void theBuiltInAgentsAnswerAndSayWhyTheyBlock() throws Exception {
        recordNativeShutdown();
        VPropertyProvider platform = context.getService(context.getServiceReference(VPropertyProvider.class));

        ShutdownResult ok = service.run(ShutdownRequest.selective(1).withTimeout(Duration.ofMillis(BOUND_MILLIS)));
        ShutdownResult blocked = service.run(ShutdownRequest.selective(4).withTimeout(Duration.ofMillis(500)));

        assertEquals(ok.message(), Outcome.COMPLETED, ok.outcome());
        assertEquals("picked-up 2", platform.read(status(1)).orElse(null));
        assertEquals(Outcome.CANCELLED, blocked.outcome());
        DomainOutcome four = blocked.domains().stream().filter(d -> d.id() == 4).findFirst().orElseThrow();
        assertEquals("blocked: an update is being installed", four.reason());
        assertTrue(platform.read(status(2)).isEmpty());
    }
}
