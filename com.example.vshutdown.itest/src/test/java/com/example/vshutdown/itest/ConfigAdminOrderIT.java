package com.example.vshutdown.itest;

import static com.example.vshutdown.protocol.VProperties.status;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import java.time.Duration;
import java.util.List;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;

import com.example.vshutdown.api.ShutdownRequest;
import com.example.vshutdown.api.ShutdownResult;
import com.example.vshutdown.api.ShutdownResult.Outcome;
import com.example.vshutdown.api.ShutdownService;
import com.example.vshutdown.spi.NativeShutdown;
import com.example.vshutdown.spi.VPropertyProvider;

/**
 * ConfigAdmin starting after the simulator (no start levels) or going away: the simulator chooses
 * its agents again each time, and never leaves both kinds, or neither, acting.
 */
@RunWith(PaxExam.class)
public class ConfigAdminOrderIT extends VShutdownTestSupport {
    private static final String CONFIG_ADMIN = "org.apache.felix.configadmin";

    @Inject
    ShutdownService service;

    @Override
    protected String simulatedDomains() {
        return "1:ok:20,2:ignore";
    }

    @Test
    public void withoutConfigAdminTheBuiltInAgentsActAndWhenItComesTheShippedOnesAgain() throws Exception {
        recordNativeShutdown();
        Bundle configAdmin = installedBundle(CONFIG_ADMIN);

        configAdmin.stop();

        // SCR keeps the agent instance it had configured (ConfigAdmin cannot tell it the configuration
        // is gone), but without its domain's native shutdown it cannot act: only the built-in agent does
        await("no active agent once ConfigAdmin is gone", this::activeAgents, List::isEmpty);
        assertEquals(List.of(), domainNatives());
        assertEquals(Outcome.COMPLETED, shutDownDomainOne().outcome());
        assertEquals("the built-in agent answered", "picked-up 2", statusOfDomainOne());

        configAdmin.start();

        await("the shipped agent of domain 1 again", this::activeAgents, List.of("1")::equals);
        assertEquals(1, domainNatives().size());
        assertNull("a new platform: nothing asked yet", statusOfDomainOne());
        assertEquals(Outcome.COMPLETED, shutDownDomainOne().outcome());
        assertEquals("picked-up 2", statusOfDomainOne());
    }

    private ShutdownResult shutDownDomainOne() throws Exception {
        return service.run(ShutdownRequest.selective(1).withTimeout(Duration.ofMillis(BOUND_MILLIS)));
    }

    private String statusOfDomainOne() throws Exception {
        ServiceReference<VPropertyProvider> reference = context.getServiceReference(VPropertyProvider.class);
        try {
            return context.getService(reference).read(status(1)).orElse(null);
        } finally {
            context.ungetService(reference);
        }
    }

    private List<ServiceReference<NativeShutdown>> domainNatives() {
        try {
            return List.copyOf(context.getServiceReferences(NativeShutdown.class,
                    "(" + NativeShutdown.DOMAIN_PROPERTY + "=*)"));
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new AssertionError(e);
        }
    }
}
