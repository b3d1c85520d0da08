package com.example.vshutdown.itest;

import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import java.util.function.Supplier;

import javax.inject.Inject;

import org.apache.felix.service.command.CommandProcessor;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;

import com.example.vshutdown.api.ShutdownService;
import com.example.vshutdown.itest.MatrixRow.Mode;

/**
 * The failure matrix (issue 9): every soft-shutdown failure of 000 and every safety case of issue 9,
 * each run as an operator runs it, through Gogo's {@code vshutdown} command, against the real master,
 * the shipped agents and the simulator, system-wide and selective, under each of: no time-out and a
 * Ctrl-C, a time-out, a time-out with force. Every run is judged for its exit status, its summary,
 * whether the master's native shutdown ran, and the vproperties it left behind (nothing that an agent
 * starting later would act on, unless the domain had picked it up); {@code docs/RELIABILITY.md} shows
 * what the runs did and is checked against it (see {@link ReliabilityDoc}).
 *
 * <p>One framework serves every run; each run gets a new simulated platform, through the simulator's
 * configuration as an operator would give it, with new agents, and the master reaches it through a
 * {@link MatrixView} of its own. Every wait is for an event (a notification, a step of the shutdown,
 * the end of the command), bounded only to catch a hang; see {@link MatrixCase}.
 *
 * <p>{@code -Dvshutdown.matrix.update=true} writes what the runs did into the document;
 * {@code -Dvshutdown.matrix.scenarios=key,…} runs only those scenarios and leaves the document alone.
 */
@RunWith(PaxExam.class)
public class FailureMatrixIT extends VShutdownTestSupport {
    @Inject
    CommandProcessor processor;

    @Inject
    ConfigurationAdmin configurationAdmin;

    @Inject
    ShutdownService service;

    private static final long PROVIDER_GRACE_MS = 500;

    private ExecutorService commands;

    @Override
    protected String simulatedDomains() {
        return MatrixScenario.NEIGHBOUR;
    }

    @Override
    protected List<Option> extraOptions() {
        // the master binds only the matrix's views; the simulated domains' agents use the simulator itself.
        // A lost provider is waited for half a second, not the default 5 s: the rows judge what follows the
        // grace, not its length (ProviderGraceIT judges the grace itself).
        return List.of(frameworkProperty("vshutdown.provider").value(MatrixView.NAME),
                frameworkProperty("vshutdown.master.provider.grace.ms").value(Long.toString(PROVIDER_GRACE_MS)));
    }

    @Before
    public void startTheConsole() {
        commands = Executors.newSingleThreadExecutor();
    }

    @After
    public void stopTheConsole() {
        commands.shutdownNow();
    }

    @Test
    public void everyFailureScenarioEndsAsTheRulesSayAndTheDocumentShowsIt() throws Exception {
        List<MatrixRow> rows = new ArrayList<>();
        for (MatrixScenario scenario : scenarios()) {
            for (boolean systemWide : new boolean[] {true, false}) {
                for (Mode mode : Mode.values()) {
                    rows.add(new MatrixCase(this, scenario, systemWide, mode).run());
                }
            }
        }
        List<String> problems = new ArrayList<>(ReliabilityDoc.problems(rows));
        String generated = ReliabilityDoc.render(rows);
        Path target = Paths.get("target", "RELIABILITY.generated.md");
        Files.writeString(target, generated);
        if (scenarios().size() == MatrixScenarios.ALL.size()) {
            problems.addAll(ReliabilityDoc.check(document(), generated, Boolean.getBoolean("vshutdown.matrix.update")));
        }
        assertTrue(problems.size() + " problems (the runs as observed: " + target.toAbsolutePath() + "):\n"
                + String.join("\n", problems), problems.isEmpty());
    }

    private static Collection<MatrixScenario> scenarios() {
        String only = System.getProperty("vshutdown.matrix.scenarios", "");
        if (only.isBlank()) {
            return MatrixScenarios.ALL;
        }
        Set<String> keys = Set.copyOf(Arrays.asList(only.split(",")));
        return MatrixScenarios.ALL.stream().filter(s -> keys.contains(s.key)).toList();
    }

    private static Path document() {
        return Paths.get(System.getProperty("vshutdown.reliability.doc", "../docs/RELIABILITY.md"));
    }

    // what a case needs of the framework under test

    CommandProcessor processor() {
        return processor;
    }

    ConfigurationAdmin configurationAdmin() {
        return configurationAdmin;
    }

    ShutdownService service() {
        return service;
    }

    ExecutorService commands() {
        return commands;
    }

    BundleContext bundleContext() {
        return context;
    }

    RecordingNativeShutdown recordTheMastersShutdown() {
        return recordNativeShutdown();
    }

    Bundle bundle(String symbolicName) {
        return installedBundle(symbolicName);
    }

    /** Waits until the agents of a simulated platform's guests run: those that have one from the start. */
    void awaitAgents(String domains) {
        List<String> expected = agentsAtStart(domains);
        await("hosted agents for domains " + expected, this::activeAgents, expected::equals);
    }

    static <T> T awaitThat(String what, Supplier<T> actual, Predicate<T> wanted) {
        return await(what, actual, wanted);
    }
}
