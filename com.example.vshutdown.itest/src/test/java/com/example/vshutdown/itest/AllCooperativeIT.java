package com.example.vshutdown.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.List;

import javax.inject.Inject;

import org.apache.felix.service.command.CommandProcessor;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;

/** A platform where every slave cooperates: the system-wide commands take the master down. */
@RunWith(PaxExam.class)
public class AllCooperativeIT extends VShutdownTestSupport {
    @Inject
    CommandProcessor processor;

    @Override
    protected String simulatedDomains() {
        return "1:ok:10,2:ok:30,3:ok:20";
    }

    @Test
    public void aSystemWideShutdownTakesEverySlaveDownThenTheMaster() {
        RecordingNativeShutdown nativeShutdown = recordNativeShutdown();

        Gogo gogo = Gogo.run(processor, "vshutdown");

        assertNull(gogo.output, gogo.failure);
        for (int id = 1; id <= 3; id++) {
            assertTrue(gogo.output, gogo.output.contains("domain " + id + " acknowledged after"));
        }
        assertTrue(gogo.output, gogo.output.contains("starting the master's native shutdown"));
        assertEquals(List.of("shutdown"), nativeShutdown.calls);
    }

    @Test
    public void aSystemWideRebootRebootsTheMaster() {
        RecordingNativeShutdown nativeShutdown = recordNativeShutdown();

        Gogo gogo = Gogo.run(processor, "vshutdown -r");

        assertNull(gogo.output, gogo.failure);
        assertEquals(List.of("reboot"), nativeShutdown.calls);
        String domains = Gogo.run(processor, "domains").output;
        assertEquals(domains, 3, domains.lines().filter(l -> l.contains("stopped")).count());
    }
}
