package com.example.vshutdown.linux.internal;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.example.vshutdown.spi.NativeShutdown;
import com.example.vshutdown.spi.ShutdownVetoedException;

/**
 * The local domain's native shutdown and reboot as OS commands ({@code systemctl poweroff},
 * {@code reboot -p}, or the configured ones). A command that returns 0 has started the shutdown;
 * one that fails is reported with its exit status and what it printed; one that hangs is stopped
 * after the time-out and reported, so the agent can tell the master instead of waiting forever.
 */
final class CommandShutdown implements NativeShutdown {
    private static final Logger LOG = LoggerFactory.getLogger(CommandShutdown.class);
    /** How much of a command's output an error quotes. */
    private static final int OUTPUT_BYTES = 2048;
    /** How much of it fits the status line the master shows. */
    private static final int QUOTED_CHARS = 300;
    /** systemctl's words when a logind inhibitor lock refuses the shutdown: the guest vetoes it. */
    private static final String INHIBITED = "Operation inhibited by";

    private final List<String> shutdown;
    private final List<String> reboot;
    private final Duration timeout;
    private final String origin;

    /**
     * @param origin where the commands come from ("Linux with systemd", "configured"), for the description
     */
    CommandShutdown(List<String> shutdown, List<String> reboot, Duration timeout, String origin) {
        this.shutdown = List.copyOf(shutdown);
        this.reboot = List.copyOf(reboot);
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.origin = Objects.requireNonNull(origin, "origin");
    }

    @Override
    public String description() {
        return "native shutdown (" + origin + "): '" + String.join(" ", shutdown) + "', reboot: '"
                + String.join(" ", reboot) + "'";
    }

    @Override
    public void shutdown() throws IOException {
        run("shutdown", shutdown);
    }

    @Override
    public void reboot() throws IOException {
        run("reboot", reboot);
    }

    private void run(String what, List<String> command) throws IOException {
        String line = String.join(" ", command);
        LOG.info("Starting the native {}: {}", what, line);
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        } catch (IOException e) {
            throw new IOException("native " + what + " command '" + line + "' cannot be started: " + e.getMessage(), e);
        }
        Output output = new Output(process.getInputStream(), what);
        boolean ended;
        try {
            ended = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            // the caller gave up waiting: stop the command rather than let it take the domain down later
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("native " + what + " command '" + line + "' interrupted; it was stopped");
        }
        if (!ended) {
            process.destroyForcibly();
            throw new IOException("native " + what + " command '" + line + "' did not finish within "
                    + timeout.toMillis() + " ms; it was stopped");
        }
        int status = process.exitValue();
        String printed = output.text();
        if (status != 0) {
            String message = "native " + what + " command '" + line + "' failed with exit status " + status
                    + (printed.isEmpty() ? "" : ": " + printed);
            if (printed.contains(INHIBITED)) {
                throw new ShutdownVetoedException(message);
            }
            throw new IOException(message);
        }
        LOG.info("The native {} command '{}' returned 0: the {} has started", what, line, what);
    }

    /**
     * Collects the first bytes a command prints, on a thread of its own: a command that leaves a
     * child holding its output open must not block the caller.
     */
    private static final class Output {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final Thread reader;

        Output(InputStream in, String what) {
            reader = new Thread(() -> drain(in), "vshutdown-linux-" + what + "-output");
            reader.setDaemon(true);
            reader.start();
        }

        private void drain(InputStream in) {
            byte[] buffer = new byte[512];
            try (in) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    synchronized (bytes) {
                        bytes.write(buffer, 0, Math.max(0, Math.min(n, OUTPUT_BYTES - bytes.size())));
                    }
                }
            } catch (IOException e) {
                // the process is gone or was stopped: what was read so far is all there is
            }
        }

        /** What was printed, on one line; waits briefly for the end of output of a command that ended. */
        String text() {
            try {
                reader.join(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            String text;
            synchronized (bytes) {
                text = bytes.toString(StandardCharsets.UTF_8);
            }
            return oneLine(text);
        }
    }

    /** Output lines joined with "; ", control characters dropped, cut to a length a log line can take. */
    static String oneLine(String text) {
        String joined = text.strip().replaceAll("\\s*\\R\\s*", "; ");
        StringBuilder sb = new StringBuilder(Math.min(joined.length(), QUOTED_CHARS + 3));
        joined.codePoints().limit(QUOTED_CHARS).forEach(c -> sb.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
        return joined.codePointCount(0, joined.length()) > QUOTED_CHARS ? sb.append("...").toString() : sb.toString();
    }
}
