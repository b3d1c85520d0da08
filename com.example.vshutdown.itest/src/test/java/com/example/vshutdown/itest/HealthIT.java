package com.example.vshutdown.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.Arrays;

import javax.inject.Inject;

import org.apache.felix.service.command.CommandProcessor;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.osgi.framework.Bundle;

/**
 * The health checks (Felix Health Checks, tag vshutdown) and the health command in a real Felix:
 * red when the platform's provider bundle goes, green again when it returns, the failing command
 * throwing so that its exit status says so.
 */
@RunWith(PaxExam.class)
public class HealthIT extends VShutdownTestSupport {
    @Inject
    CommandProcessor processor;

    @Test
    public void redWhenTheProviderBundleStopsAndGreenAgainWhenItReturns() throws Exception {
        Gogo healthy = await("a healthy runtime", () -> Gogo.run(processor, "health"), run -> run.failure == null);
        assertTrue(healthy.output, healthy.output.contains("OK       vshutdown master"));

        Bundle simulator = Arrays.stream(context.getBundles())
                .filter(bundle -> "com.example.vshutdown.simulator".equals(bundle.getSymbolicName()))
                .findFirst().orElseThrow();
        simulator.stop();
        try {
            Gogo red = await("the master without a provider", () -> Gogo.run(processor, "health"),
                    run -> run.failure != null);
            assertTrue(red.output, red.output.contains("CRITICAL vshutdown master"));
            assertTrue(red.output, red.output.contains("the master has no vproperty provider bound"));
            assertEquals("not healthy: vshutdown master CRITICAL", red.failure.getMessage());

            Gogo json = Gogo.run(processor, "health --json");
            assertTrue(json.output, json.output.startsWith("{\"status\": \"CRITICAL\", \"checks\": ["));
            assertTrue(json.output, json.output.contains(
                    "{\"status\": \"CRITICAL\", \"text\": \"the master has no vproperty provider bound\"}"));
        } finally {
            simulator.start();
        }

        Gogo green = await("the master with its provider again", () -> Gogo.run(processor, "health"),
                run -> run.failure == null);
        assertNull(green.failure);
        assertTrue(green.output, green.output.contains("the master has a vproperty provider"));
    }
}
