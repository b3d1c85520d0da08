package com.example.vshutdown.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
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
        Daemon daemon = Daemon.start("-Dvshutdown.agent.domain=3", "-Dorg.slf4j.simpleLogger.defaultLogLevel=info");
        try {
            assertTrue(daemon.awaitStderr("Shutdown agent configured for domain 3"), daemon::describe);
            assertTrue(daemon.process.isAlive(), "a daemon keeps running: " + daemon.describe());
        } finally {
            daemon.terminate();
        }
        assertTrue(daemon.exited, "SIGTERM ends it: " + daemon.describe());
        assertEquals("", daemon.stdout(), daemon::describe);
    }

    /** One run of target/vshutdown-agent.jar, its output in files under target/it-runs. */
    private static final class Daemon {
        final Process process;
        final Path out;
        final Path err;
        boolean exited;

        private Daemon(Process process, Path out, Path err) {
            this.process = process;
            this.out = out;
            this.err = err;
        }

        static Daemon start(String... jvmOptions) throws IOException {
            Path dir = Files.createDirectories(Paths.get("target", "it-runs"));
            Path out = Files.createTempFile(dir, "agent", ".stdout");
            Path err = Files.createTempFile(dir, "agent", ".stderr");
            List<String> line = new java.util.ArrayList<>();
            line.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
            line.addAll(List.of(jvmOptions));
            line.add("-jar");
            line.add(System.getProperty("vshutdown.agent.jar", "target/vshutdown-agent.jar"));
            Process process = new ProcessBuilder(line).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            return new Daemon(process, out, err);
        }

        /** Waits, within the bound, until stderr contains the text; false if it never does. */
        boolean awaitStderr(String text) throws IOException, InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(BOUND_MILLIS);
            while (System.nanoTime() < deadline) {
                if (stderr().contains(text)) {
                    return true;
                }
                // a bounded wait on the process: it returns early if the daemon dies
                if (process.waitFor(20, TimeUnit.MILLISECONDS)) {
                    return stderr().contains(text);
                }
            }
            return false;
        }

        void terminate() throws InterruptedException {
            process.destroy();
            exited = process.waitFor(BOUND_MILLIS, TimeUnit.MILLISECONDS);
            if (!exited) {
                process.destroyForcibly();
            }
        }

        String stdout() throws IOException {
            return Files.readString(out, StandardCharsets.UTF_8);
        }

        String stderr() throws IOException {
            return Files.readString(err, StandardCharsets.UTF_8);
        }

        String describe() {
            try {
                return "stdout:\n" + stdout() + "\nstderr:\n" + stderr();
            } catch (IOException e) {
                return e.toString();
            }
        }
    }
}
