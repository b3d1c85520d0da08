package com.example.vshutdown.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.inject.Inject;

import org.apache.felix.service.command.CommandProcessor;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.util.promise.Promise;

import com.example.vshutdown.api.ExitStatus;
import com.example.vshutdown.api.ShutdownException;
import com.example.vshutdown.api.ShutdownRequest;
import com.example.vshutdown.api.ShutdownResult;
import com.example.vshutdown.api.ShutdownResult.Outcome;
import com.example.vshutdown.api.ShutdownResult.WaitEnd;
import com.example.vshutdown.api.ShutdownService;
import com.example.vshutdown.api.Withdrawal;
import com.example.vshutdown.protocol.VProperties;
import com.example.vshutdown.spi.VPropertyProvider;

/** Providers change under a waiting shutdown: it follows a better one, and ends cleanly without any. */
@RunWith(PaxExam.class)
public class ProviderSwapIT extends VShutdownTestSupport {
    @Inject
    ShutdownService service;

    @Inject
    CommandProcessor processor;

    @Override
    protected String simulatedDomains() {
        // domain 2 never answers by itself: the shutdown waits for it as long as the test needs
        return "1:ok:20,2:ignore";
    }

    @Test
    public void aBetterRankedProviderTakesOverAWaitingShutdownThatThenCompletes() throws Exception {
        RecordingNativeShutdown nativeShutdown = recordNativeShutdown();
        ServiceReference<VPropertyProvider> simulator = context.getServiceReference(VPropertyProvider.class);
        Promise<ShutdownResult> shutdown = service.submit(ShutdownRequest.selective(2));

        RecordingProvider better = new RecordingProvider(context.getService(simulator));
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(Constants.SERVICE_RANKING, Integer.valueOf(50));
        ServiceRegistration<VPropertyProvider> registration =
                context.registerService(VPropertyProvider.class, better, props);
        try {
            assertTrue("the waiting shutdown subscribes to the better provider",
                    better.subscribed.await(BOUND_MILLIS, TimeUnit.MILLISECONDS));
            String providers = Gogo.run(processor, "providers").output;
            assertTrue(providers, providers.lines().anyMatch(l -> l.startsWith("*") && l.contains("test provider")));
            assertFalse(shutdown.isDone());

            // the hypervisor stops domain 2: the master sees it through the provider it follows now
            better.hardStop(2);
            ShutdownResult result = shutdown.timeout(BOUND_MILLIS).getValue();

            assertEquals(result.message(), Outcome.COMPLETED, result.outcome());
            assertTrue(better.reads.toString(), better.reads.contains(VProperties.running(2)));
            assertTrue(nativeShutdown.calls.isEmpty());
        } finally {
            registration.unregister();
        }
    }

    @Test
    public void theLastProviderGoingAwayCancelsTheWaitAndLeavesTheMasterUp() throws Exception {
        RecordingNativeShutdown nativeShutdown = recordNativeShutdown();
        Promise<ShutdownResult> shutdown = service.submit(ShutdownRequest.systemWide().withForce(true));
        Bundle simulator = List.of(context.getBundles()).stream()
                .filter(b -> "com.example.vshutdown.simulator".equals(b.getSymbolicName())).findFirst().orElseThrow();

        simulator.stop();
        ShutdownResult result = shutdown.timeout(BOUND_MILLIS).getValue();

        assertEquals(result.message(), Outcome.CANCELLED, result.outcome());
        assertEquals(WaitEnd.PROVIDER_LOST, result.waitEnd());
        assertTrue(result.message(), result.message().contains("provider went away"));
        assertFalse("domain 2 was still awaited", result.withdrawals().isEmpty());
        assertTrue("nothing can be withdrawn without a provider: " + result.withdrawals(), result.withdrawals()
                .stream().allMatch(w -> w.result() == Withdrawal.Result.NOT_WRITTEN));
        assertTrue("the master is not shut down", nativeShutdown.calls.isEmpty());
        Gogo next = Gogo.run(processor, "vshutdown 1");
        assertTrue(next.output, next.failure instanceof ShutdownException);
        assertEquals(ExitStatus.ERROR, ((ShutdownException) next.failure).status());
        assertTrue(next.failure.getMessage(), next.failure.getMessage().contains("no vproperty provider"));
    }
}
