package com.example.vshutdown.support.command;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What a native command prints (stdout and stderr together), drained as it comes so that a chatty
 * command never blocks on a full pipe, and kept up to a bound: it is quoted in one failure line,
 * which the master shows an operator and an agent writes into a status property.
 */
final class CommandOutput {
    /** How much of a command's output is kept. */
    static final int KEPT_BYTES = 2048;
    /** How much of it a failure line quotes. */
    static final int QUOTED_CHARS = 300;
    /**
     * How long a command that has ended may keep its output open: a child it left behind (a
     * daemon that inherited the pipe) must not hold up the report.
     */
    private static final long END_OF_OUTPUT_MILLIS = 200;

    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private final CompletableFuture<Void> drained;

    CommandOutput(InputStream in, Executor executor) {
        drained = CompletableFuture.runAsync(() -> drain(in), executor);
    }

    private void drain(InputStream in) {
        byte[] chunk = new byte[512];
        try (in) {
            int n;
            while ((n = in.read(chunk)) >= 0) {
                synchronized (kept) {
                    kept.write(chunk, 0, Math.max(0, Math.min(n, KEPT_BYTES - kept.size())));
                }
            }
        } catch (IOException e) {
            // the process is gone or was stopped: what was read so far is all there is
        }
    }

    /** What was printed so far, on one line; waits briefly for the rest of it. */
    String text() {
        try {
            drained.get(END_OF_OUTPUT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // quoted as far as it was read
        }
        String text;
        synchronized (kept) {
            text = kept.toString(StandardCharsets.UTF_8);
        }
        return oneLine(text);
    }

    /** ": what it printed", or nothing when it printed nothing: the tail of a failure line. */
    String quote() {
        String text = text();
        return text.isEmpty() ? "" : ": " + text;
    }

    /** Lines joined with "; ", control characters dropped, cut to a length a status line can take. */
    static String oneLine(String text) {
        String joined = text.strip().replaceAll("\\s*\\R\\s*", "; ");
        StringBuilder line = new StringBuilder(Math.min(joined.length(), QUOTED_CHARS + 3));
        joined.codePoints().limit(QUOTED_CHARS)
                .forEach(c -> line.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
        return joined.codePointCount(0, joined.length()) > QUOTED_CHARS ? line.append("...").toString()
                : line.toString();
    }
}
