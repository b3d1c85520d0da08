package com.example.vshutdown.master.internal;

import java.time.Duration;

/**
 * How often the coordinator looks without being told: the safety re-read covers lost change
 * notifications (it is not the mechanism that detects acknowledgements), and the progress interval
 * paces the "still waiting" lines of a long wait.
 */
public record Timing(Duration safetyReread, Duration progressInterval) {
    public Timing {
        if (safetyReread.isNegative() || safetyReread.isZero()) {
            throw new IllegalArgumentException("safety re-read interval must be positive");
        }
        if (progressInterval.isNegative() || progressInterval.isZero()) {
            throw new IllegalArgumentException("progress interval must be positive");
        }
    }
}
