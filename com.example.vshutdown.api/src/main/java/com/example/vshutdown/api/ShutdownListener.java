package com.example.vshutdown.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard service: every registered listener is told each step of every shutdown, in order.
 *
 * <p>Events are delivered on a thread of the master, never on the thread that runs the shutdown:
 * each listener has a queue of its own, so a listener that is slow or blocks (a blocked output
 * pipe) delays only its own events, never the wait, its deadline or the other listeners. The
 * shutdown's promise resolves once {@link ShutdownEvent.Type#FINISHED} has been delivered to every
 * listener registered when it was sent, or 5 seconds after the shutdown ended, whichever comes
 * first; a listener that holds its thread longer is told the rest later. Whatever a listener
 * throws, an {@link Error} such as {@code NoClassDefFoundError} from a bundle being updated
 * included, is logged and changes nothing for the shutdown or the ones after it. A listener should
 * still return quickly: its own later events wait for it.
 */
@ConsumerType
@FunctionalInterface
public interface ShutdownListener {
    void onEvent(ShutdownEvent event);
}
