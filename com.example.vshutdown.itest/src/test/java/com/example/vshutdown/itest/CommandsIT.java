package com.example.vshutdown.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.List;

import javax.inject.Inject;

import org.apache.felix.service.command.CommandProcessor;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.osgi.util.promise.Promise;

import com.example.vshutdown.api.ExitStatus;
import com.example.vshutdown.api.ShutdownException;
import com.example.vshutdown.api.ShutdownRequest;
import com.example.vshutdown.api.ShutdownResult;
import com.example.vshutdown.api.ShutdownService;

/** The commands as an operator runs them: through Gogo's CommandProcessor. */
@RunWith(PaxExam.class)
public class CommandsIT extends VShutdownTestSupport {
    @Inject
    CommandProcessor processor;

    @Inject
    ShutdownService service;

    private RecordingNativeShutdown nativeShutdown;

    @Before
    public void recordTheMastersShutdown() {
        nativeShutdown = recordNativeShutdown();
    }

    @Test
    public void domainsPrintsOneRowPerDomainStartingWithItsId() {
        Gogo gogo = Gogo.run(processor, "domains");

        assertNull(gogo.output, gogo.failure);
        List<String> rows = gogo.output.lines().toList();
        assertEquals(gogo.output, 7, rows.size());
        for (int id = 0; id < 7; id++) {
            assertTrue(rows.get(id), rows.get(id).startsWith(id + " "));
        }
        assertTrue(rows.get(0), rows.get(0).contains("(master)"));
        assertTrue(rows.get(5), rows.get(5).contains("stopped"));
        assertTrue(rows.get(6), rows.get(6).contains("invalid"));
    }

    @Test
    public void aSelectiveShutdownPrintsEachStepAndTheSummary() {
        Gogo gogo = Gogo.run(processor, "vshutdown 1");

        assertNull(gogo.output, gogo.failure);
        assertTrue(gogo.output, gogo.output.contains("asked domain 1 to shut down"));
        assertTrue(gogo.output, gogo.output.contains("domain 1 acknowledged after"));
        assertTrue(gogo.output, gogo.output.contains("Done in"));
        assertTrue(nativeShutdown.calls.isEmpty());
    }

    @Test
    public void anUnresponsiveDomainCancelsAndTheSummarySaysWhy() {
        Gogo gogo = Gogo.run(processor, "vshutdown -t 200 3");

        assertEquals(gogo.output, ExitStatus.CANCELLED, status(gogo));
        assertTrue(gogo.output, gogo.output.contains("CANCELLED"));
        assertTrue(gogo.output, gogo.output.contains("never picked up"));
    }

    @Test
    public void aBlockedDomainsReasonIsShown() {
        Gogo gogo = Gogo.run(processor, "vshutdown --timeout 200 4");

        assertEquals(ExitStatus.CANCELLED, status(gogo));
        assertTrue(gogo.output, gogo.output.contains("blocked: an update is being installed"));
    }

    @Test
    public void forceSaysPlainlyThatItWasUsed() {
        Gogo gogo = Gogo.run(processor, "vshutdown -f -t 200 3");

        assertNull(gogo.output, gogo.failure);
        assertTrue(gogo.output, gogo.output.contains("hard-stopped domain 3"));
        assertTrue(gogo.output, gogo.output.contains("FORCE"));
    }

    @Test
    public void badInputGetsOneLineAndChangesNothing() {
        String before = Gogo.run(processor, "domains").output;
        for (String line : List.of("vshutdown x", "vshutdown -t -5 1", "vshutdown -t abc 1", "vshutdown 99",
                "vshutdown -r 5", "vshutdown 6", "vshutdown -x", "vshutdown 1 2", "vshutdown 0")) {
            Gogo gogo = Gogo.run(processor, line);

            assertEquals(line + ": " + gogo.failure, ExitStatus.BAD_INPUT, status(gogo));
            assertFalse(line, gogo.failure.getMessage().contains("\n"));
        }
        assertEquals(before, Gogo.run(processor, "domains").output);
        assertTrue(nativeShutdown.calls.isEmpty());
    }

    @Test
    public void aSecondShutdownWhileOneRunsIsRefused() throws Exception {
        Promise<ShutdownResult> first = service.submit(ShutdownRequest.selective(3));
        try {
            Gogo gogo = Gogo.run(processor, "vshutdown 1");

            assertEquals(ExitStatus.REFUSED, status(gogo));
            assertTrue(gogo.failure.getMessage(), gogo.failure.getMessage().contains("already in progress"));
            assertEquals("running", service.domains().get(1).state().word());
        } finally {
            service.cancel();
            first.timeout(BOUND_MILLIS).getValue();
        }
    }

    @Test
    public void helpExplainsEveryOption() {
        Gogo gogo = Gogo.run(processor, "help vshutdown");

        assertNull(gogo.output, gogo.failure);
        for (String expected : List.of("-r", "--reboot", "-f", "--force", "-t", "--timeout", "vmid", "Exit status")) {
            assertTrue(expected + " in:\n" + gogo.output, gogo.output.contains(expected));
        }
    }

    private static ExitStatus status(Gogo gogo) {
        assertNotNull("the command should have failed:\n" + gogo.output, gogo.failure);
        for (Throwable t = gogo.failure; t != null; t = t.getCause()) {
            if (t instanceof ShutdownException) {
                return ((ShutdownException) t).status();
            }
        }
        throw new AssertionError("not a ShutdownException: " + gogo.failure);
    }
}
