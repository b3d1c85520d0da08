package com.example.vshutdown.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;

import java.io.File;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.promise.Promise;

import com.example.vshutdown.api.ShutdownEvent;
import com.example.vshutdown.api.ShutdownListener;
import com.example.vshutdown.api.ShutdownRequest;
import com.example.vshutdown.api.ShutdownResult;
import com.example.vshutdown.api.ShutdownResult.Outcome;
import com.example.vshutdown.api.ShutdownResult.WaitEnd;
import com.example.vshutdown.api.ShutdownService;
import com.example.vshutdown.protocol.VProperties;
import com.example.vshutdown.spi.VPropertyProvider;

/**
 * The only provider bundle (Linux, over a directory of vproperty files; no simulator) is updated
 * while a shutdown waits: for a moment no provider is bound. The update is held in that moment
 * (a synchronous bundle listener on its STOPPED event) until the master says it waits for a
 * provider, so the gap is certain, whatever the machine's load. With the grace the shutdown
 * survives; with a grace of zero the same update ends it as "provider lost", which shows the gap
 * the grace covers is real.
 */
@RunWith(PaxExam.class)
public class ProviderGraceIT extends VShutdownTestSupport {
    private static final String LINUX = "com.example.vshutdown.linux";

    @Inject
    ConfigurationAdmin configurationAdmin;

    @Override
    protected Option provision(File jar) {
        return jar.getName().startsWith("com.example.vshutdown.simulator") ? null : super.provision(jar);
    }

    @Override
    protected List<String> expectedAgents() {
        return List.of();
    }

    @Override
    protected List<Option> extraOptions() {
        // computed once for the class: each test uses a domain of its own (1: with the grace, 2: without)
        String root = LinuxPlatformDir.create(Map.of(VProperties.running(0), "1", VProperties.running(1), "1",
                VProperties.running(2), "1"));
        return List.of(frameworkProperty(LinuxPlatformDir.ROOT_PROPERTY).value(root),
                frameworkProperty("vshutdown.linux.safety.reread.ms").value("100"),
                frameworkProperty("vshutdown.master.provider.grace.ms").value(Long.toString(BOUND_MILLIS * 2)));
    }

    @Test
    public void aShutdownWaitingWhileTheOnlyProviderBundleIsUpdatedCompletes() throws Exception {
        ShutdownService service = awaitService();
        List<String> said = new CopyOnWriteArrayList<>();
        ShutdownResult result = updateUnder(service, 1, said);

        assertEquals(result.message(), Outcome.COMPLETED, result.outcome());
        assertTrue(said.toString(), said.get(0).matches("no vproperty provider is bound \\(Linux vproperties in .* went "
                + "away: its bundle may be being updated\\); waiting up to 30000 ms for one"));
        assertTrue(said.toString(), said.get(1).startsWith("a vproperty provider is bound again (Linux vproperties in "));
    }

    @Test
    public void withoutAGraceTheSameUpdateLosesTheShutdown() throws Exception {
        Hashtable<String, Object> noGrace = new Hashtable<>();
        noGrace.put("provider.grace.ms", 0L);
        long before = (Long) context.getServiceReference(ShutdownService.class).getProperty("service.id");
        configurationAdmin.getConfiguration("com.example.vshutdown.master", "?").update(noGrace);
        await("the master with its new configuration", () -> {
            ServiceReference<ShutdownService> now = context.getServiceReference(ShutdownService.class);
            return now != null && !now.getProperty("service.id").equals(before);
        }, Boolean.TRUE::equals);

        List<String> said = new CopyOnWriteArrayList<>();
        ShutdownResult result = updateUnder(awaitService(), 2, said);

        assertEquals(said.toString(), 1, said.size());
        assertEquals(result.message(), WaitEnd.PROVIDER_LOST, result.waitEnd());
        assertEquals(Outcome.CANCELLED, result.outcome());
    }

    /** Asks the domain, updates the Linux bundle in the middle of the wait, then lets the domain go down. */
    private ShutdownResult updateUnder(ShutdownService service, int domain, List<String> said) throws Exception {
        String root = context.getProperty(LinuxPlatformDir.ROOT_PROPERTY);
        CompletableFuture<Void> waiting = new CompletableFuture<>();
        ServiceRegistration<ShutdownListener> listener = context.registerService(ShutdownListener.class, event -> {
            if (event.type() == ShutdownEvent.Type.PROVIDER_WAIT) {
                said.add(event.message());
                waiting.complete(null);
            }
        }, null);
        Bundle linux = installedBundle(LINUX);
        SynchronousBundleListener holdTheGap = event -> {
            if (event.getBundle() == linux && event.getType() == BundleEvent.STOPPED) {
                try {
                    waiting.get(BOUND_MILLIS, TimeUnit.MILLISECONDS);
                } catch (Exception e) {
                    // the master never said it waits: the shutdown's result shows what it did instead
                }
            }
        };
        try {
            Promise<ShutdownResult> shutdown = service.submit(ShutdownRequest.selective(domain));
            await("the request written", () -> LinuxPlatformDir.read(root, VProperties.requested(domain)),
                    Optional.of("2")::equals);
            context.addBundleListener(holdTheGap);
            try {
                linux.update();
            } finally {
                context.removeBundleListener(holdTheGap);
            }
            awaitLinux();
            LinuxPlatformDir.write(root, VProperties.running(domain), "2");
            return shutdown.timeout(BOUND_MILLIS).getValue();
        } finally {
            listener.unregister();
        }
    }

    private ShutdownService awaitService() {
        awaitLinux();
        return await("the shutdown service", () -> {
            ServiceReference<ShutdownService> reference = context.getServiceReference(ShutdownService.class);
            return reference == null ? null : context.getService(reference);
        }, java.util.Objects::nonNull);
    }

    private void awaitLinux() {
        await("the Linux provider", () -> {
            ServiceReference<VPropertyProvider> best = context.getServiceReference(VPropertyProvider.class);
            return best == null ? null : best.getProperty(VPropertyProvider.PROVIDER_PROPERTY);
        }, "linux"::equals);
    }
}
