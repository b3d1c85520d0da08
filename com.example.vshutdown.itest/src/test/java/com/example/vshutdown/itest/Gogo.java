package com.example.vshutdown.itest;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;

/** Runs one command line through Gogo's CommandProcessor and keeps what it printed. */
final class Gogo {
    final String output;
    final Exception failure;

    private Gogo(String output, Exception failure) {
        this.output = output;
        this.failure = failure;
    }

    static Gogo run(CommandProcessor processor, String line) {
        return run(processor, line, Map.of());
    }

    /** Runs the line in a session that holds the given variables, as a console publishes its own. */
    static Gogo run(CommandProcessor processor, String line, Map<String, Object> variables) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Exception failure = null;
        try (CommandSession session = processor.createSession(new ByteArrayInputStream(new byte[0]), out, out)) {
            variables.forEach(session::put);
            Object result = session.execute(line);
            if (result != null) {
                out.println(session.format(result, org.apache.felix.service.command.Converter.INSPECT));
            }
        } catch (Exception e) {
            failure = e;
        }
        out.flush();
        return new Gogo(bytes.toString(StandardCharsets.UTF_8), failure);
    }
}
