package com.example.vshutdown.simulator.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A guest host that records when the platform starts and ends its guests' agents, in order. */
final class RecordingHost implements GuestHost {
    final List<String> events = new CopyOnWriteArrayList<>();

    @Override
    public void agentStarts(GuestOs guest) {
        events.add("starts " + guest.spec().id());
    }

    @Override
    public void agentEnds(GuestOs guest) {
        events.add("ends " + guest.spec().id());
    }
}
