package com.example.vshutdown.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;

import java.util.List;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.apache.felix.service.command.CommandProcessor;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;

/**
 * stop.order and a domain's own time-out set as framework properties, as an operator sets them on
 * the command line, in a real Felix with the simulated slaves and their agents: vshutdown asks the
 * groups one after another and says so, and domains shows each domain's group and own time-out.
 */
@RunWith(PaxExam.class)
public class StopOrderIT extends VShutdownTestSupport {
    @Inject
    CommandProcessor processor;

    @Override
    protected String simulatedDomains() {
        return "1:ok:20,2:ok:20,3:ok:20,4:stopped";
    }

    @Override
    protected List<Option> extraOptions() {
        return List.of(frameworkProperty("vshutdown.master.stop.order").value("*;3;2"),
                frameworkProperty("vshutdown.master.domain.2.timeout.ms").value("60000"));
    }

    @Test
    public void vshutdownAsksEachGroupOnceTheOneBeforeIsDone() {
        RecordingNativeShutdown nativeShutdown = recordNativeShutdown();

        Gogo gogo = Gogo.run(processor, "vshutdown");

        assertNull(gogo.output, gogo.failure);
        assertEquals(List.of("shutdown"), nativeShutdown.calls);
        List<String> steps = gogo.output.lines().filter(l -> l.startsWith("["))
                .map(l -> l.substring(l.indexOf(']') + 2)).collect(Collectors.toList());
        List<String> asked = steps.stream().filter(s -> s.startsWith("asked domain")).collect(Collectors.toList());
        assertEquals(steps.toString(), List.of("asked domain 1 to shut down (requested 2, running 1)",
                "asked domain 3 to shut down (requested 2, running 1)",
                "asked domain 2 to shut down (requested 2, running 1)"), asked);
        assertOrder(steps, "stop order *;3;2: asking group 1 of 3 (domain 1); group 2 (domain 3), group 3 (domain 2) "
                + "wait, each until the group before it is done", "asked domain 1", "domain 1 acknowledged",
                "group 1 done: asking group 2 of 3 (domain 3); group 3 (domain 2) waits until group 2 is done",
                "asked domain 3", "domain 3 acknowledged", "group 2 done: asking group 3 of 3 (domain 2), the last",
                "asked domain 2", "domain 2 acknowledged", "starting the master's native shutdown");
        assertTrue(gogo.output, gogo.output.lines().anyMatch(l -> l.startsWith("  domain 2    acknowledged after ")
                && l.endsWith(" ms (group 3; bound: its own time-out, 60000 ms)")));
        assertTrue(gogo.output, gogo.output.contains("  domain 4    not involved: already stopped (running counter 2) "
                + "(group 1)"));
    }

    @Test
    public void domainsShowsEachDomainsGroupAndOwnTimeOut() {
        Gogo gogo = Gogo.run(processor, "domains");

        assertNull(gogo.output, gogo.failure);
        assertEquals(List.of("0    running  running=1 requested=- (master) (simulated)",
                "1    running  running=1 requested=- group=1 (simulated)",
                "2    running  running=1 requested=- group=3 timeout.ms=60000 (simulated)",
                "3    running  running=1 requested=- group=2 (simulated)",
                "4    stopped  running=2 requested=- group=1 (simulated)"),
                gogo.output.lines().collect(Collectors.toList()));
    }

    @Test
    public void aSelectiveShutdownIgnoresTheOrder() {
        Gogo gogo = Gogo.run(processor, "vshutdown 2");

        assertNull(gogo.output, gogo.failure);
        assertTrue(gogo.output, gogo.output.lines().noneMatch(l -> l.contains("group")));
    }

    /** Each expected step starts a line of {@code steps}, in this order. */
    private static void assertOrder(List<String> steps, String... expected) {
        int at = -1;
        for (String step : expected) {
            int next = at + 1;
            while (next < steps.size() && !steps.get(next).startsWith(step)) {
                next++;
            }
            assertTrue("'" + step + "' after step " + at + " in:\n" + String.join("\n", steps), next < steps.size());
            at = next;
        }
    }
}
