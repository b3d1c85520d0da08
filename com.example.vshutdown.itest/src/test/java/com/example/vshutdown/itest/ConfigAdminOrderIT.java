package com.example.vshutdown.itest;

import static com.example.vshutdown.protocol.VProperties.requested;
import static com.example.vshutdown.protocol.VProperties.running;
import static com.example.vshutdown.protocol.VProperties.status;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;

import java.util.List;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;

import com.example.vshutdown.spi.VPropertyProvider;

/**
 * ConfigAdmin going away and coming back (no start levels, a bundle updated) changes nothing for the
 * simulated domains: their agents need no configuration, so the same agents on the same platform
 * act on each request once throughout.
 */
@RunWith(PaxExam.class)
public class ConfigAdminOrderIT extends VShutdownTestSupport {
    private static final String CONFIG_ADMIN = "org.apache.felix.configadmin";

    private VPropertyProvider platform;
    private PropertyWatch watch;

    @Override
    protected String simulatedDomains() {
        return "1:ok:20,2:ok:20,3:ignore";
    }

    @Before
    public void watchThePlatform() {
        ServiceReference<VPropertyProvider> reference = context.getServiceReference(VPropertyProvider.class);
        platform = context.getService(reference);
        watch = new PropertyWatch(platform, BOUND_MILLIS);
    }

    @After
    public void stopWatching() {
        watch.close();
    }

    @Test
    public void theHostedAgentsActWithAndWithoutConfigAdmin() throws Exception {
        Bundle configAdmin = installedBundle(CONFIG_ADMIN);

        configAdmin.stop();

        assertEquals(List.of("1", "2"), activeAgents());
        platform.write(requested(1), "2");
        watch.await(running(1), 1);
        assertEquals("picked-up 2", watch.value(status(1)));

        configAdmin.start();

        assertEquals(List.of("1", "2"), activeAgents());
        assertSame("the same platform: the simulator was not restarted", platform,
                context.getService(context.getServiceReference(VPropertyProvider.class)));
        platform.write(requested(2), "2");
        watch.await(running(2), 1);
        installedBundle(AGENT_BUNDLE).stop();
        watch.flush();
        assertEquals("2", watch.value(running(1)));
        assertEquals("2", watch.value(running(2)));
        assertEquals("each picked up once", 1, watch.count(status(1)));
        assertEquals("each picked up once", 1, watch.count(status(2)));
        assertEquals("nobody in domain 3", 0, watch.count(status(3)));
    }
}
