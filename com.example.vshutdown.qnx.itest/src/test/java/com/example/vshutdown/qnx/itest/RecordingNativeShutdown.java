package com.example.vshutdown.qnx.itest;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.example.vshutdown.spi.NativeShutdown;

/** The test's stand-in for the master's native shutdown: it records, it never stops anything. */
public final class RecordingNativeShutdown implements NativeShutdown {
    final List<String> calls = new CopyOnWriteArrayList<>();

    @Override
    public String description() {
        return "recording native shutdown (test)";
    }

    @Override
    public void shutdown() {
        calls.add("shutdown");
    }

    @Override
    public void reboot() {
        calls.add("reboot");
    }
}
