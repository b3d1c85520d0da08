package com.example.vshutdown.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;

import java.util.Hashtable;
import java.util.List;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.felix.service.command.CommandProcessor;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.util.promise.Promise;

import com.example.vshutdown.api.ShutdownRequest;
import com.example.vshutdown.api.ShutdownResult;
import com.example.vshutdown.api.ShutdownResult.Outcome;
import com.example.vshutdown.api.ShutdownService;
import com.example.vshutdown.protocol.VProperties;
import com.example.vshutdown.spi.VPropertyProvider;

/** A provider forced by name, and agents rebinding under a request they already acted on. */
@RunWith(PaxExam.class)
public class ProviderChoiceIT extends VShutdownTestSupport {
    private static final String FORCED_TARGET = "(" + VPropertyProvider.PROVIDER_PROPERTY + "=simulator)";

    @Inject
    ShutdownService service;

    @Inject
    CommandProcessor processor;

    @Override
    protected List<Option> extraOptions() {
        return List.of(frameworkProperty("vshutdown.provider").value("simulator"));
    }

    @Override
    protected String simulatedDomains() {
        return "1:ok:1500,2:ok:50";
    }

    @Test
    public void aProviderForcedByNameIsKeptOverABetterRankedOne() throws Exception {
        await("the master configured from -Dvshutdown.provider", this::masterTarget, FORCED_TARGET::equals);
        RecordingProvider unnamed = new RecordingProvider(simulator());
        ServiceRegistration<VPropertyProvider> registration = register(unnamed, false);
        try {
            ShutdownResult result = service.run(ShutdownRequest.selective(2));

            assertEquals(result.message(), Outcome.COMPLETED, result.outcome());
            assertEquals("neither the master nor an agent binds it", 0, unnamed.subscriptions.get());
            String providers = Gogo.run(processor, "providers").output;
            assertTrue(providers, providers.lines().anyMatch(l -> l.startsWith("*") && l.contains("simulated platform")));
            assertTrue(providers, providers.lines().noneMatch(l -> l.startsWith("*") && l.contains("test provider")));
        } finally {
            registration.unregister();
        }
    }

    @Test
    public void anAgentRebindingWithARequestUnderWayDoesNotActAgain() throws Exception {
        RecordingNativeShutdown nativeShutdown = recordNativeShutdown();
        VPropertyProvider simulator = simulator();
        Promise<ShutdownResult> shutdown = service.submit(ShutdownRequest.selective(1));
        await("domain 1's agent picks the request up", () -> read(simulator, VProperties.status(1)),
                Optional.of("picked-up 2")::equals);

        // same name, better ranking: the master's wait and the agents all move to it
        RecordingProvider better = new RecordingProvider(simulator);
        ServiceRegistration<VPropertyProvider> registration = register(better, true);
        try {
            // written again: domain 1's agent checks, moves to the new provider and reads its status there
            better.write(VProperties.requested(1), "2");
            await("domain 1's agent checks through the new provider", () -> better.reads.contains(
                    VProperties.status(1)), Boolean.TRUE::equals);
            ShutdownResult result = shutdown.timeout(BOUND_MILLIS).getValue();

            assertEquals(result.message(), Outcome.COMPLETED, result.outcome());
            assertEquals("acted on once: a second native call would have failed",
                    Optional.of("picked-up 2"), read(simulator, VProperties.status(1)));
            assertEquals(Optional.of("2"), read(simulator, VProperties.running(1)));
            assertTrue(nativeShutdown.calls.isEmpty());
        } finally {
            registration.unregister();
        }
    }

    private String masterTarget() {
        ServiceReference<ShutdownService> ref = context.getServiceReference(ShutdownService.class);
        return ref == null ? null : (String) ref.getProperty("provider.target");
    }

    private VPropertyProvider simulator() {
        return context.getService(context.getServiceReference(VPropertyProvider.class));
    }

    private ServiceRegistration<VPropertyProvider> register(VPropertyProvider provider, boolean named) {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(Constants.SERVICE_RANKING, Integer.valueOf(50));
        if (named) {
            props.put(VPropertyProvider.PROVIDER_PROPERTY, "simulator");
        }
        return context.registerService(VPropertyProvider.class, provider, props);
    }

    private static Optional<String> read(VPropertyProvider provider, String name) {
        try {
            return provider.read(name).map(String::strip);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
