package com.example.vshutdown.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.example.vshutdown.dist.VshutdownJar.Run;

/**
 * {@code -Dvshutdown.provider} reaches the agent configured from {@code -Dvshutdown.agent.domain}
 * as it reaches the master: the agent binds only a provider of that name, and the health command
 * says so; a malformed name is one error line and configures no agent.
 */
class AgentProviderChoiceIT {
    private static final Duration QUICKLY = Duration.ofSeconds(60);

    @Test
    void theAgentBindsOnlyTheChosenProvider() throws Exception {
        Run run = VshutdownJar.command("health")
                .jvmOption("-Dvshutdown.agent.domain=3")
                .jvmOption("-Dvshutdown.provider=nosuch")
                .timeout(QUICKLY).run();

        assertTrue(run.exitStatus() != 0, run::describe);
        assertTrue(run.stdout().contains("CRITICAL vshutdown agents"), run::describe);
        assertTrue(run.stdout().contains("the agent of domain 3 is not bound: no provider bound"), run::describe);
        assertTrue(run.stdout().contains("the master has no vproperty provider bound"), run::describe);
    }

    @Test
    void withTheSimulatorChosenTheAgentIsBound() throws Exception {
        Run run = VshutdownJar.command("health")
                .jvmOption("-Dvshutdown.agent.domain=3")
                .jvmOption("-Dvshutdown.provider=simulator")
                .timeout(QUICKLY).run();

        assertEquals(0, run.exitStatus(), run::describe);
        assertTrue(run.stdout().contains("the agent of domain 3 is bound"), run::describe);
    }

    @Test
    void aMalformedNameConfiguresNoAgent() throws Exception {
        Run run = VshutdownJar.command("health")
                .jvmOption("-Dvshutdown.agent.domain=3")
                .jvmOption("-Dvshutdown.provider=bad name")
                .timeout(QUICKLY).run();

        assertTrue(run.stdout().contains("no shutdown agent configured"), run::describe);
        assertTrue(run.stderrLines().stream().anyMatch(line -> line.startsWith("ERROR [com.example.vshutdown.agent] ")
                && line.endsWith("vshutdown.provider: 'bad name' is not a provider name (letters, digits, '.', '_', "
                        + "'-'); no shutdown agent is configured")), run::describe);
        // besides the log's error lines, the command's one line: the malformed name is a configuration fault
        assertEquals(List.of("health: not healthy: vshutdown configuration CRITICAL"),
                run.stderrLines().stream().filter(line -> !line.startsWith("ERROR")).toList(), run::describe);
    }
}
