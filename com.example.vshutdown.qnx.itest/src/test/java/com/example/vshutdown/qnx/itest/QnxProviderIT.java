package com.example.vshutdown.qnx.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.inject.Inject;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.util.promise.Promise;

import com.example.vshutdown.api.DomainInfo;
import com.example.vshutdown.api.DomainState;
import com.example.vshutdown.api.ShutdownRequest;
import com.example.vshutdown.api.ShutdownResult;
import com.example.vshutdown.api.ShutdownResult.Outcome;
import com.example.vshutdown.spi.NativeShutdown;
import com.example.vshutdown.spi.VPropertyProvider;

/**
 * The provider's registration and its vproperty access through the real JNI binding: what is
 * offered where, ranking, reading, writing, listing, notifications, a clean stop, and all of it
 * without JNA.
 */
@RunWith(PaxExam.class)
public class QnxProviderIT extends QnxTestSupport {
    @Inject
    ServiceComponentRuntime scr;

    private StubControl stub;

    @Before
    public void platform() {
        stub = stub();
        stub.reset();
        stub.set("nk.0.vm.state.running", "1").set("nk.1.vm.state.running", "1").set("nk.2.vm.state.running", "2");
    }

    @Test
    public void offersNothingOffQnxUnlessConfigured() throws Exception {
        Bundle qnx = qnxBundle();
        ComponentDescriptionDTO description = scr.getComponentDescriptionDTO(qnx, PID);
        assertNotNull("the QNX provider component is not declared", description);
        awaitCondition("the QNX provider component is active", () -> scr.getComponentConfigurationDTOs(description)
                .stream().anyMatch(c -> c.state == ComponentConfigurationDTO.ACTIVE));

        assertEquals("not QNX here", false, System.getProperty("os.name").toLowerCase().startsWith("qnx"));
        assertNull("services offered without configuration off QNX", qnxServices());
        assertEquals("the library was opened without configuration", 0, stub.openCount());
    }

    @Test
    public void configuredByNameAndPathItRegistersBothServicesWithItsRanking() throws Exception {
        java.io.File file = new java.io.File(library());
        String name = file.getName().replaceFirst("^lib", "").replaceFirst("\\.so$", "");
        configure(Map.of("library", name, "library.path", new String[] {file.getParent()},
                "service.ranking", Integer.valueOf(250)));

        VPropertyProvider provider = awaitProviderBoundToMaster();
        ServiceReference<VPropertyProvider> ref = qnxReference(VPropertyProvider.class);
        assertEquals(Integer.valueOf(250), ref.getProperty(Constants.SERVICE_RANKING));
        ServiceReference<NativeShutdown> nativeRef = qnxReference(NativeShutdown.class);
        assertNotNull("no native shutdown registered with the provider", nativeRef);
        assertEquals(Integer.valueOf(250), nativeRef.getProperty(Constants.SERVICE_RANKING));
        assertTrue(provider.description(), provider.description().contains(file.getPath()));
        assertEquals(1, stub.openCount());

        // the master sees the stub's platform through it
        List<DomainInfo> domains = shutdownService.domains();
        assertEquals(domains.toString(), List.of(0, 1, 2), domains.stream().map(DomainInfo::id).toList());
        assertEquals(DomainState.RUNNING, domains.get(1).state());
        assertEquals(DomainState.STOPPED, domains.get(2).state());
        assertTrue(domains.get(0).master());
    }

    @Test
    public void listsMoreNamesThanItsFirstBufferHolds() throws Exception {
        for (int i = 10; i < 210; i++) {
            stub.set("nk." + i + ".vm.state.running", "1");
        }
        configure(Map.of());
        VPropertyProvider provider = awaitProvider();

        assertEquals(200 + 3, provider.names().size());
        assertTrue(provider.names().contains("nk.209.vm.state.running"));
    }

