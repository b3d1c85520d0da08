package com.example.vshutdown.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.List;

import javax.inject.Inject;

import org.apache.felix.service.command.CommandProcessor;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;

import com.example.vshutdown.api.ExitStatus;
import com.example.vshutdown.api.ShutdownException;
import com.example.vshutdown.spi.VPropertyProvider;

/** A malformed simulator setting is bad input: one line naming the entry, and nothing runs. */
@RunWith(PaxExam.class)
public class MisconfiguredPlatformIT extends VShutdownTestSupport {
    @Inject
    CommandProcessor processor;

    @Override
    protected String simulatedDomains() {
        return "1:ok:20,2:sleep";
    }

    /** A malformed list starts no platform, so no agent either. */
    @Override
    protected List<String> expectedAgents() {
        return List.of();
    }

    @Test
    public void theCommandNamesTheMalformedEntryAsBadInput() {
        RecordingNativeShutdown nativeShutdown = recordNativeShutdown();

        Gogo gogo = Gogo.run(processor, "vshutdown");

        assertTrue(gogo.output, gogo.failure instanceof ShutdownException);
        ShutdownException failure = (ShutdownException) gogo.failure;
        assertEquals(ExitStatus.BAD_INPUT, failure.status());
        assertTrue(failure.getMessage(), failure.getMessage().contains("'2:sleep'"));
        assertFalse(failure.getMessage().contains("\n"));
        assertTrue(nativeShutdown.calls.isEmpty());
    }

    @Test
    public void noPlatformIsOfferedOnAMalformedSetting() {
        assertNull(context.getServiceReference(VPropertyProvider.class));
    }
}
