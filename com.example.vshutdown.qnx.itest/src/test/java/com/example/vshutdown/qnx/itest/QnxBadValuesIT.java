package com.example.vshutdown.qnx.itest;

import static com.example.vshutdown.qnx.itest.QnxShutdownIT.outcome;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;

import com.example.vshutdown.api.DomainInfo;
import com.example.vshutdown.api.DomainOutcome;
import com.example.vshutdown.api.DomainOutcome.Status;
import com.example.vshutdown.api.DomainState;
import com.example.vshutdown.api.ExitStatus;
import com.example.vshutdown.api.ShutdownException;
import com.example.vshutdown.api.ShutdownRequest;
import com.example.vshutdown.api.ShutdownResult;
import com.example.vshutdown.api.ShutdownResult.Outcome;
import com.example.vshutdown.spi.VPropertyProvider;

/**
 * Malformed values and failing ddi calls on a running provider: the domain or the call concerned
 * is reported, naming the library, the call and the property, and nothing is guessed at.
 */
@RunWith(PaxExam.class)
public class QnxBadValuesIT extends QnxTestSupport {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private StubControl stub;
    private FakeHypervisor hypervisor;
    private RecordingNativeShutdown nativeShutdown;
    private VPropertyProvider provider;

    @Before
    public void platform() throws Exception {
        stub = stub();
        stub.reset();
        stub.set("nk.0.vm.state.running", "1").set("nk.1.vm.state.running", "1").set("nk.2.vm.state.running", "1");
        stub.set("nk.4.vm.state.running", "1x");
        // not UTF-8 text at all: the byte 0xff after a digit
        stub.setBytes("nk.6.vm.state.running", new byte[] {'1', (byte) 0xff});
        nativeShutdown = recordNativeShutdown();
        configure(Map.of());
        provider = awaitProviderBoundToMaster();
        hypervisor = new FakeHypervisor(provider, stub, Set.of());
    }

    @After
    public void stopHypervisor() throws Exception {
        if (hypervisor != null) {
            hypervisor.close();
        }
    }

    @Test
    public void malformedCountersMakeTheirDomainsInvalidAndTheyAreLeftAlone() throws Exception {
        List<DomainInfo> domains = shutdownService.domains();
        DomainInfo four = domains.stream().filter(d -> d.id() == 4).findFirst().orElseThrow();
        assertEquals(DomainState.INVALID, four.state());
        assertTrue(four.problem().toString(), four.problem().orElse("").contains("'1x'"));
        assertEquals(DomainState.INVALID, domains.stream().filter(d -> d.id() == 6).findFirst().orElseThrow().state());

        ShutdownResult result = shutdownService.run(ShutdownRequest.systemWide().withTimeout(WAIT));

        assertEquals(result.message(), Outcome.COMPLETED, result.outcome());
        assertEquals(Status.INVALID, outcome(result, 4).status());
        assertEquals(Status.INVALID, outcome(result, 6).status());
        assertEquals(Status.ACKNOWLEDGED, outcome(result, 1).status());
        assertEquals("an invalid domain was asked", Optional.empty(), stub.get("nk.4.vm.state.requested"));
        assertEquals("an invalid domain was asked", Optional.empty(), stub.get("nk.6.vm.state.requested"));
        assertEquals(List.of("shutdown"), nativeShutdown.calls);
    }

    @Test
    public void aSelectiveShutdownOfAnInvalidDomainIsRefusedAsBadInput() throws Exception {
        try {
            shutdownService.run(ShutdownRequest.selective(4).withTimeout(WAIT));
            fail("an invalid domain was accepted");
        } catch (ShutdownException e) {
            assertEquals(e.getMessage(), ExitStatus.BAD_INPUT, e.status());
            assertTrue(e.getMessage(), e.getMessage().contains("'1x'"));
        }
        assertEquals(Optional.empty(), stub.get("nk.4.vm.state.requested"));
    }

    @Test
    public void aFailingWriteIsReportedForItsDomainNamingTheCallThePropertyAndTheLibrary() throws Exception {
        stub.fail("vsd_write", StubControl.VSD_E_IO, "ddi channel reset by the hypervisor", 1);

        ShutdownResult result = shutdownService.run(ShutdownRequest.selective(2).withTimeout(WAIT));

        assertEquals(result.message(), Outcome.CANCELLED, result.outcome());
        DomainOutcome two = outcome(result, 2);
        assertEquals(Status.NOT_ACKNOWLEDGED, two.status());
        assertTrue(two.reason(), two.reason().contains(
                "vsd_write(nk.2.vm.state.requested) failed: VSD_E_IO (-7): ddi channel reset by the hypervisor"));
        assertTrue(two.reason(), two.reason().contains(library()));
        assertEquals(Optional.empty(), stub.get("nk.2.vm.state.requested"));
        assertEquals(List.of(), hypervisor.actions);
    }

    @Test
    public void aFailingListingStopsTheShutdownBeforeAnythingIsWritten() throws Exception {
        // the fake hypervisor lists names too: it must not be the one that meets the injected failure
        hypervisor.close();
        hypervisor = null;
        stub.fail("vsd_names", StubControl.VSD_E_ACCES, "domain 0 may not enumerate vproperties", 1);

        try {
            shutdownService.run(ShutdownRequest.systemWide().withTimeout(WAIT));
            fail("a shutdown ran without the list of domains");
        } catch (ShutdownException e) {
            assertEquals(e.getMessage(), ExitStatus.ERROR, e.status());
            assertTrue(e.getMessage(), e.getMessage().contains(
                    "vsd_names() failed: VSD_E_ACCES (-6): domain 0 may not enumerate vproperties"));
            assertTrue(e.getMessage(), e.getMessage().contains(library()));
        }
        assertEquals(Optional.empty(), stub.get("nk.1.vm.state.requested"));
        assertEquals(List.of(), nativeShutdown.calls);
    }

    @Test
    public void theWatcherSurvivesFailingWaitsAndNotifiesAgain() throws Exception {
        BlockingQueue<Optional<String>> heard = new LinkedBlockingQueue<>();
        try (VPropertyProvider.Subscription subscription = provider.subscribe(heard::add)) {
            // past the watcher's first, unnamed answer: from here on only a failure is unnamed
            stub.set("nk.8.vm.state.running", "1");
            assertEquals(Optional.of("nk.8.vm.state.running"), nextNamed(heard));
            heard.clear();

            stub.fail("vsd_wait", StubControl.VSD_E_IO, "ddi event channel lost", 2);
            // a failed wait may have missed changes: listeners are told to re-read everything
            assertEquals(Optional.empty(), heard.poll(BOUND_MILLIS, TimeUnit.MILLISECONDS));

            stub.set("nk.7.vm.state.running", "1");
            assertEquals(Optional.of("nk.7.vm.state.running"), nextNamed(heard));
        }
        ShutdownResult result = shutdownService.run(ShutdownRequest.selective(1).withTimeout(WAIT));
        assertEquals(result.message(), Outcome.COMPLETED, result.outcome());
    }

    /** The next notification that names a property; unnamed ones are allowed by the SPI. */
    private static Optional<String> nextNamed(BlockingQueue<Optional<String>> heard) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(BOUND_MILLIS);
        while (true) {
            Optional<String> next = heard.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            assertNotNull("no named change notification within " + BOUND_MILLIS + " ms", next);
            if (next.isPresent()) {
                return next;
            }
        }
    }
}
