package com.example.vshutdown.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The agent-only runtime as a service manager runs it: a daemon configured by a framework property
 * on its command line, logging to stderr, ending on SIGTERM.
 */
class AgentRuntimeIT {
    private static final long BOUND_MILLIS = 30_000;

    @Test
    void aMalformedDomainIdIsRefusedInOneLogLine() throws Exception {
        Daemon daemon = Daemon.start("-Dvshutdown.agent.domain=x1");
        try {
            assertTrue(daemon.awaitStderr("vshutdown.agent.domain: domain id 'x1' is not an unsigned decimal integer; "
                    + "no shutdown agent is configured"), daemon::describe);
        } finally {
            daemon.terminate();
        }
        assertEquals("", daemon.stdout(), daemon::describe);
    }

    @Test
    void aDomainIdConfiguresTheAgentAndSigtermEndsTheDaemon() throws Exception {
        Daemon daemon = Daemon.start("-Dvshutdown.agent.domain=3", "-Dvshutdown.log.level=info");
        try {
            assertTrue(daemon.awaitStderr("Shutdown agent configured for domain 3"), daemon::describe);
            assertTrue(daemon.process.isAlive(), "a daemon keeps running: " + daemon.describe());
        } finally {
            daemon.terminate();
        }
        assertTrue(daemon.exited, "SIGTERM ends it: " + daemon.describe());
        assertEquals("", daemon.stdout(), daemon::describe);
    }

    /** One run of target/vshutdown-agent.jar, its output read as it comes. */
    private static final class Daemon {
        final Process process;
        final VshutdownJar.Output out;
        final VshutdownJar.Output err;
        boolean exited;

        private Daemon(Process process) {
            this.process = process;
            this.out = new VshutdownJar.Output(process.getInputStream(), "stdout");
            this.err = new VshutdownJar.Output(process.getErrorStream(), "stderr");
        }

        static Daemon start(String... jvmOptions) throws IOException {
            List<String> line = new ArrayList<>();
            line.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
            line.addAll(List.of(jvmOptions));
            line.add("-jar");
            line.add(System.getProperty("vshutdown.agent.jar", "target/vshutdown-agent.jar"));
            return new Daemon(new ProcessBuilder(line)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start());
        }

        /** Waits, within the bound, until stderr contains the text; false if it never does or the daemon ends first. */
        boolean awaitStderr(String text) throws InterruptedException {
            return err.await(text, 0, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(BOUND_MILLIS)) >= 0;
        }

        void terminate() throws InterruptedException {
            process.destroy();
            exited = process.waitFor(BOUND_MILLIS, TimeUnit.MILLISECONDS);
            if (!exited) {
                process.destroyForcibly();
            }
        }

        /** What it printed on stdout, once it has ended. */
        String stdout() throws InterruptedException {
            out.awaitEnd(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(BOUND_MILLIS));
            return out.text();
        }

        String describe() {
            return "stdout:\n" + out.text() + "\nstderr:\n" + err.text();
        }
    }
}
