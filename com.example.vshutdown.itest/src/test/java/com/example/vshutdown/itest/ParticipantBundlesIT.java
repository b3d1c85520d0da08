package com.example.vshutdown.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.osgi.framework.ServiceReference;
import org.osgi.util.promise.Promise;

import com.example.vshutdown.api.ParticipantOutcome;
import com.example.vshutdown.api.ShutdownRequest;
import com.example.vshutdown.api.ShutdownResult;
import com.example.vshutdown.api.ShutdownResult.Outcome;
import com.example.vshutdown.api.ShutdownService;

/**
 * Three participant bundles on the master, in a real Felix with the simulated slaves and their
 * agents: one that postpones the master until the test releases it (ranking 30), one that throws
 * (20), one that is ready at once (10). They are called in ranking order once every slave is down,
 * the master waits for the one that postpones, the one that throws is named and the shutdown goes
 * on; a cancel while they prepare keeps the master up and tells those called.
 */
@RunWith(PaxExam.class)
public class ParticipantBundlesIT extends VShutdownTestSupport {
    private static final String POSTPONING = "participant.postponing";
    private static final String THROWING = "participant.throwing";
    private static final String READY = "participant.ready";

    @Inject
    ShutdownService service;

    @Override
    protected String simulatedDomains() {
        return "1:ok:20,2:ok:40";
    }

    @Override
    protected List<Option> extraOptions() {
        // generous: the test, not the bound, releases the participant that postpones
        return List.of(frameworkProperty("vshutdown.master.participant.max.ms").value(Long.toString(BOUND_MILLIS * 2)),
                ParticipantBundles.bundle(POSTPONING, "postpone", 30),
                ParticipantBundles.bundle(THROWING, "throw", 20),
                ParticipantBundles.bundle(READY, "ready", 10));
    }

    @Test
    public void theyAreCalledInRankingOrderTheMasterWaitsForOneThatPostponesAndOneThatThrowsIsNamed()
            throws Exception {
        RecordingNativeShutdown nativeShutdown = recordNativeShutdown();
        Promise<ShutdownResult> shutdown = service.submit(ShutdownRequest.systemWide());

        ServiceReference<Runnable> release = await("the postponing participant waits to be released",
                () -> ParticipantBundles.mark(context, POSTPONING, "release"), Optional::isPresent).get();
        assertEquals("SHUTDOWN", ParticipantBundles.detail(ParticipantBundles.mark(context, POSTPONING, "prepared")
                .orElseThrow()));
        assertTrue("the master waits for it", nativeShutdown.calls.isEmpty());
        assertFalse("the next is called only once it is ready", ParticipantBundles.mark(context, THROWING,
                "prepared").isPresent());
        assertFalse(shutdown.isDone());

        context.getService(release).run();
        ShutdownResult result = shutdown.timeout(BOUND_MILLIS).getValue();

        assertEquals(result.message(), Outcome.COMPLETED, result.outcome());
        assertEquals(List.of("shutdown"), nativeShutdown.calls);
        assertEquals(List.of(POSTPONING, THROWING, READY), result.participants().stream()
                .map(p -> p.name().substring(0, p.name().indexOf(' '))).collect(Collectors.toList()));
        assertEquals(List.of(ParticipantOutcome.Status.READY, ParticipantOutcome.Status.FAILED,
                ParticipantOutcome.Status.READY), result.participants().stream().map(ParticipantOutcome::status)
                .collect(Collectors.toList()));
        assertEquals("threw IllegalStateException: bus busy", result.participants().get(1).detail());
        assertTrue(result.message(), result.message().contains("participants not ready: " + THROWING + " (service "));
        assertTrue(ParticipantBundles.mark(context, READY, "prepared").isPresent());
    }

    @Test
    public void aCancelWhileTheyPrepareKeepsTheMasterUpAndTellsOnlyThoseCalled() throws Exception {
        RecordingNativeShutdown nativeShutdown = recordNativeShutdown();
        Promise<ShutdownResult> shutdown = service.submit(ShutdownRequest.systemWide());
        await("the postponing participant waits to be released",
                () -> ParticipantBundles.mark(context, POSTPONING, "release"), Optional::isPresent);

        assertTrue(service.cancel());
        ShutdownResult result = shutdown.timeout(BOUND_MILLIS).getValue();

        assertEquals(Outcome.CANCELLED, result.outcome());
        assertTrue(nativeShutdown.calls.isEmpty());
        ServiceReference<Runnable> told = await("the postponing participant is told",
                () -> ParticipantBundles.mark(context, POSTPONING, "cancelled"), Optional::isPresent).get();
        assertEquals(result.message(), ParticipantBundles.detail(told));
        assertFalse(ParticipantBundles.mark(context, THROWING, "prepared").isPresent());
        assertFalse(ParticipantBundles.mark(context, THROWING, "cancelled").isPresent());
    }

    @Test
    public void aSelectiveShutdownCallsNone() throws Exception {
        ShutdownResult result = service.run(ShutdownRequest.selective(1));

        assertEquals(Outcome.COMPLETED, result.outcome());
        assertEquals(List.of(), result.participants());
        assertFalse(ParticipantBundles.mark(context, POSTPONING, "prepared").isPresent());
    }
}
