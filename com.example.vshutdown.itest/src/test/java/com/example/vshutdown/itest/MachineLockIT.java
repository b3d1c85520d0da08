package com.example.vshutdown.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import javax.inject.Inject;

import org.apache.felix.service.command.CommandProcessor;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.osgi.util.promise.Promise;

import com.example.vshutdown.api.DomainInfo;
import com.example.vshutdown.api.ExitStatus;
import com.example.vshutdown.api.ShutdownException;
import com.example.vshutdown.api.ShutdownRequest;
import com.example.vshutdown.api.ShutdownResult;
import com.example.vshutdown.api.ShutdownResult.Outcome;
import com.example.vshutdown.api.ShutdownService;
import com.example.vshutdown.protocol.VProperties;

/**
 * The master bound to a real provider (Linux, on a directory of property files) in a real Felix:
 * a shutdown holds the machine-wide lock and keeps its record for as long as it runs, and a record
 * that a master left behind refuses the next shutdown until {@code vshutdown --cancel} withdraws it.
 */
@RunWith(PaxExam.class)
public class MachineLockIT extends VShutdownTestSupport {
    @Inject
    ShutdownService service;

    @Inject
    CommandProcessor processor;

    @Override
    protected String simulatedDomains() {
        return "1:ignore";
    }

    @Override
    protected List<Option> extraOptions() {
        String root = LinuxPlatformDir.create(Map.of(VProperties.running(0), "1", VProperties.running(1), "1",
                VProperties.running(2), "1"));
        return List.of(frameworkProperty(LinuxPlatformDir.ROOT_PROPERTY).value(root),
                // the master's own native command may never run here: the recording one outranks it, and it is harmless
                frameworkProperty("vshutdown.linux.shutdown.command").value("true"),
                frameworkProperty("vshutdown.linux.reboot.command").value("true"),
                frameworkProperty("vshutdown.master.safety.reread.ms").value("100"));
    }

    @Test
    public void aShutdownHoldsTheLockAndKeepsItsRecordUntilItEnds() throws Exception {
        recordNativeShutdown();
        String root = awaitLinuxInUse();
        Path lock = Paths.get(context.getProperty(RUN_DIR_PROPERTY), "vshutdown.lock");
        Path record = Paths.get(context.getProperty(STATE_DIR_PROPERTY), "shutdown.intent");

        Promise<ShutdownResult> shutdown = service.submit(ShutdownRequest.selective(1));

        assertEquals(ProcessHandle.current().pid() + "\n", Files.readString(lock));
        String recorded = Files.readString(record);
        assertTrue(recorded, recorded.contains("\nrequest domain 1\n"));
        assertTrue(recorded, recorded.contains("\nasked domain=1 requested=2 running=1 group=none at="));
        assertEquals("2", LinuxPlatformDir.read(root, VProperties.requested(1)).orElseThrow());

        LinuxPlatformDir.write(root, VProperties.running(1), "2");
        ShutdownResult result = shutdown.timeout(BOUND_MILLIS).getValue();

        assertEquals(result.message(), Outcome.COMPLETED, result.outcome());
        assertFalse(result.simulated());
        assertEquals("", Files.readString(lock));
        assertFalse(Files.exists(record));
    }

    @Test
    public void aRecordLeftBehindRefusesTheNextShutdownUntilCancelWithdrawsIt() throws Exception {
        recordNativeShutdown();
        String root = awaitLinuxInUse();
        LinuxPlatformDir.write(root, VProperties.requested(2), "2");
        Instant started = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(60);
        Path record = Files.createDirectories(Paths.get(context.getProperty(STATE_DIR_PROPERTY)))
                .resolve("shutdown.intent");
        Files.writeString(record, "format 1\npid 999999999\nboot unknown\nstarted " + started
                + "\nrequest system-wide\nreboot false\nforce false\nslaves-only false\ntimeout.ms none\n"
                + "deadline none\nstop.order *\nasked domain=2 requested=2 running=1 group=1 at=" + started + "\n",
                StandardCharsets.US_ASCII);

        Gogo refused = Gogo.run(processor, "vshutdown 1");

        assertEquals(ExitStatus.REFUSED, ((ShutdownException) refused.failure).status());
        assertEquals("refused: a shutdown recorded on this machine did not end: shutdown of the system started "
                + started.truncatedTo(ChronoUnit.SECONDS) + " by pid 999999999, whose master is gone; 'vshutdown "
                + "--cancel' withdraws the requests of it that no agent picked up", refused.failure.getMessage());
        assertFalse(LinuxPlatformDir.read(root, VProperties.requested(1)).isPresent());

        Gogo cancelled = Gogo.run(processor, "vshutdown --cancel");

        assertNull(cancelled.output, cancelled.failure);
        assertTrue(cancelled.output, cancelled.output.startsWith("CANCELLED in "));
        assertTrue(cancelled.output, cancelled.output.contains("cancelled the shutdown recorded on this machine "
                + "(shutdown of the system started "));
        assertTrue(cancelled.output, cancelled.output.contains("request 2 of domain 2 withdrawn (requested set back "
                + "to 1)"));
        assertEquals("1", LinuxPlatformDir.read(root, VProperties.requested(2)).orElseThrow());
        assertFalse(Files.exists(record));
        assertEquals(VShutdownCommandsText.NOTHING_TO_CANCEL, Gogo.run(processor, "vshutdown --cancel").output.strip());
    }

    /** The master has bound the Linux provider, which outranks the simulator: its domains are not simulated. */
    private String awaitLinuxInUse() {
        await("the master bound to the Linux provider", () -> {
            try {
                return service.domains().stream().noneMatch(DomainInfo::simulated);
            } catch (ShutdownException e) {
                return false;
            }
        }, Boolean.TRUE::equals);
        return context.getProperty(LinuxPlatformDir.ROOT_PROPERTY);
    }

    /** What {@code vshutdown --cancel} says when there is nothing to cancel, as an operator reads it. */
    private static final class VShutdownCommandsText {
        static final String NOTHING_TO_CANCEL =
                "nothing to cancel: no shutdown runs in this master and none is recorded on this machine";
    }
}
