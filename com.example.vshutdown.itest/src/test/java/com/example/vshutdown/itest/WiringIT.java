package com.example.vshutdown.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;

import com.example.vshutdown.api.DomainInfo;
import com.example.vshutdown.api.ShutdownService;
import com.example.vshutdown.spi.NativeShutdown;
import com.example.vshutdown.spi.VPropertyProvider;

@RunWith(PaxExam.class)
public class WiringIT extends VShutdownTestSupport {
    @Inject
    ShutdownService service;

    @Test
    public void everyVshutdownBundleIsActive() {
        List<Bundle> ours = List.of(context.getBundles()).stream()
                .filter(b -> b.getSymbolicName() != null && b.getSymbolicName().startsWith("com.example.vshutdown"))
                .collect(Collectors.toList());
        assertTrue("api, master and simulator at least: " + ours, ours.size() >= 3);
        for (Bundle bundle : ours) {
            assertEquals(bundle.getSymbolicName() + " is not active", Bundle.ACTIVE, bundle.getState());
        }
    }

    @Test
    public void theServiceSeesTheSimulatedPlatform() throws Exception {
        List<DomainInfo> domains = service.domains();

        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6), domains.stream().map(DomainInfo::id).collect(Collectors.toList()));
        assertTrue(domains.get(0).master());
        assertEquals("running", domains.get(1).state().word());
        assertEquals("stopped", domains.get(5).state().word());
        assertEquals("invalid", domains.get(6).state().word());
        assertEquals(0, service.masterDomain());
    }

    @Test
    public void providersPublishAnIntegerRanking() {
        for (Class<?> spi : List.of(VPropertyProvider.class, NativeShutdown.class)) {
            ServiceReference<?> ref = context.getServiceReference(spi);
            assertNotNull(spi.getSimpleName() + " is registered", ref);
            assertTrue(spi.getSimpleName() + " ranking must be an Integer",
                    ref.getProperty(Constants.SERVICE_RANKING) instanceof Integer);
        }
    }
}
