package com.example.vshutdown.qnx.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;

import java.util.List;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.osgi.framework.Constants;

import com.example.vshutdown.spi.NativeShutdown;
import com.example.vshutdown.spi.VPropertyProvider;

/**
 * Enabled by framework properties alone, as on a board started with {@code -D} options: no
 * configuration is needed, and the default ranking applies.
 */
@RunWith(PaxExam.class)
public class QnxFrameworkPropertyIT extends QnxTestSupport {
    @Override
    protected List<Option> frameworkOptions() {
        return List.of(frameworkProperty("vshutdown.qnx.enabled").value("true"),
                frameworkProperty("vshutdown.qnx.library").value(library()));
    }

    @Test
    public void frameworkPropertiesEnableItWithTheDefaultRankingAndCommands() throws Exception {
        assertNull("a configuration exists", configAdmin.listConfigurations("(service.pid=" + PID + ")"));

        VPropertyProvider provider = awaitProvider();

        assertTrue(provider.description(), provider.description().contains(library()));
        assertEquals(Integer.valueOf(100),
                qnxReference(VPropertyProvider.class).getProperty(Constants.SERVICE_RANKING));
        NativeShutdown nativeShutdown = context.getService(qnxReference(NativeShutdown.class));
        assertEquals("native shutdown (QNX): 'shutdown -S system', reboot: 'shutdown -S reboot', each stopped after "
                + "30000 ms", nativeShutdown.description());
    }
}
