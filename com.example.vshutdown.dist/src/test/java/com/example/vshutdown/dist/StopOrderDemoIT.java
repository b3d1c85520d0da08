package com.example.vshutdown.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.example.vshutdown.dist.VshutdownJar.Run;

/**
 * The README's shutdown-policy demo, as an operator runs it: the app jar, one command line, the
 * simulated slaves and the stop order set with -D, the groups in the output, the exit status.
 */
class StopOrderDemoIT {
    private static final Duration QUICKLY = Duration.ofSeconds(30);
    private static final String DOMAINS = "-Dvshutdown.sim.domains=1:ok:100,2:ok:200,3:ok:150";
    private static final String ORDER = "-Dvshutdown.master.stop.order=*;3";

    @Test
    void theStorageDomainIsAskedOnceTheOthersAreDown() throws Exception {
        Run run = VshutdownJar.command("vshutdown").jvmOption(DOMAINS).jvmOption(ORDER).timeout(QUICKLY).run();

        assertEquals(0, run.exitStatus(), run::describe);
        List<String> steps = run.stdoutLines().stream().filter(l -> l.startsWith("["))
                .map(l -> l.substring(l.indexOf(']') + 2)).toList();
        assertEquals(List.of(
                "system-wide shutdown (simulated platform): asking 3 domains, waiting until every domain answers "
                        + "(Ctrl-C cancels)",
                "stop order *;3: asking group 1 of 2 (domains 1, 2); group 2 (domain 3) waits until group 1 is done",
                "asked domain 1 to shut down (requested 2, running 1)",
                "asked domain 2 to shut down (requested 2, running 1)"), steps.subList(0, 4), run::describe);
        int groupTwo = steps.indexOf("group 1 done: asking group 2 of 2 (domain 3), the last");
        assertTrue(groupTwo > steps.indexOf(steps.stream().filter(s -> s.startsWith("domain 2 acknowledged"))
                .findFirst().orElseThrow()), run::describe);
        assertTrue(groupTwo > steps.indexOf(steps.stream().filter(s -> s.startsWith("domain 1 acknowledged"))
                .findFirst().orElseThrow()), run::describe);
        assertEquals("asked domain 3 to shut down (requested 2, running 1)", steps.get(groupTwo + 1), run::describe);
        assertTrue(run.stdoutLines().stream().anyMatch(l -> l.startsWith("  domain 3    acknowledged after ")
                && l.endsWith(" (group 2; bound: no time-out)")), run::describe);
    }

    @Test
    void domainsShowsTheGroups() throws Exception {
        Run run = VshutdownJar.command("domains").jvmOption(DOMAINS).jvmOption(ORDER)
                .jvmOption("-Dvshutdown.master.domain.3.timeout.ms=60000").timeout(QUICKLY).run();

        assertEquals(0, run.exitStatus(), run::describe);
        assertEquals(List.of("0    running  running=1 requested=- (master) (simulated)",
                "1    running  running=1 requested=- group=1 (simulated)",
                "2    running  running=1 requested=- group=1 (simulated)",
                "3    running  running=1 requested=- group=2 timeout.ms=60000 (simulated)"), run.stdoutLines(),
                run::describe);
    }

    @Test
    void aMalformedOrderIsExitStatusTwoWithTheLineThatNamesIt() throws Exception {
        Run run = VshutdownJar.command("vshutdown").jvmOption(DOMAINS).jvmOption("-Dvshutdown.master.stop.order=*;;3")
                .timeout(QUICKLY).run();

        assertEquals(2, run.exitStatus(), run::describe);
        assertEquals("", run.stdout(), run::describe);
        assertTrue(run.stderrLines().contains("vshutdown: the master is misconfigured: vshutdown.master.stop.order: "
                + "'*;;3' has an empty group (group 2)"), run::describe);
    }
}
