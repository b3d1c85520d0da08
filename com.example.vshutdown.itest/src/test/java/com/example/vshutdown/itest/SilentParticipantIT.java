package com.example.vshutdown.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;

import java.util.List;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;

import com.example.vshutdown.api.ParticipantOutcome;
import com.example.vshutdown.api.ShutdownRequest;
import com.example.vshutdown.api.ShutdownResult;
import com.example.vshutdown.api.ShutdownResult.Outcome;
import com.example.vshutdown.api.ShutdownService;

/**
 * A participant bundle whose promise never resolves is given up on at participant.max.ms: the next
 * participant is still called, the master still goes down, and the summary names the silent one.
 */
@RunWith(PaxExam.class)
public class SilentParticipantIT extends VShutdownTestSupport {
    private static final String SILENT = "participant.silent";
    private static final String READY = "participant.ready";

    @Inject
    ShutdownService service;

    @Override
    protected String simulatedDomains() {
        return "1:ok:20";
    }

    @Override
    protected List<Option> extraOptions() {
        return List.of(frameworkProperty("vshutdown.master.participant.max.ms").value("1000"),
                ParticipantBundles.bundle(SILENT, "silent", 20),
                ParticipantBundles.bundle(READY, "ready", 10));
    }

    @Test
    public void oneThatNeverAnswersIsGivenUpOnAndTheShutdownGoesOn() throws Exception {
        RecordingNativeShutdown nativeShutdown = recordNativeShutdown();

        ShutdownResult result = service.submit(ShutdownRequest.systemWide()).timeout(BOUND_MILLIS).getValue();

        assertEquals(result.message(), Outcome.COMPLETED, result.outcome());
        assertEquals(List.of("shutdown"), nativeShutdown.calls);
        assertEquals(ParticipantOutcome.Status.TIMED_OUT, result.participants().get(0).status());
        assertEquals(ParticipantOutcome.Status.READY, result.participants().get(1).status());
        assertTrue(result.message(), result.message().contains("participants not ready: " + SILENT + " (service "));
        assertTrue(ParticipantBundles.mark(context, READY, "prepared").isPresent());
    }
}