    @Test
    public void notifiesEveryChangeWithTheNameOfTheProperty() throws Exception {
        configure(Map.of());
        VPropertyProvider provider = awaitProvider();
        BlockingQueue<Optional<String>> heard = new LinkedBlockingQueue<>();
        try (VPropertyProvider.Subscription subscription = provider.subscribe(heard::add)) {
            syncWithTheWatcher(heard);
            stub.set("nk.1.vm.state.running", "2");
            assertEquals(Optional.of("nk.1.vm.state.running"), nextNamed(heard));
            stub.set("nk.3.vm.state.running", "1");
            assertEquals(Optional.of("nk.3.vm.state.running"), nextNamed(heard));
        }
    }

    /**
     * Properties set only to find out when the watcher names changes, never one a test judges: one
     * name a round ({@code nk.900.…}, {@code nk.901.…}), so that what comes back says which round it was.
     */
    private static String scratch(int round) {
        return "nk." + (900 + round) + ".vm.shutdown.status";
    }

    private static boolean isScratch(String name) {
        return name.matches("nk\\.9\\d\\d\\.vm\\.shutdown\\.status");
    }

    /**
     * The watcher's first vsd_wait reports every change before it as one unnamed hint (the SPI's
     * "re-read everything"), and a wait that finds more than one change since the last names none.
     * So a round's scratch change may come back unnamed, or a round late. The watcher has caught up
     * with everything once it names the scratch property of the latest round: nothing was changed
     * after it, so the next change it sees is the test's alone, and is named. Earlier rounds' names
     * that still arrive afterwards are passed over by {@link #nextNamed}.
     */
    private void syncWithTheWatcher(BlockingQueue<Optional<String>> heard) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(BOUND_MILLIS);
        for (int round = 0; ; round++) {
            assertTrue("the watcher never named a change", System.nanoTime() < deadline);
            String latest = scratch(round);
            stub.set(latest, "sync");
            long roundEnd = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
            Optional<String> next;
            while ((next = heard.poll(roundEnd - System.nanoTime(), TimeUnit.NANOSECONDS)) != null) {
                if (next.equals(Optional.of(latest))) {
                    heard.clear();
                    return;
                }
            }
        }
    }

    /**
     * The next notification that names a property other than a scratch one; a spurious unnamed
     * one is allowed by the SPI.
     */
    private static Optional<String> nextNamed(BlockingQueue<Optional<String>> heard) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(BOUND_MILLIS);
        while (true) {
            Optional<String> next = heard.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            assertNotNull("no change notification within " + BOUND_MILLIS + " ms", next);
            if (next.isPresent() && !isScratch(next.get())) {
                return next;
            }
        }
    }

    @Test
    public void deletingTheConfigurationWithdrawsTheServicesStopsTheWatcherAndClosesTheLibrary() throws Exception {
        org.osgi.service.cm.Configuration configuration = configure(Map.of());
        VPropertyProvider provider = awaitProvider();
        assertEquals(1, stub.openCount());

        configuration.delete();

        awaitCondition("the QNX services are withdrawn", () -> {
            try {
                return qnxServices() == null;
            } catch (org.osgi.framework.InvalidSyntaxException e) {
                throw new IllegalStateException(e);
            }
        });
        // the provider closes the library only once its waiting thread has returned from vsd_wait
        assertEquals("the library is still open", 0, stub.awaitOpenCount(0, BOUND_MILLIS));
        try {
            provider.read("nk.1.vm.state.running");
            fail("a stopped provider still reads");
        } catch (IOException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("VSD_E_STATE"));
            assertTrue(e.getMessage(), e.getMessage().contains("the provider has been stopped and its library closed"));
        }
    }

    @Test
    public void aLibraryWithoutHardStopRunsWithoutIt() throws Exception {
        configure(Map.of("library", variant("nohardstop")));
        VPropertyProvider provider = awaitProvider();
        assertFalse(provider.canHardStop());
        assertTrue(provider.description(), provider.description().contains(variant("nohardstop")));
        // another library on the same (simulated) hypervisor: the same vproperties
        assertEquals(Set.of("nk.0.vm.state.running", "nk.1.vm.state.running", "nk.2.vm.state.running"),
                provider.names());

        configure(Map.of());
        awaitCondition("the provider moves to the full stub", () -> {
            VPropertyProvider now = service(VPropertyProvider.class);
            return now != null && now.canHardStop() && now.description().contains(library());
        });
        assertEquals("the library configured before is still open", 1, stub.awaitOpenCount(1, BOUND_MILLIS));
    }

    @Test
    public void theBundleShipsTheHeaderAndTheGlueTheStubWasCompiledWith() throws Exception {
        java.nio.file.Path sources = java.nio.file.Path.of(System.getProperty("vshutdown.qnx.itest.header")).getParent();
        for (String file : new String[] {"vshutdown_ddi.h", "vshutdown_ddi_jni.c"}) {
            java.net.URL shipped = qnxBundle().getEntry("include/" + file);
            assertNotNull("the bundle does not ship include/" + file, shipped);
            try (java.io.InputStream in = shipped.openStream()) {
                assertTrue("the shipped " + file + " differs from the one in the source tree",
                        java.util.Arrays.equals(java.nio.file.Files.readAllBytes(sources.resolve(file)), in.readAllBytes()));
            }
        }
    }

    @Test
    public void theProviderResolvesAndServesWithoutJna() throws Exception {
        for (Bundle b : context.getBundles()) {
            assertFalse("a JNA bundle is installed: " + b, String.valueOf(b.getSymbolicName()).startsWith("com.sun.jna"));
            BundleWiring wiring = b.adapt(BundleWiring.class);
            if (wiring != null) {
                assertTrue(b + " exports JNA", wiring.getCapabilities(PackageNamespace.PACKAGE_NAMESPACE).stream()
                        .noneMatch(c -> String.valueOf(c.getAttributes().get(PackageNamespace.PACKAGE_NAMESPACE))
                                .startsWith("com.sun.jna")));
            }
        }
        Bundle qnx = qnxBundle();
        assertEquals(Bundle.ACTIVE, qnx.getState());
        assertTrue("the QNX provider asks for JNA", qnx.adapt(BundleRevision.class)
                .getDeclaredRequirements(PackageNamespace.PACKAGE_NAMESPACE).stream()
                .noneMatch(r -> r.getDirectives().getOrDefault("filter", "").contains("com.sun.jna")));
        // a provider exports nothing; the shared support is inside it, private, and nobody else's to wire to
        BundleWiring wiring = qnx.adapt(BundleWiring.class);
        assertEquals(List.of(), wiring.getCapabilities(PackageNamespace.PACKAGE_NAMESPACE));
        assertFalse("the support is not embedded", wiring.listResources("/com/example/vshutdown/support/offer",
                "ProviderOffer.class", BundleWiring.LISTRESOURCES_LOCAL).isEmpty());

        configure(Map.of());
        awaitProviderBoundToMaster();

        // served: the master lists the platform, writes a request and hears the acknowledgement through it
        assertEquals(List.of(0, 1, 2), shutdownService.domains().stream().map(DomainInfo::id).toList());
        Promise<ShutdownResult> shutdown = shutdownService.submit(ShutdownRequest.selective(1));
        assertEquals("the request is written before submit returns", Optional.of("2"),
                stub.get("nk.1.vm.state.requested"));
        stub.set("nk.1.vm.state.running", "2");
        ShutdownResult result = shutdown.timeout(BOUND_MILLIS).getValue();
        assertEquals(result.message(), Outcome.COMPLETED, result.outcome());
    }

    private <T> T service(Class<T> type) {
        try {
            ServiceReference<T> ref = qnxReference(type);
            return ref == null ? null : context.getService(ref);
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
