package com.example.vshutdown.systemtest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Latencies in microseconds, summarised as the performance notes give them. */
final class Latencies {
    private final String what;
    private final List<Long> micros = new ArrayList<>();

    Latencies(String what) {
        this.what = what;
    }

    void add(long latencyMicros) {
        micros.add(latencyMicros);
    }

    int count() {
        return micros.size();
    }

    long percentile(double p) {
        List<Long> sorted = new ArrayList<>(micros);
        Collections.sort(sorted);
        return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(p / 100 * sorted.size()) - 1));
    }

    long median() {
        return percentile(50);
    }

    long worst() {
        return Collections.max(micros);
    }

    /** One table row: what | n | median | p95 | p99 | worst, in milliseconds. */
    String row() {
        return String.format(Locale.ROOT, "| %s | %d | %.2f ms | %.2f ms | %.2f ms | %.2f ms |", what, count(),
                median() / 1000.0, percentile(95) / 1000.0, percentile(99) / 1000.0, worst() / 1000.0);
    }

    /** Prints the row and appends it to the report file named by {@code vshutdown.latency.report}, if set. */
    void report() throws IOException {
        System.out.println(row());
        String file = System.getProperty("vshutdown.latency.report");
        if (file != null) {
            Files.writeString(Path.of(file), row() + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }
}
