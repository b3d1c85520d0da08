package com.example.vshutdown.systemtest;

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

import com.example.vshutdown.protocol.VProperties;
import com.example.vshutdown.systemtest.Hypervisor.Guest;

/**
 * The two latencies of issue 4 over real processes, files and netlink, measured round by round on a
 * platform with the master's domain 0 and one slave (domain 1) whose agent only records each
 * request; each request is a reboot ({@code running + 2}), so the domain is running again for the
 * next one. Shared by {@link LatencyIT} (which judges that every round completes) and
 * {@link LatencyBenchmark} (which only reports); a round that does not complete within its bound
 * throws, naming what was seen.
 */
final class LatencyRounds implements AutoCloseable {
    static final Duration ROUND_BOUND = Duration.ofSeconds(20);

    private final Hypervisor hypervisor;
    private final int warmUp;
    private final int rounds;

    private LatencyRounds(Hypervisor hypervisor, int warmUp, int rounds) {
        this.hypervisor = hypervisor;
        this.warmUp = warmUp;
        this.rounds = rounds;
    }

    /** Starts the platform and the slave's agent, and waits until it listens to notifications. */
    static LatencyRounds start(int warmUp, int rounds) throws Exception {
        Hypervisor hypervisor = Hypervisor.start();
        try {
            hypervisor.domain(0, 1);
            hypervisor.domain(1, 1);
            Jvm agent = hypervisor.boot(1, Guest.RECORDS_ONLY);
            if (!agent.stderr().contains("Listening to vproperty change notifications on netlink")) {
                throw new AssertionError("the agent does not listen to netlink: " + agent.describe());
            }
            return new LatencyRounds(hypervisor, warmUp, rounds);
        } catch (Exception | Error e) {
            hypervisor.close();
            throw e;
        }
    }

    /**
     * From the request written (exactly as the master's provider writes it: one write of the value
     * and a newline) to the first line of the agent's native command running: the hypervisor's
     * inotify and netlink notification, the agent's provider, check and status write, and the start
     * of the command's process.
     */
    Latencies requestToNativeCommand() throws Exception {
        Latencies latencies = new Latencies("request written → agent's native command started");
        Path requested = hypervisor.prop.resolve(VProperties.requested(1));
        for (int round = 0; round < warmUp + rounds; round++) {
            long request = hypervisor.running(1) + 2;
            long written = Hypervisor.nowMicros();
            Files.writeString(requested, request + "\n");
            if (!hypervisor.awaitRunning(1, request, ROUND_BOUND)) {
                throw new AssertionError("round " + request + " not acknowledged: "
                        + String.join("\n", hypervisor.journal()) + "\n" + hypervisor.agent(1).describe());
            }
            if (round >= warmUp) {
                latencies.add(hypervisor.nativeStarts(1).get(round) - written);
            }
        }
        return latencies;
    }

    /**
     * From the running counter reaching the requested value (the hypervisor's atomic replacement of
     * the file) to the master's one-shot app printing the acknowledgement, as read from the app's
     * stdout: the netlink notification, the master's provider and re-read, and the output. One app
     * runs every round as one command line of {@code vshutdown -r 1} commands.
     */
    Latencies runningToAcknowledgement() throws Exception {
        int commands = warmUp + rounds;
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
            if (!master.waitFor(ROUND_BOUND.toMillis() * commands / 10, TimeUnit.MILLISECONDS)) {
                throw new AssertionError("the master did not finish: " + String.join("\n", output));
            }
            reader.join(ROUND_BOUND.toMillis());
        } finally {
            master.destroyForcibly();
        }
        String describe = String.join("\n", output) + "\n" + Files.readString(err);
        List<long[]> starts = hypervisor.advances(1).stream().filter(a -> a[0] % 2 == 1).toList();
        if (master.exitValue() != 0 || acknowledgements.size() != commands || starts.size() != commands) {
            throw new AssertionError("exit status " + master.exitValue() + ", " + acknowledgements.size()
                    + " acknowledgements and " + starts.size() + " advances of " + commands + ":\n" + describe);
        }
        Latencies latencies = new Latencies("running advanced → master printed the acknowledgement");
        for (int round = warmUp; round < commands; round++) {
            latencies.add(acknowledgements.get(round)[1] - starts.get(round)[1]);
        }
        return latencies;
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

    @Override
    public void close() throws Exception {
        hypervisor.close();
    }
}
