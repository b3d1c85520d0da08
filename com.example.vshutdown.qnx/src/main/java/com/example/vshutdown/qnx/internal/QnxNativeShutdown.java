package com.example.vshutdown.qnx.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.example.vshutdown.spi.NativeShutdown;

/**
 * The master's own shutdown and reboot on QNX: {@code shutdown -S system} and
 * {@code shutdown -S reboot} by default, other commands by configuration. A command is waited for
 * at most a bound, and whatever it said is quoted when it fails, so the master can tell the
 * operator why the machine did not go down instead of hanging or failing silently.
 */
final class QnxNativeShutdown implements NativeShutdown {
    private static final Logger LOG = LoggerFactory.getLogger(QnxNativeShutdown.class);
    /** How much of a command's output a failure quotes. */
    private static final int OUTPUT_LIMIT = 2048;

    private final List<String> shutdownCommand;
    private final List<String> rebootCommand;
    private final Duration bound;

    QnxNativeShutdown(List<String> shutdownCommand, List<String> rebootCommand, Duration bound) {
        this.shutdownCommand = List.copyOf(shutdownCommand);
        this.rebootCommand = List.copyOf(rebootCommand);
        this.bound = bound;
    }

    @Override
    public String description() {
        return "QNX native shutdown: '" + String.join(" ", shutdownCommand) + "', reboot: '"
                + String.join(" ", rebootCommand) + "' (at most " + bound.toMillis() + " ms)";
    }

    @Override
    public void shutdown() throws IOException {
        run("shutdown", shutdownCommand);
    }

    @Override
    public void reboot() throws IOException {
        run("reboot", rebootCommand);
    }

    private void run(String what, List<String> command) throws IOException {
        String shown = String.join(" ", command);
        LOG.info("Native {}: running '{}'", what, shown);
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.PIPE).start();
        } catch (IOException e) {
            throw new IOException("native " + what + " '" + shown + "' could not be started: " + e.getMessage(), e);
        }
        process.getOutputStream().close();
        OutputCollector output = new OutputCollector(process.getInputStream());
        output.start();
        boolean finished;
        try {
            finished = process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            // left running: nobody can tell what stopping a shutdown half-way would leave behind
            throw new InterruptedIOException("native " + what + " '" + shown
                    + "': stopped waiting for it (interrupted); the command is left running");
        }
        if (!finished) {
            throw new IOException("native " + what + " '" + shown + "' did not finish within " + bound.toMillis()
                    + " ms; it is left running" + output.quote());
        }
        output.finish();
        int status = process.exitValue();
        if (status != 0) {
            throw new IOException("native " + what + " '" + shown + "' failed with exit status " + status
                    + output.quote());
        }
        LOG.info("Native {} started: '{}' exited with status 0", what, shown);
    }

    /** Drains a command's output on a thread of its own, so a chatty command cannot block on a full pipe. */
    private static final class OutputCollector extends Thread {
        private final InputStream in;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();

        OutputCollector(InputStream in) {
            super("vshutdown-qnx-native-output");
            setDaemon(true);
            this.in = in;
        }

        @Override
        public void run() {
            byte[] chunk = new byte[512];
            try (in) {
                int n;
                while ((n = in.read(chunk)) >= 0) {
                    synchronized (kept) {
                        kept.write(chunk, 0, Math.max(0, Math.min(n, OUTPUT_LIMIT - kept.size())));
                    }
                }
            } catch (IOException e) {
                LOG.debug("Reading the native command's output ended: {}", e.getMessage());
            }
        }

        /** Waits briefly for the rest of the output of a command that has exited. */
        void finish() {
            try {
                join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        String quote() {
            String text;
            synchronized (kept) {
                text = kept.toString(StandardCharsets.UTF_8);
            }
            String flat = text.replaceAll("\\s+", " ").strip();
            return flat.isEmpty() ? " (no output)" : ": " + flat;
        }
    }
}
