package com.example.vshutdown.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import com.example.vshutdown.api.ShutdownListener;
import com.example.vshutdown.api.ShutdownRequest;
import com.example.vshutdown.api.ShutdownResult;
import com.example.vshutdown.master.internal.Bindings;
import com.example.vshutdown.master.internal.Coordinator;
import com.example.vshutdown.master.internal.MasterSettings;
import com.example.vshutdown.protocol.VProperties;
import com.example.vshutdown.simulator.internal.GuestHost;
import com.example.vshutdown.simulator.internal.SimulatedPlatform;
import com.example.vshutdown.simulator.internal.SimulatorSpec;
import com.example.vshutdown.spi.NativeShutdown;
import com.example.vshutdown.spi.VPropertyProvider;

/**
 * Measures how the master waits, on the real coordinator and the real simulator (no framework):
 * (1) the time from the last acknowledgement (the hypervisor advancing the last running counter)
 * to the shutdown returning, with N domains that acknowledge at once; (2) the total time with N
 * domains that each take d ms, which should stay near d, not N·d. The safety re-read is set to a
 * minute so that only change notifications can end the wait in time.
 *
 * <p>Run it on the itest test classpath after {@code mvn -B -ntp -pl com.example.vshutdown.itest -am
 * package -DskipTests} (the exact commands are in docs/PERFORMANCE.md). Not a test: timing goals are
 * measured and written down, not asserted.
 */
public final class AcknowledgementLatency {
    /** The safety re-read and progress lines a minute apart, so that only notifications can end a wait in time. */
    static final Map<String, Object> QUIET = Map.of("safety.reread.ms", 60_000L, "progress.interval.ms", 60_000L);
    private static final int ROUNDS = 200;
    private static final int WARMUP = 50;

    private AcknowledgementLatency() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("## Last acknowledgement -> shutdown returned (" + ROUNDS + " rounds each, after "
                + WARMUP + " warm-up rounds)");
        System.out.println("| domains | median | p95 | worst |");
        System.out.println("|---|---|---|---|");
        for (int n : new int[] {1, 4, 16, 64}) {
            List<Long> micros = new ArrayList<>();
            for (int round = 0; round < WARMUP + ROUNDS; round++) {
                long latency = lastAckToReturnMicros(n);
                if (round >= WARMUP) {
                    micros.add(latency);
                }
            }
            Collections.sort(micros);
            System.out.printf("| %d | %s | %s | %s |%n", n, ms(micros.get(micros.size() / 2)),
                    ms(micros.get(micros.size() * 95 / 100)), ms(micros.get(micros.size() - 1)));
        }
        System.out.println();
        System.out.println("## Total time with N domains of d ms each (median of 10)");
        System.out.println("| domains | d | total (median) | N·d |");
        System.out.println("|---|---|---|---|");
        for (int d : new int[] {200}) {
            for (int n : new int[] {1, 4, 16, 64}) {
                List<Long> totals = new ArrayList<>();
                for (int round = 0; round < 10; round++) {
                    totals.add(totalMillis(n, d));
                }
                Collections.sort(totals);
                System.out.printf("| %d | %d ms | %d ms | %d ms |%n", n, d, totals.get(totals.size() / 2), n * d);
            }
        }
    }

    /** N domains that acknowledge at once: microseconds from the last counter change to the return. */
    private static long lastAckToReturnMicros(int n) throws Exception {
        try (SimulatedPlatform platform = start(domains(n, 0))) {
            AtomicLong lastAck = new AtomicLong();
            // registered before the coordinator's own subscription, so it sees each change first
            var stamp = platform.subscribe(name -> {
                if (name.isPresent() && VProperties.domainOfRunning(name.get()).isPresent()) {
                    lastAck.set(System.nanoTime());
                }
            });
            ShutdownResult result;
            long returned;
            try (Coordinator coordinator = coordinator(platform)) {
                result = coordinator.run(ShutdownRequest.systemWide());
                returned = System.nanoTime();
            }
            long acked = lastAck.get();
            stamp.close();
            check(result, n);
            // no stamp yet: the master read the new counter before its notification was delivered
            return acked == 0 ? 0 : Math.max(0, (returned - acked) / 1_000);
        }
    }

    private static long totalMillis(int n, int d) throws Exception {
        try (SimulatedPlatform platform = start(domains(n, d))) {
            ShutdownResult result;
            long took;
            try (Coordinator coordinator = coordinator(platform)) {
                long start = System.nanoTime();
                result = coordinator.run(ShutdownRequest.systemWide());
                took = (System.nanoTime() - start) / 1_000_000;
            }
            check(result, n);
            return took;
        }
    }

    /**
     * The simulated platform with a stand-in for the guests' agents, which are not what is measured:
     * each guest is asked on the simulator's notifier thread as soon as the master writes its request.
     */
    static SimulatedPlatform start(String domains) throws Exception {
        AtomicReference<SimulatedPlatform> started = new AtomicReference<>();
        SimulatedPlatform platform = SimulatedPlatform.create(SimulatorSpec.parse(domains), new GuestHost() {
            @Override
            public void agentStarts(int domain, NativeShutdown guest) {
                Optional<String> request = Optional.of(VProperties.requested(domain));
                started.get().subscribe(name -> {
                    if (name.equals(request)) {
                        try {
                            guest.shutdown();
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }
                });
            }

            @Override
            public void agentEnds(int domain, NativeShutdown guest) {
            }
        });
        started.set(platform);
        platform.startGuests();
        return platform;
    }

    private static Coordinator coordinator(SimulatedPlatform platform) {
        return coordinator(platform, MasterSettings.resolve(QUIET, name -> null));
    }

    /** The real coordinator on the simulator, with the given settings and a native shutdown that does nothing. */
    static Coordinator coordinator(SimulatedPlatform platform, MasterSettings settings) {
        NativeShutdown recording = new NativeShutdown() {
            @Override
            public String description() {
                return "benchmark: does nothing";
            }

            @Override
            public void shutdown() {
            }

            @Override
            public void reboot() {
            }
        };
        Bindings bindings = new Bindings() {
            @Override
            public Optional<VPropertyProvider> provider() {
                return Optional.of(platform);
            }

            @Override
            public boolean simulated(VPropertyProvider provider) {
                return true; // the simulator: no machine-wide lock, no record in /var/lib/vshutdown
            }

            @Override
            public Optional<NativeShutdown> nativeShutdown() {
                return Optional.of(recording);
            }

            @Override
            public Optional<String> configurationFault() {
                return Optional.empty();
            }

            @Override
            public List<ShutdownListener> listeners() {
                return List.of();
            }
        };
        return new Coordinator(bindings, settings);
    }

    private static String domains(int n, int delayMillis) {
        StringJoiner joiner = new StringJoiner(",");
        for (int id = 1; id <= n; id++) {
            joiner.add(id + ":ok:" + delayMillis);
        }
        return joiner.toString();
    }

    private static void check(ShutdownResult result, int n) {
        if (result.outcome() != ShutdownResult.Outcome.COMPLETED || result.domains().size() != n) {
            throw new IllegalStateException("unexpected result: " + result);
        }
    }

    private static String ms(long micros) {
        return String.format("%.2f ms", micros / 1000.0);
    }
}
