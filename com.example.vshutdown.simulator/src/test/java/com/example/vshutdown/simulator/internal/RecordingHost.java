package com.example.vshutdown.simulator.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.example.vshutdown.spi.NativeShutdown;

/** A guest host that records when the platform starts and ends its guests' agents, in order. */
final class RecordingHost implements GuestHost {
    final List<String> events = new CopyOnWriteArrayList<>();

    @Override
    public void agentStarts(int domain, NativeShutdown guest) {
        events.add("starts " + domain);
    }

    @Override
    public void agentEnds(int domain, NativeShutdown guest) {
        events.add("ends " + domain);
    }
}
