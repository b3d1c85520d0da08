package com.example.vshutdown.qnx.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;

import com.example.vshutdown.api.DomainOutcome;
import com.example.vshutdown.api.DomainOutcome.Status;
import com.example.vshutdown.api.ShutdownRequest;
import com.example.vshutdown.api.ShutdownResult;
import com.example.vshutdown.api.ShutdownResult.MasterAction;
import com.example.vshutdown.api.ShutdownResult.Outcome;
import com.example.vshutdown.spi.VPropertyProvider;

/**
 * Shutdowns and reboots run by the real master over the QNX provider and the stub library. A
 * fake hypervisor plays the slaves: it hears of requests through the provider's notifications
 * and advances the running counters in the stub. Domain 0 is the master's; 1 to 3 run and
 * cooperate, 5 is stopped.
 */
@RunWith(PaxExam.class)
public class QnxShutdownIT extends QnxTestSupport {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private StubControl stub;
    private FakeHypervisor hypervisor;
    private RecordingNativeShutdown nativeShutdown;

    @Before
    public void platform() throws Exception {
        stub = stub();
        stub.reset();
        stub.set("nk.0.vm.state.running", "1");
        for (int id = 1; id <= 3; id++) {
            stub.set("nk." + id + ".vm.state.running", "1");
        }
        stub.set("nk.5.vm.state.running", "2");
        nativeShutdown = recordNativeShutdown();
        configure(Map.of());
        VPropertyProvider provider = awaitProviderBoundToMaster();
        hypervisor = new FakeHypervisor(provider, stub, Set.of());
    }

    @After
    public void stopHypervisor() throws Exception {
        if (hypervisor != null) {
            hypervisor.close();
            assertEquals("the fake hypervisor failed", List.of(), hypervisor.failures);
        }
    }

    @Test
    public void aSystemWideShutdownTakesEveryRunningSlaveDownThenTheMaster() throws Exception {
        ShutdownResult result = shutdownService.run(ShutdownRequest.systemWide().withTimeout(WAIT));

        assertEquals(result.message(), Outcome.COMPLETED, result.outcome());
        assertEquals(MasterAction.SHUTDOWN, result.masterAction());
        assertEquals(List.of("shutdown"), nativeShutdown.calls);
        for (int id = 1; id <= 3; id++) {
            assertEquals("domain " + id, Status.ACKNOWLEDGED, outcome(result, id).status());
            assertEquals(Optional.of("2"), stub.get("nk." + id + ".vm.state.requested"));
            assertEquals(Optional.of("2"), stub.get("nk." + id + ".vm.state.running"));
        }
        assertEquals(Status.NOT_RUNNING, outcome(result, 5).status());
        assertEquals("the master's own domain was asked", Optional.empty(), stub.get("nk.0.vm.state.requested"));
        assertEquals("the stopped domain was asked", Optional.empty(), stub.get("nk.5.vm.state.requested"));
    }

    @Test
    public void aSystemWideRebootShutsTheSlavesDownAndRebootsTheMaster() throws Exception {
        ShutdownResult result = shutdownService.run(ShutdownRequest.systemWide().withReboot(true).withTimeout(WAIT));

        assertEquals(result.message(), Outcome.COMPLETED, result.outcome());
        assertEquals(List.of("reboot"), nativeShutdown.calls);
        for (int id = 1; id <= 3; id++) {
            // slaves are shut down, not rebooted, in a system-wide reboot (004)
            assertEquals(Optional.of("2"), stub.get("nk." + id + ".vm.state.requested"));
        }
        assertEquals(Set.of("1 shutdown", "2 shutdown", "3 shutdown"), Set.copyOf(hypervisor.actions));
    }

    @Test
    public void aSelectiveShutdownAsksOnlyThatSlaveAndLeavesTheMaster() throws Exception {
        ShutdownResult result = shutdownService.run(ShutdownRequest.selective(2).withTimeout(WAIT));

        assertEquals(result.message(), Outcome.COMPLETED, result.outcome());
        assertEquals(Status.ACKNOWLEDGED, outcome(result, 2).status());
        assertEquals(MasterAction.NONE, result.masterAction());
        assertEquals(List.of(), nativeShutdown.calls);
        assertEquals(List.of("2 shutdown"), hypervisor.actions);
        assertEquals(Optional.of("2"), stub.get("nk.2.vm.state.running"));
        assertEquals(Optional.empty(), stub.get("nk.1.vm.state.requested"));
        assertEquals(Optional.empty(), stub.get("nk.3.vm.state.requested"));
    }

    @Test
    public void aSelectiveRebootTakesTheSlaveThroughAStopAndAStart() throws Exception {
        ShutdownResult result = shutdownService.run(ShutdownRequest.selective(3).withReboot(true).withTimeout(WAIT));

        assertEquals(result.message(), Outcome.COMPLETED, result.outcome());
        assertEquals(Optional.of("3"), stub.get("nk.3.vm.state.requested"));
        assertEquals(Optional.of("3"), stub.get("nk.3.vm.state.running"));
        assertEquals(List.of("3 reboot"), hypervisor.actions);
        assertEquals(List.of(), nativeShutdown.calls);
    }

    @Test
    public void aForcedShutdownHardStopsASilentSlaveThroughTheLibrary() throws Exception {
        hypervisor.close();
        hypervisor = new FakeHypervisor(awaitProvider(), stub, Set.of(2));

        ShutdownResult result = shutdownService.run(ShutdownRequest.selective(2).withForce(true)
                .withTimeout(Duration.ofMillis(300)));

        assertEquals(result.message(), Outcome.FORCED, result.outcome());
        assertEquals(Status.HARD_STOPPED, outcome(result, 2).status());
        assertEquals("vsd_hard_stop did not advance the counter", Optional.of("2"), stub.get("nk.2.vm.state.running"));
        assertEquals(List.of(), hypervisor.actions);
    }

    static DomainOutcome outcome(ShutdownResult result, int id) {
        return result.domains().stream().filter(d -> d.id() == id).findFirst()
                .orElseThrow(() -> new AssertionError("no outcome for domain " + id + ": " + result.domains()));
    }
}
