package com.example.vshutdown.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;

import java.util.List;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.felix.service.command.CommandProcessor;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;

import com.example.vshutdown.api.ExitStatus;
import com.example.vshutdown.api.ShutdownException;
import com.example.vshutdown.protocol.VProperties;
import com.example.vshutdown.spi.VPropertyProvider;

/**
 * A malformed stop order is a configuration error every vshutdown reports with exit status 2 and
 * the line that names it, and nothing is asked: never a silent fallback to "all at once".
 */
@RunWith(PaxExam.class)
public class MalformedStopOrderIT extends VShutdownTestSupport {
    private static final String LINE = "the master is misconfigured: vshutdown.master.stop.order: '*;;2' has an empty "
            + "group (group 2)";

    @Inject
    CommandProcessor processor;

    @Inject
    VPropertyProvider platform;

    @Override
    protected String simulatedDomains() {
        return "1:ok:20,2:ok:20";
    }

    @Override
    protected List<Option> extraOptions() {
        return List.of(frameworkProperty("vshutdown.master.stop.order").value("*;;2"));
    }

    @Test
    public void everyCommandThatNeedsThePlatformIsRefusedNamingTheSetting() throws Exception {
        RecordingNativeShutdown nativeShutdown = recordNativeShutdown();

        for (String command : List.of("vshutdown", "vshutdown -f -t 100", "vshutdown 1", "domains")) {
            Gogo gogo = Gogo.run(processor, command);

            assertTrue(command + ": " + gogo.output, gogo.failure instanceof ShutdownException);
            assertEquals(command, ExitStatus.BAD_INPUT, ((ShutdownException) gogo.failure).status());
            assertEquals(command, LINE, gogo.failure.getMessage());
        }
        assertEquals(Optional.empty(), platform.read(VProperties.requested(1)));
        assertEquals(Optional.empty(), platform.read(VProperties.requested(2)));
        assertTrue(nativeShutdown.calls.isEmpty());
    }
}
