package com.example.vshutdown.agent.internal;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Captures what is logged while a piece of a test runs. slf4j-simple looks System.err up at every
 * line, so swapping it is enough; the lines still reach the real stderr for whoever reads the build.
 */
final class StderrCapture {
    interface Body {
        void run() throws Exception;
    }

    private StderrCapture() {
    }

    static String during(Body body) throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        OutputStream tee = new OutputStream() {
            @Override
            public void write(int b) {
                captured.write(b);
                original.write(b);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                captured.write(bytes, offset, length);
                original.write(bytes, offset, length);
            }
        };
        System.setErr(new PrintStream(tee, true, StandardCharsets.UTF_8));
        try {
            body.run();
        } finally {
            System.err.flush();
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    /** How many lines contain the text. */
    static long count(String log, String text) {
        return log.lines().filter(line -> line.contains(text)).count();
    }
}
