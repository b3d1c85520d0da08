package com.example.vshutdown.master.internal.commands;

import java.io.PrintStream;

import com.example.vshutdown.api.ShutdownEvent;
import com.example.vshutdown.api.ShutdownListener;
import com.example.vshutdown.api.ShutdownRequest;
import com.example.vshutdown.master.internal.TextFormat;

/**
 * Prints the steps of one shutdown as they happen. It is registered as a whiteboard listener only
 * while its command runs, and follows only the request its command submitted.
 */
final class ProgressPrinter implements ShutdownListener {
    private final PrintStream out;
    private volatile ShutdownRequest followed;

    ProgressPrinter(PrintStream out) {
        this.out = out;
    }

    void follow(ShutdownRequest request) {
        this.followed = request;
    }

    @Override
    public void onEvent(ShutdownEvent event) {
        if (event.request() != followed || event.type() == ShutdownEvent.Type.FINISHED) {
            return;
        }
        out.println(TextFormat.progressLine(event));
        out.flush();
    }
}
