package com.example.vshutdown.systemtest;

/**
 * Runs the two latency measurements of {@link LatencyRounds} outside JUnit, for {@code bench/run}:
 * {@code java -cp <test classpath> -Dvshutdown.jar=... -Dvshutdown.agent.jar=...
 * com.example.vshutdown.systemtest.LatencyBenchmark [warm-up rounds] [rounds]}. Prints one table
 * row per measurement (median, p95, p99, worst); exit status 1 if a round did not complete.
 */
public final class LatencyBenchmark {
    private LatencyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int warmUp = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        try {
            try (LatencyRounds measured = LatencyRounds.start(warmUp, rounds)) {
                System.out.println(measured.requestToNativeCommand().row());
            }
            // a platform of its own, as in the test: each measurement starts from a fresh agent
            try (LatencyRounds measured = LatencyRounds.start(warmUp, rounds)) {
                System.out.println(measured.runningToAcknowledgement().row());
            }
        } catch (AssertionError e) {
            System.err.println(e.getMessage());
            System.exit(1);
        }
        System.exit(0);
    }
}
