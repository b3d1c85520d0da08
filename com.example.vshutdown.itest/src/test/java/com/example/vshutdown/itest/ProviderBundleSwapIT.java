package com.example.vshutdown.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;

import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.apache.felix.service.command.CommandProcessor;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.promise.Promise;

import com.example.vshutdown.api.ShutdownRequest;
import com.example.vshutdown.api.ShutdownResult;
import com.example.vshutdown.api.ShutdownResult.Outcome;
import com.example.vshutdown.api.ShutdownService;
import com.example.vshutdown.protocol.VProperties;
import com.example.vshutdown.spi.ConfigurationFault;
import com.example.vshutdown.spi.NativeShutdown;
import com.example.vshutdown.spi.VPropertyProvider;

/**
 * The Linux provider bundle, over a directory of vproperty files, updated and uninstalled while a
 * shutdown waits for domain 1 there, and reconfigured. The test plays the hypervisor by writing
 * the files.
 */
@RunWith(PaxExam.class)
public class ProviderBundleSwapIT extends VShutdownTestSupport {
    @Inject
    ShutdownService service;

    @Inject
    ConfigurationAdmin configurationAdmin;

    @Inject
    CommandProcessor processor;

    @Override
    protected String simulatedDomains() {
        // the fallback platform, where the domains never answer
        return "1:ignore,2:ignore";
    }

    @Override
    protected List<Option> extraOptions() {
        // computed once for the class: each test uses a domain of its own (1: update, 2: uninstall)
        String root = LinuxPlatformDir.create(Map.of(VProperties.running(0), "1", VProperties.running(1), "1",
                VProperties.running(2), "1"));
        return List.of(frameworkProperty(LinuxPlatformDir.ROOT_PROPERTY).value(root),
                frameworkProperty("vshutdown.linux.safety.reread.ms").value("100"));
    }

    @Test
    public void aShutdownWaitingWhileItsProviderBundleIsUpdatedCompletes() throws Exception {
        RecordingNativeShutdown nativeShutdown = recordNativeShutdown();
        String root = awaitLinuxInUse();
        Promise<ShutdownResult> shutdown = service.submit(ShutdownRequest.selective(1));
        await("the request written to the Linux platform", () -> LinuxPlatformDir.read(root,
                VProperties.requested(1)), Optional.of("2")::equals);
        long before = linuxProvider().getProperty("service.id") instanceof Long l ? l : -1;

        linuxBundle().update();
        await("the updated provider registered again", () -> {
            ServiceReference<VPropertyProvider> ref = linuxProvider();
            return ref != null && !ref.getProperty("service.id").equals(before);
        }, Boolean.TRUE::equals);
        LinuxPlatformDir.write(root, VProperties.running(1), "2");
        ShutdownResult result = shutdown.timeout(BOUND_MILLIS).getValue();

        assertEquals(result.message(), Outcome.COMPLETED, result.outcome());
        assertTrue(nativeShutdown.calls.isEmpty());
    }

    @Test
    public void aShutdownWaitingWhileItsProviderBundleIsUninstalledEndsCancelledWithTheMasterUp() throws Exception {
        RecordingNativeShutdown nativeShutdown = recordNativeShutdown();
        String root = awaitLinuxInUse();
        Promise<ShutdownResult> shutdown = service.submit(ShutdownRequest.selective(2).withTimeout(
                java.time.Duration.ofMillis(2000)));
        await("the request written to the Linux platform", () -> LinuxPlatformDir.read(root,
                VProperties.requested(2)), Optional.of("2")::equals);

        linuxBundle().uninstall();
        ShutdownResult result = shutdown.timeout(BOUND_MILLIS).getValue();

        // the wait moved to the next provider, the simulator, where domain 2 does not answer
        assertEquals(result.message(), Outcome.CANCELLED, result.outcome());
        assertTrue("the master is not shut down", nativeShutdown.calls.isEmpty());
        assertTrue(result.message(), result.message().contains("domain 2"));
    }

    @Test
    public void aConfigurationThatLowersTheRankingMovesTheMasterToTheNextProvider() throws Exception {
        awaitLinuxInUse();
        assertEquals("linux", providerInUse());

        Configuration linux = configurationAdmin.getConfiguration("com.example.vshutdown.linux", "?");
        Hashtable<String, Object> settings = new Hashtable<>();
        settings.put("service.ranking", Integer.valueOf(-200));
        linux.update(settings);

        // the provider re-registers with its new ranking; in between only the simulator is there
        String listing = await("the Linux provider registered again at ranking -200",
                () -> Gogo.run(processor, "providers").output,
                l -> l.lines().anyMatch(row -> row.contains("-200") && row.contains("Linux vproperties")));
        assertTrue(listing, listing.lines().anyMatch(l -> l.startsWith("*") && l.contains("simulated platform")));
        assertEquals("simulator", providerInUse());
    }

    @Test
    public void aMalformedSettingOffersOnlyTheFaultNamingItAndACorrectionTheProviderAgain() throws Exception {
        awaitLinuxInUse();
        Configuration linux = configurationAdmin.getConfiguration("com.example.vshutdown.linux", "?");
        Hashtable<String, Object> settings = new Hashtable<>();
        settings.put("netlink.group", "x");
        linux.update(settings);

        String fault = await("the Linux provider's configuration fault", () -> linuxFault().map(ConfigurationFault::message)
                .orElse(null), java.util.Objects::nonNull);
        assertEquals("netlink.group (configuration com.example.vshutdown.linux): 'x' is not an unsigned decimal integer",
                fault);
        // the refusal policy: no service of a misconfigured provider, not even one that refuses
        assertEquals(0, context.getServiceReferences(VPropertyProvider.class, "(vshutdown.provider=linux)").size());
        assertEquals(0, context.getServiceReferences(NativeShutdown.class, "(vshutdown.provider=linux)").size());

        linux.delete();
        awaitLinuxInUse();
        assertEquals(Optional.empty(), linuxFault().map(ConfigurationFault::message));
    }

    private Optional<ConfigurationFault> linuxFault() {
        try {
            return context.getServiceReferences(ConfigurationFault.class, "(vshutdown.provider=linux)").stream()
                    .findFirst().map(context::getService);
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The name of the provider the listing marks as the master's: the one it has bound. */
    private String providerInUse() {
        String listing = Gogo.run(processor, "providers").output;
        String marked = listing.lines().takeWhile(l -> !l.startsWith("native shutdowns"))
                .filter(l -> l.startsWith("*")).findFirst().orElse("");
        return marked.contains("Linux vproperties") ? "linux"
                : marked.contains("simulated platform") ? "simulator" : marked;
    }

    private String awaitLinuxInUse() {
        await("the Linux provider outranks the simulator", () -> {
            ServiceReference<VPropertyProvider> best = context.getServiceReference(VPropertyProvider.class);
            return best == null ? null : best.getProperty(VPropertyProvider.PROVIDER_PROPERTY);
        }, "linux"::equals);
        return context.getProperty(LinuxPlatformDir.ROOT_PROPERTY);
    }

    private ServiceReference<VPropertyProvider> linuxProvider() {
        try {
            return context.getServiceReferences(VPropertyProvider.class, "(vshutdown.provider=linux)").stream()
                    .findFirst().orElse(null);
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private Bundle linuxBundle() {
        return installedBundle("com.example.vshutdown.linux");
    }
}
