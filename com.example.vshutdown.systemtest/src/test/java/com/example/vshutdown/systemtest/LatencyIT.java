package com.example.vshutdown.systemtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.example.vshutdown.protocol.VProperties;
import com.example.vshutdown.systemtest.Hypervisor.Guest;

/**
 * Measures, over real processes, files and netlink, the two latencies of issue 4; the numbers go to
 * stdout and to {@code target/latency.txt}, not into assertions (docs/PERFORMANCE.md). The guest
 * only records each request, so one agent JVM serves every round; each request is a reboot
 * ({@code running + 2}), so the domain is running again for the next one.
 */
class LatencyIT {
    private static final int WARM_UP = 10;
    private static final int ROUNDS = 100;
    private static final Duration ROUND_BOUND = Duration.ofSeconds(20);

    private Hypervisor hypervisor;

    @BeforeEach
    void platform() throws Exception {
        hypervisor = Hypervisor.start();
        hypervisor.domain(0, 1);
        hypervisor.domain(1, 1);
        Jvm agent = hypervisor.boot(1, Guest.RECORDS_ONLY);
        assertTrue(agent.stderr().contains("Listening to vproperty change notifications on netlink"), agent::describe);
    }

    @AfterEach
    void tearDown() throws Exception {
        hypervisor.close();
    }

    /**
     * From the request written (here by the test, exactly as the master's provider writes it: one
     * write of the value and a newline) to the first line of the agent's native command running:
     * the hypervisor's inotify and netlink notification, the agent's provider, check and status
     * write, and the start of the command's process.
     */
    @Test
    void fromARequestWrittenToTheAgentsNativeCommandStarting() throws Exception {
        Latencies latencies = new Latencies("request written → agent's native command started");
        Path requested = hypervisor.prop.resolve(VProperties.requested(1));
        for (int round = 0; round < WARM_UP + ROUNDS; round++) {
            long request = hypervisor.running(1) + 2;
            long written = Hypervisor.nowMicros();
            Files.writeString(requested, request + "\n");
            assertTrue(hypervisor.awaitRunning(1, request, ROUND_BOUND), () -> "round " + request + " not acknowledged: "
                    + String.join("\n", hypervisor.journal()) + "\n" + hypervisor.agent(1).describe());
            if (round >= WARM_UP) {
                latencies.add(hypervisor.nativeStarts(1).get(round) - written);
            }
        }
        assertEquals(ROUNDS, latencies.count());
        latencies.report();
    }

    /**
     * From the running counter reaching the requested value (the hypervisor's atomic replacement of
     * the file) to the master's one-shot app printing the acknowledgement, as the test reads it from
     * the app's stdout: the netlink notification, the master's provider and re-read, and the output.
     * One app runs every round as one command line of {@code vshutdown -r 1} commands.
     */
    @Test
    void fromRunningAdvancingToTheMasterSeeingTheAcknowledgement() throws Exception {
        int commands = WARM_UP + ROUNDS;
        String line = IntStream.range(0, commands).mapToObj(i -> "vshutdown -t 20000 -r 1")
                .collect(Collectors.joining(" ; "));
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(hypervisor.masterOptions());
        command.addAll(List.of("-jar", Jvm.jar("vshutdown.jar").toString(), line));
        Path err = hypervisor.logs.resolve("master.err");
        Process master = new ProcessBuilder(command).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        List<long[]> acknowledgements = Collections.synchronizedList(new ArrayList<>());
        List<String> output = Collections.synchronizedList(new ArrayList<>());
        Thread reader = new Thread(() -> read(master, acknowledgements, output), "master-stdout");
        reader.start();
        try {
            assertTrue(master.waitFor(ROUND_BOUND.toMillis() * commands / 10, TimeUnit.MILLISECONDS), "bounded");
            reader.join(ROUND_BOUND.toMillis());
        } finally {
            master.destroyForcibly();
        }
        String describe = String.join("\n", output) + "\n" + Files.readString(err);
        assertEquals(0, master.exitValue(), describe);
        List<long[]> starts = hypervisor.advances(1).stream().filter(a -> a[0] % 2 == 1).toList();
        assertEquals(commands, acknowledgements.size(), describe);
        assertEquals(commands, starts.size(), describe);
        Latencies latencies = new Latencies("running advanced → master printed the acknowledgement");
        for (int round = WARM_UP; round < commands; round++) {
            latencies.add(acknowledgements.get(round)[1] - starts.get(round)[1]);
        }
        latencies.report();
    }

    /** Time-stamps each acknowledgement line of the master as it arrives. */
    private static void read(Process master, List<long[]> acknowledgements, List<String> output) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(master.getInputStream(), StandardCharsets.UTF_8))) {
            String text;
            while ((text = in.readLine()) != null) {
                long arrived = Hypervisor.nowMicros();
                output.add(text);
                if (text.contains("] domain 1 acknowledged after")) {
                    acknowledgements.add(new long[] {acknowledgements.size(), arrived});
                }
            }
        } catch (IOException e) {
            output.add("reading failed: " + e);
        }
    }
}
