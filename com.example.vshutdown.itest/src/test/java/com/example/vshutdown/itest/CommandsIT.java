package com.example.vshutdown.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.inject.Inject;

import org.apache.felix.service.command.CommandProcessor;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.osgi.framework.ServiceRegistration;
import org.osgi.util.promise.Promise;

import com.example.vshutdown.api.ExitStatus;
import com.example.vshutdown.api.ShutdownException;
import com.example.vshutdown.api.ShutdownRequest;
import com.example.vshutdown.api.ShutdownResult;
import com.example.vshutdown.api.ShutdownService;
import com.example.vshutdown.spi.ConfigurationFault;
import com.example.vshutdown.spi.VPropertyProvider;

/** The commands as an operator runs them: through Gogo's CommandProcessor. */
@RunWith(PaxExam.class)
public class CommandsIT extends VShutdownTestSupport {
    @Inject
    CommandProcessor processor;

    @Inject
    ShutdownService service;

    @Inject
    VPropertyProvider platform;

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

    /** Domain 3 never picks a request up, so the time-out always passes: no race with the machine's load. */
    @Test
    public void anUnresponsiveDomainCancelsTheSummarySaysWhyAndTheRequestIsWithdrawn() {
        Gogo gogo = Gogo.run(processor, "vshutdown -t 200 3");

        assertEquals(gogo.output, ExitStatus.CANCELLED, status(gogo));
        assertTrue(gogo.output, gogo.output.contains("CANCELLED"));
        assertTrue(gogo.output, gogo.output.contains("never picked up"));
        assertTrue(gogo.output, gogo.output.contains("request 2 of domain 3 withdrawn (requested set back to 1): "
                + "an agent that starts later does nothing"));
        assertTrue(gogo.failure.getMessage(), gogo.failure.getMessage().endsWith("; withdrawn: domain 3"));
        assertTrue(Gogo.run(processor, "domains").output.contains("3    running  running=1 requested=1 (simulated)\n"));
    }

    /** Cancelled once the agent has said why, whatever the machine's load, as an operator's Ctrl-C would. */
    @Test
    public void aBlockedDomainsReasonIsShown() throws Exception {
        ExecutorService command = Executors.newSingleThreadExecutor();
        try (PropertyWatch watch = new PropertyWatch(platform, BOUND_MILLIS)) {
            Future<Gogo> running = command.submit(() -> Gogo.run(processor, "vshutdown 4"));
            ShutdownServiceIT.awaitStatus(watch, 4, "blocked ");

            assertTrue(service.cancel());
            Gogo gogo = running.get(BOUND_MILLIS, TimeUnit.MILLISECONDS);

            assertEquals(ExitStatus.CANCELLED, status(gogo));
            assertTrue(gogo.output, gogo.output.contains("domain 4    NOT acknowledged: blocked: an update is being "
                    + "installed"));
            assertTrue(gogo.output, gogo.output.contains("request 2 of domain 4 withdrawn"));
        } finally {
            command.shutdownNow();
        }
    }

    /**
     * The lead's refusal policy: while a provider reports a configuration fault, every command that
     * needs the platform is refused as bad input, although the simulator is bound and could serve.
     */
    @Test
    public void aConfigurationFaultRefusesEveryCommandThatNeedsThePlatform() {
        String line = "vshutdown.linux.root: '/sys/nk/none' does not exist";
        ServiceRegistration<ConfigurationFault> fault =
                context.registerService(ConfigurationFault.class, () -> line, null);
        try {
            for (String command : List.of("vshutdown 1", "vshutdown", "domains")) {
                Gogo gogo = Gogo.run(processor, command);

                assertEquals(command, ExitStatus.BAD_INPUT, status(gogo));
                assertEquals("the platform is misconfigured: " + line, gogo.failure.getMessage());
            }
            assertTrue(nativeShutdown.calls.isEmpty());
        } finally {
            fault.unregister();
        }
        Gogo domains = Gogo.run(processor, "domains");
        assertNull(domains.output, domains.failure);
        assertTrue(domains.output, domains.output.contains("1    running  running=1 requested=-"));
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
                "vshutdown -r 5", "vshutdown 6", "vshutdown -x", "vshutdown 1 2", "vshutdown 0",
                "vshutdown -t 9223372037000", "vshutdown -t 9223372037000 1")) {
            Gogo gogo = Gogo.run(processor, line);

            assertEquals(line + ": " + gogo.failure, ExitStatus.BAD_INPUT, status(gogo));
            assertFalse(line, gogo.failure.getMessage().contains("\n"));
        }
        assertEquals(before, Gogo.run(processor, "domains").output);
        assertTrue(nativeShutdown.calls.isEmpty());
    }

    @Test
    public void aTimeOutThatCouldOverflowIsRefusedNamingTheMaximum() {
        Gogo gogo = Gogo.run(processor, "vshutdown -t 9223372037000");

        assertEquals(ExitStatus.BAD_INPUT, status(gogo));
        assertEquals("time-out '9223372037000' is too long: at most 31536000000 ms (365 days)",
                gogo.failure.getMessage());
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
        for (String expected : List.of("-r", "--reboot", "-f", "--force", "-t", "--timeout", "--slaves-only",
                "--cancel", "--json", "-h, --help", "vmid[]", "Exit status", "130")) {
            assertTrue(expected + " in:\n" + gogo.output, gogo.output.contains(expected));
        }
        // Gogo's help names a positional parameter by its type: the type is named for the operand
        assertFalse(gogo.output, gogo.output.contains("String[]"));
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
