package com.example.vshutdown.systemtest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Measures, over real processes, files and netlink, the two latencies of issue 4 ({@link LatencyRounds});
 * the numbers go to stdout and to {@code target/latency.txt}, not into assertions (docs/PERFORMANCE.md).
 * What is judged is that every round completes: each request acted on, each acknowledgement seen.
 */
class LatencyIT {
    private static final int WARM_UP = 10;
    private static final int ROUNDS = 100;

    private LatencyRounds rounds;

    @BeforeEach
    void platform() throws Exception {
        rounds = LatencyRounds.start(WARM_UP, ROUNDS);
    }

    @AfterEach
    void tearDown() throws Exception {
        rounds.close();
    }

    @Test
    void fromARequestWrittenToTheAgentsNativeCommandStarting() throws Exception {
        Latencies latencies = rounds.requestToNativeCommand();
        assertEquals(ROUNDS, latencies.count());
        latencies.report();
    }

    @Test
    void fromRunningAdvancingToTheMasterSeeingTheAcknowledgement() throws Exception {
        Latencies latencies = rounds.runningToAcknowledgement();
        assertEquals(ROUNDS, latencies.count());
        latencies.report();
    }
}
