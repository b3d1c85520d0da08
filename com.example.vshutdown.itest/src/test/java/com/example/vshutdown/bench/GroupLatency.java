package com.example.vshutdown.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.concurrent.atomic.AtomicLong;

import com.example.vshutdown.api.ShutdownRequest;
import com.example.vshutdown.api.ShutdownResult;
import com.example.vshutdown.master.internal.Coordinator;
import com.example.vshutdown.master.internal.MasterSettings;
import com.example.vshutdown.protocol.VProperties;
import com.example.vshutdown.simulator.internal.SimulatedPlatform;
import com.example.vshutdown.spi.VPropertyProvider;

/**
 * Measures how soon the master asks the next group of its stop order once the group before it has
 * acknowledged, on the real coordinator and the real simulator (no framework): N domains in the
 * first group, one storage domain (99) in the second ({@code stop.order=*;99}). For each round,
 * the time from the simulator's notification of the last running-counter change of the first
 * group (a listener registered before the master's, so it sees each change first) to its
 * notification of the master's write of {@code nk.99.vm.state.requested}. The safety re-read is a
 * minute away: only notifications can make the next group be asked in time.
 *
 * <p>Run (see docs/PERFORMANCE.md): package the reactor (the master's jar embeds its support
 * classes), then run this class on the itest module's test classpath. Not a test: timing goals are
 * measured and written down, not asserted.
 */
public final class GroupLatency {
    private static final int ROUNDS = 200;
    private static final int WARMUP = 50;
    private static final int STORAGE = 99;

    private GroupLatency() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("## Last acknowledgement of a group -> next group asked (" + ROUNDS + " rounds each, after "
                + WARMUP + " warm-up rounds)");
        System.out.println("| domains in the first group | median | p95 | worst |");
        System.out.println("|---|---|---|---|");
        for (int n : new int[] {1, 4, 16, 64}) {
            List<Long> micros = new ArrayList<>();
            for (int round = 0; round < WARMUP + ROUNDS; round++) {
                long latency = lastAckToNextGroupMicros(n);
                if (round >= WARMUP) {
                    micros.add(latency);
                }
            }
            Collections.sort(micros);
            System.out.printf("| %d | %.2f ms | %.2f ms | %.2f ms |%n", n, micros.get(micros.size() / 2) / 1000.0,
                    micros.get(micros.size() * 95 / 100) / 1000.0, micros.get(micros.size() - 1) / 1000.0);
        }
    }

    private static long lastAckToNextGroupMicros(int n) throws Exception {
        try (SimulatedPlatform platform = AcknowledgementLatency.start(domains(n))) {
            AtomicLong lastAck = new AtomicLong();
            AtomicLong nextAsked = new AtomicLong();
            Optional<String> storageRequest = Optional.of(VProperties.requested(STORAGE));
            // registered before the coordinator's own subscription, so it sees each change first
            VPropertyProvider.Subscription stamp = platform.subscribe(name -> {
                if (name.equals(storageRequest)) {
                    nextAsked.compareAndSet(0, System.nanoTime());
                } else if (name.isPresent() && VProperties.domainOfRunning(name.get()).isPresent()
                        && VProperties.domainOfRunning(name.get()).getAsInt() != STORAGE && nextAsked.get() == 0) {
                    lastAck.set(System.nanoTime());
                }
            });
            Map<String, Object> settings = new HashMap<>(AcknowledgementLatency.QUIET);
            settings.put("stop.order", "*;" + STORAGE);
            ShutdownResult result;
            try (Coordinator coordinator = AcknowledgementLatency.coordinator(platform,
                    MasterSettings.resolve(settings, name -> null))) {
                result = coordinator.run(ShutdownRequest.systemWide());
            }
            stamp.close();
            if (result.outcome() != ShutdownResult.Outcome.COMPLETED || result.domains().size() != n + 1
                    || nextAsked.get() == 0) {
                throw new IllegalStateException("unexpected result: " + result);
            }
            return Math.max(0, (nextAsked.get() - lastAck.get()) / 1_000);
        }
    }

    /** N domains that go down at once when asked, and the storage domain. */
    private static String domains(int n) {
        StringJoiner joiner = new StringJoiner(",");
        for (int id = 1; id <= n; id++) {
            joiner.add(id + ":ok:0");
        }
        return joiner.add(STORAGE + ":ok:0").toString();
    }
}
