package com.example.vshutdown.itest;

import static com.example.vshutdown.protocol.VProperties.requested;
import static com.example.vshutdown.protocol.VProperties.running;
import static com.example.vshutdown.protocol.VProperties.status;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.inject.Inject;

import org.apache.felix.service.command.CommandProcessor;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.util.promise.Promise;

import com.example.vshutdown.api.ExitStatus;
import com.example.vshutdown.api.ShutdownException;
import com.example.vshutdown.api.ShutdownRequest;
import com.example.vshutdown.api.ShutdownResult;
import com.example.vshutdown.api.ShutdownResult.Outcome;
import com.example.vshutdown.api.ShutdownService;
import com.example.vshutdown.spi.NativeShutdown;
import com.example.vshutdown.spi.VPropertyProvider;

/**
 * The shipped agent in the simulator: the agent bundle hosts one agent per simulated guest (here the
 * ok and block domains), with no configuration, each acting only on its own domain's request.
 */
@RunWith(PaxExam.class)
public class RealAgentsIT extends VShutdownTestSupport {
    @Inject
    ShutdownService service;

    @Inject
    ConfigurationAdmin configurationAdmin;

    @Inject
    CommandProcessor processor;

    private PropertyWatch watch;

    @Before
    public void watchThePlatform() {
        recordNativeShutdown();
        watch = new PropertyWatch(context.getService(context.getServiceReference(VPropertyProvider.class)),
                BOUND_MILLIS);
    }

    @After
    public void stopWatching() {
        watch.close();
    }

    @Test
    public void theAgentBundleHostsOneAgentPerGuestWithoutAnyConfiguration() throws Exception {
        assertEquals(List.of("1", "2", "4"), activeAgents());
        Bundle simulator = installedBundle("com.example.vshutdown.simulator");
        for (ServiceReference<?> guest : context.getServiceReferences(NativeShutdown.class.getName(), HOSTED)) {
            assertEquals("registered by the simulator", simulator, guest.getBundle());
            assertEquals(Integer.class, guest.getProperty(NativeShutdown.DOMAIN_PROPERTY).getClass());
        }
        assertNull("no agent configuration", configurationAdmin.listConfigurations(
                "(service.factoryPid=" + AGENT_PID + ")"));
        assertEquals("no configured agent instance", List.of(), agentConfigurations());
        List<ComponentConfigurationDTO> hosting = componentConfigurations("com.example.vshutdown.agent.hosted");
        assertEquals(1, hosting.size());
        assertEquals(ComponentConfigurationDTO.ACTIVE, hosting.get(0).state);
    }

    @Test
    public void installingTheAgentBundleAfterTheSimulatorStartedPutsAgentsInItsDomains() throws Exception {
        Bundle agents = installedBundle(AGENT_BUNDLE);
        String location = agents.getLocation();
        agents.uninstall();
        VPropertyProvider platform = context.getService(context.getServiceReference(VPropertyProvider.class));
        platform.write(requested(1), "2");
        watch.flush();
        assertEquals(List.of(), activeAgents());
        assertNull("nobody is there to pick it up", watch.value(status(1)));

        context.installBundle(location).start();

        watch.await(running(1), 1);
        assertEquals("2", watch.value(running(1)));
        assertEquals("picked-up 2", watch.value(status(1)));
        assertEquals(List.of("1", "2", "4"), activeAgents());
        quiesce();
        assertEquals("picked up once", 1, watch.count(status(1)));
    }

    @Test
    public void twoAgentsEachActOnlyOnTheirOwnDomainsRequest() throws Exception {
        ShutdownResult first = service.run(ShutdownRequest.selective(1).withTimeout(Duration.ofMillis(BOUND_MILLIS)));

        assertEquals(first.message(), Outcome.COMPLETED, first.outcome());
        assertEquals("picked-up 2", watch.value(status(1)));
        assertNull("domain 2's agent wrote nothing", watch.value(status(2)));
        assertEquals("1", watch.value(running(2)));

        ShutdownResult second = service.run(ShutdownRequest.selective(2).withTimeout(Duration.ofMillis(BOUND_MILLIS)));

        assertEquals(second.message(), Outcome.COMPLETED, second.outcome());
        quiesce();
        assertEquals("picked-up 2", watch.value(status(2)));
        assertEquals("domain 1's status written once, for its own request", 1, watch.count(status(1)));
        assertEquals("domain 2's status written once, for its own request", 1, watch.count(status(2)));
        assertEquals(1, watch.count(running(1)));
        assertEquals(1, watch.count(running(2)));
        assertEquals("the blocking domain's agent was never asked", 0, watch.count(status(4)));
    }

    @Test
    public void aRequestWrittenWhileTheAgentIsStoppedIsActedOnOnceWhenItStarts() throws Exception {
        Bundle agents = installedBundle(AGENT_BUNDLE);
        agents.stop();
        assertEquals(List.of(), activeAgents());
        Promise<ShutdownResult> shutdown =
                service.submit(ShutdownRequest.selective(1).withTimeout(Duration.ofMillis(BOUND_MILLIS)));
        watch.await(requested(1), 1);
        watch.flush();
        assertEquals("2", watch.value(requested(1)));
        assertNull("nobody picked it up", watch.value(status(1)));
        assertEquals("1", watch.value(running(1)));
        assertFalse(shutdown.isDone());

        agents.start();
        ShutdownResult result = shutdown.timeout(BOUND_MILLIS).getValue();

        assertEquals(result.message(), Outcome.COMPLETED, result.outcome());
        quiesce();
        assertEquals("picked-up 2", watch.value(status(1)));
        assertEquals("one status: picked up once", 1, watch.count(status(1)));
        assertEquals("2", watch.value(running(1)));
        assertEquals("the guest went down once", 1, watch.count(running(1)));
    }

    @Test
    public void theSummaryShowsABlockedDomainsReasonThroughItsAgent() throws Exception {
        CompletableFuture<Gogo> command = CompletableFuture.supplyAsync(() -> Gogo.run(processor, "vshutdown 4"));
        // cancelled once the agent has said why, not after a time-out it might not have answered within
        watch.await(status(4), 2);
        assertTrue("a shutdown was in progress", service.cancel());
        Gogo gogo = command.get(BOUND_MILLIS, TimeUnit.MILLISECONDS);

        assertTrue(gogo.output, gogo.failure instanceof ShutdownException);
        assertEquals(gogo.output, ExitStatus.CANCELLED, ((ShutdownException) gogo.failure).status());
        assertTrue(gogo.output, gogo.output.contains("blocked: an update is being installed"));
        quiesce();
        assertEquals("blocked 2 an update is being installed", watch.value(status(4)));
        assertEquals("picked up, then blocked by the guest", 2, watch.count(status(4)));
        assertEquals("1", watch.value(running(4)));
    }

    /**
     * Stops the agents, so that nothing they might still do can happen after the test has looked,
     * then waits until every change they made has been notified.
     */
    private void quiesce() throws Exception {
        installedBundle(AGENT_BUNDLE).stop();
        watch.flush();
    }
}
