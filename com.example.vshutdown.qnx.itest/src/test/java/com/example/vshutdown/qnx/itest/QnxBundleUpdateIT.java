package com.example.vshutdown.qnx.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotSame;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.FrameworkWiring;

import com.example.vshutdown.api.DomainOutcome.Status;
import com.example.vshutdown.api.ShutdownRequest;
import com.example.vshutdown.api.ShutdownResult;
import com.example.vshutdown.api.ShutdownResult.Outcome;
import com.example.vshutdown.spi.ConfigurationFault;
import com.example.vshutdown.spi.VPropertyProvider;

/**
 * The QNX provider bundle updated and refreshed while the master runs on it, as a deployment does
 * in the field. Each new revision has a class loader of its own while the old one lives on until
 * it is collected; the JVM would refuse it the library file the old one loaded ("already loaded in
 * another classloader") if the provider loaded the file itself instead of a private copy.
 */
@RunWith(PaxExam.class)
public class QnxBundleUpdateIT extends QnxTestSupport {
    private StubControl stub;

    @Before
    public void platform() throws Exception {
        stub = stub();
        stub.reset();
        stub.set("nk.0.vm.state.running", "1").set("nk.1.vm.state.running", "1").set("nk.2.vm.state.running", "1");
        recordNativeShutdown();
        configure(Map.of());
    }

    @Test
    public void theUpdatedBundleBindsTheLibraryAgainAndTheMasterRunsOnIt() throws Exception {
        VPropertyProvider before = awaitProviderBoundToMaster();
        Object serviceBefore = qnxReference(VPropertyProvider.class).getProperty(Constants.SERVICE_ID);
        BundleRevision revisionBefore = qnxBundle().adapt(BundleRevision.class);

        updateAndRefresh(qnxBundle());

        VPropertyProvider after = awaitProviderBoundToMaster();
        assertNotSame("still the first revision", revisionBefore, qnxBundle().adapt(BundleRevision.class));
        assertNotEquals("the provider was not registered again", serviceBefore,
                qnxReference(VPropertyProvider.class).getProperty(Constants.SERVICE_ID));
        assertNull("the new revision could not bind the library", qnxReference(ConfigurationFault.class));
        assertEquals("not exactly the new revision's copy is open", 1, stub.awaitOpenCount(1, BOUND_MILLIS));
        try {
            before.read("nk.1.vm.state.running");
            fail("the first revision's provider still reads");
        } catch (IOException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("the provider has been stopped and its library closed"));
        }

        // a whole shutdown through the new revision: its writes, its notifications to the slaves and the master
        try (FakeHypervisor hypervisor = new FakeHypervisor(after, stub, Set.of())) {
            ShutdownResult result = shutdownService.run(ShutdownRequest.selective(2)
                    .withTimeout(Duration.ofMillis(BOUND_MILLIS)));

            assertEquals(result.message(), Outcome.COMPLETED, result.outcome());
            assertEquals(Status.ACKNOWLEDGED, QnxShutdownIT.outcome(result, 2).status());
            assertEquals(List.of("2 shutdown"), hypervisor.actions);
            assertEquals(Optional.of("2"), stub.get("nk.2.vm.state.running"));
        }
    }

    @Test
    public void everyUpdateInARowBindsTheLibraryAgain() throws Exception {
        awaitProviderBoundToMaster();
        for (int update = 1; update <= 3; update++) {
            Object serviceBefore = qnxReference(VPropertyProvider.class).getProperty(Constants.SERVICE_ID);

            updateAndRefresh(qnxBundle());

            VPropertyProvider provider = awaitProviderBoundToMaster();
            assertNotEquals("update " + update, serviceBefore,
                    qnxReference(VPropertyProvider.class).getProperty(Constants.SERVICE_ID));
            assertNull("update " + update, qnxReference(ConfigurationFault.class));
            provider.write("nk.1.vm.shutdown.status", "update " + update);
            assertEquals(Optional.of("update " + update), stub.get("nk.1.vm.shutdown.status"));
        }
        assertEquals(1, stub.awaitOpenCount(1, BOUND_MILLIS));
    }

    /**
     * Updates a bundle from its location (the same jar: a new revision all the same) and refreshes
     * it, as a deploy directory or an operator does; returns once the framework says it is done.
     */
    private void updateAndRefresh(Bundle bundle) throws Exception {
        bundle.update();
        CompletableFuture<FrameworkEvent> refreshed = new CompletableFuture<>();
        context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).adapt(FrameworkWiring.class)
                .refreshBundles(List.of(bundle), refreshed::complete);
        FrameworkEvent event = refreshed.get(BOUND_MILLIS, TimeUnit.MILLISECONDS);
        assertEquals("the refresh failed: " + event.getThrowable(), FrameworkEvent.PACKAGES_REFRESHED,
                event.getType());
        assertEquals(Bundle.ACTIVE, bundle.getState());
    }
}
