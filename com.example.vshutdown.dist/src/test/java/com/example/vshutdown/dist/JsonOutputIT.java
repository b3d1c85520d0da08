package com.example.vshutdown.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.example.vshutdown.dist.VshutdownJar.Run;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code --json} as a script meets it: stdout is one JSON document, read here with a real parser,
 * whatever happened; the live lines and the one error line go to stderr; the exit status is the
 * document's.
 */
class JsonOutputIT {
    private static final Duration QUICKLY = Duration.ofSeconds(60);
    private static final ObjectMapper PARSER = new ObjectMapper();
    private static final String MIXED =
            "-Dvshutdown.sim.domains=1:ok:50,2:ignore,3:block:an update is being installed,4:stopped,5:invalid";

    @Test
    void aCancelledShutdownIsOneDocumentOnStdoutWithTheLiveLinesOnStderr() throws Exception {
        // Ctrl-C once domain 1 has answered: the others never will, and no time-out races domain 1's answer
        VshutdownJar.Running app = VshutdownJar.command("vshutdown", "--json").jvmOption(MIXED).timeout(QUICKLY).start();
        app.awaitStderr("domain 1 acknowledged");
        app.interrupt();
        Run run = app.awaitExit();

        assertEquals(1, run.exitStatus(), run::describe);
        JsonNode doc = PARSER.readTree(run.stdout());
        assertEquals("vshutdown", doc.get("command").textValue());
        assertTrue(doc.get("simulated").booleanValue());
        assertEquals("cancelled", doc.get("outcome").textValue());
        assertEquals("cancelled", doc.get("waitEnd").textValue());
        assertEquals(1, doc.get("exitStatus").intValue());
        List<String> outcomes = new ArrayList<>();
        doc.get("domains").forEach(d -> outcomes.add(d.get("id").intValue() + " " + d.get("outcome").textValue()));
        assertEquals(List.of("1 acknowledged", "2 not-acknowledged", "3 not-acknowledged", "4 not-running",
                "5 invalid"), outcomes, run::describe);
        assertEquals("blocked: an update is being installed", doc.get("domains").get(2).get("reason").textValue());
        assertTrue(doc.get("domains").get(0).get("timeToAcknowledgeMs").intValue() > 0);
        assertEquals(2, doc.get("withdrawals").size());
        assertTrue(run.stderrLines().stream().anyMatch(l -> l.matches("\\[ *\\d+ ms\\] asked domain 1 to shut down.*")),
                run::describe);
        assertTrue(run.stderrLines().get(run.stderrLines().size() - 1).startsWith("vshutdown: cancelled"),
                run::describe);
    }

    @Test
    void badInputIsAnErrorDocumentAndItsOneLine() throws Exception {
        Run run = VshutdownJar.command("vshutdown", "--json", "x").timeout(QUICKLY).run();

        assertEquals(2, run.exitStatus(), run::describe);
        JsonNode doc = PARSER.readTree(run.stdout());
        assertEquals("vmid 'x' is not a domain id (an unsigned decimal number, as 'domains' lists them)",
                doc.get("error").textValue());
        assertEquals(2, doc.get("exitStatus").intValue());
        assertEquals(List.of("vshutdown: " + doc.get("error").textValue()), run.stderrLines(), run::describe);
    }

    @Test
    void domainsAndProvidersAreDocumentsToo() throws Exception {
        Run domains = VshutdownJar.command("domains", "--json").jvmOption(MIXED).timeout(QUICKLY).run();
        Run providers = VshutdownJar.command("providers", "--json").jvmOption(MIXED).timeout(QUICKLY).run();

        assertEquals(0, domains.exitStatus(), domains::describe);
        JsonNode listing = PARSER.readTree(domains.stdout());
        assertTrue(listing.get("simulated").booleanValue());
        assertEquals(6, listing.get("domains").size());
        assertEquals("invalid", listing.get("domains").get(5).get("state").textValue());
        assertEquals(2, listing.get("domains").get(4).get("counters").get("running").intValue());
        assertEquals(0, providers.exitStatus(), providers::describe);
        JsonNode offered = PARSER.readTree(providers.stdout());
        JsonNode inUse = null;
        for (JsonNode provider : offered.get("vpropertyProviders")) {
            if (provider.get("inUse").booleanValue()) {
                inUse = provider;
            }
        }
        assertEquals("simulator", inUse.get("provider").textValue(), providers::describe);
        assertTrue(inUse.get("simulated").booleanValue());
        assertEquals(-100, inUse.get("ranking").intValue());
    }

    @Test
    void aCompletedShutdownSaysWhatTheMasterDid() throws Exception {
        Run run = VshutdownJar.command("vshutdown", "--json").jvmOption("-Dvshutdown.sim.domains=1:ok:20")
                .timeout(QUICKLY).run();

        assertEquals(0, run.exitStatus(), run::describe);
        JsonNode doc = PARSER.readTree(run.stdout());
        assertEquals("completed", doc.get("outcome").textValue());
        assertEquals("shutdown", doc.get("masterAction").textValue());
        assertEquals(0, doc.get("exitStatus").intValue());
    }
}
