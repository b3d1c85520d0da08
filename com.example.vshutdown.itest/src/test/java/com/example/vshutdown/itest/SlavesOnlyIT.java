package com.example.vshutdown.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.List;

import javax.inject.Inject;

import org.apache.felix.service.command.CommandProcessor;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;

import com.example.vshutdown.api.ExitStatus;
import com.example.vshutdown.api.ShutdownException;

/**
 * {@code vshutdown --slaves-only} through Gogo, on the simulated platform: every slave goes down,
 * the participants are told that the master's native command does not follow, and it does not
 * run; the output says so plainly, and says that the platform is simulated.
 */
@RunWith(PaxExam.class)
public class SlavesOnlyIT extends VShutdownTestSupport {
    private static final String PARTICIPANT = "participant.saver";

    @Inject
    CommandProcessor processor;

    @Override
    protected String simulatedDomains() {
        return "1:ok:20,2:ok:40";
    }

    @Override
    protected List<Option> extraOptions() {
        return List.of(ParticipantBundles.bundle(PARTICIPANT, "ready", 10));
    }

    @Test
    public void theSlavesGoDownTheParticipantsPrepareAndTheMastersNativeCommandIsNotRun() {
        RecordingNativeShutdown nativeShutdown = recordNativeShutdown();

        Gogo gogo = Gogo.run(processor, "vshutdown --slaves-only -t 10000");

        assertNull(gogo.output, gogo.failure);
        assertTrue(gogo.output, gogo.output.contains("] slaves-only shutdown (simulated platform): asking 2 domains, "
                + "waiting at most 10000 ms"));
        assertTrue(gogo.output, gogo.output.contains("Done in "));
        assertTrue(gogo.output, gogo.output.contains(" (simulated platform): 2 domains acknowledged; the master's native "
                + "command was NOT run, by design (slaves-only: the master's own OS goes down by its own path)"));
        assertEquals(List.of(), nativeShutdown.calls);
        assertEquals("NONE", ParticipantBundles.detail(ParticipantBundles.mark(context, PARTICIPANT, "prepared")
                .orElseThrow(() -> new AssertionError("the participant was not called: " + gogo.output))));
        String runDir = context.getProperty(RUN_DIR_PROPERTY);
        assertFalse("a simulated platform locks nothing on the machine", Files.exists(Paths.get(runDir)));
        assertFalse("nor records anything", Files.exists(Paths.get(context.getProperty(STATE_DIR_PROPERTY))));
    }

    @Test
    public void aRebootOfTheSlavesOnlyIsBadInputAndChangesNothing() {
        RecordingNativeShutdown nativeShutdown = recordNativeShutdown();

        Gogo gogo = Gogo.run(processor, "vshutdown -r --slaves-only");

        ShutdownException failure = (ShutdownException) gogo.failure;
        assertEquals(ExitStatus.BAD_INPUT, failure.status());
        assertTrue(failure.getMessage(), failure.getMessage().startsWith("reboot and slaves-only do not go together"));
        assertEquals("", gogo.output);
        assertEquals(List.of(), nativeShutdown.calls);
    }

    @Test
    public void domainsAndProvidersSayThePlatformIsSimulated() {
        List<String> domains = Gogo.run(processor, "domains").output.lines().toList();
        List<String> providers = Gogo.run(processor, "providers").output.lines().toList();

        assertEquals(domains.toString(), 3, domains.size());
        for (int id = 0; id < 3; id++) {
            assertTrue(domains.get(id), domains.get(id).startsWith(id + " "));
            assertTrue(domains.get(id), domains.get(id).contains(" (simulated)"));
        }
        assertTrue(providers.toString(), providers.stream().filter(l -> l.contains("simulated platform (master domain"))
                .allMatch(l -> l.startsWith("*") && l.endsWith(" (simulated)")));
        assertTrue(providers.toString(), providers.stream().anyMatch(l -> l.contains("simulated native shutdown")
                && l.endsWith(" (simulated)")));
        assertFalse(providers.toString(), providers.stream().anyMatch(l -> l.contains("recording native shutdown")
                && l.contains("(simulated)")));
    }
}
