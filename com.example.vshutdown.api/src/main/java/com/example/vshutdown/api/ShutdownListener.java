package com.example.vshutdown.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard service: every registered listener is told each step of every shutdown, in order,
 * before the shutdown's promise resolves. Called on the shutdown's own thread, so a listener
 * returns quickly; an exception it throws is logged and ignored.
 */
@ConsumerType
@FunctionalInterface
public interface ShutdownListener {
    void onEvent(ShutdownEvent event);
}
