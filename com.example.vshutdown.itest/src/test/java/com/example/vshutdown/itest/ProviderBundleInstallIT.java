package com.example.vshutdown.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;

import java.io.File;
import java.util.List;
import java.util.Map;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.osgi.framework.Bundle;
import org.osgi.util.promise.Promise;

import com.example.vshutdown.api.ShutdownRequest;
import com.example.vshutdown.api.ShutdownResult;
import com.example.vshutdown.api.ShutdownResult.Outcome;
import com.example.vshutdown.api.ShutdownService;
import com.example.vshutdown.protocol.VProperties;

/**
 * A provider bundle installed while a shutdown waits: the master moves to it at once (it outranks
 * the simulator) and the wait ends on what that platform says.
 */
@RunWith(PaxExam.class)
public class ProviderBundleInstallIT extends VShutdownTestSupport {
    @Inject
    ShutdownService service;

    @Override
    protected String simulatedDomains() {
        return "1:ignore";
    }

    @Override
    protected List<Option> extraOptions() {
        // on the real platform domain 1 has already gone down to the value the master asks for
        String root = LinuxPlatformDir.create(Map.of(VProperties.running(0), "1", VProperties.running(1), "2"));
        return List.of(frameworkProperty(LinuxPlatformDir.ROOT_PROPERTY).value(root),
                frameworkProperty(LinuxPlatformDir.BUNDLE_PROPERTY).value(LinuxPlatformDir.bundleUri()));
    }

    @Override
    protected Option provision(File jar) {
        return LinuxPlatformDir.isLinuxBundle(jar) ? null : super.provision(jar);
    }

    @Test
    public void aProviderBundleInstalledWhileAShutdownWaitsTakesItOver() throws Exception {
        RecordingNativeShutdown nativeShutdown = recordNativeShutdown();
        Promise<ShutdownResult> shutdown = service.submit(ShutdownRequest.selective(1));

        Bundle linux = context.installBundle(context.getProperty(LinuxPlatformDir.BUNDLE_PROPERTY));
        linux.start();
        ShutdownResult result = shutdown.timeout(BOUND_MILLIS).getValue();

        assertEquals(result.message(), Outcome.COMPLETED, result.outcome());
        assertTrue(nativeShutdown.calls.isEmpty());
    }
}
