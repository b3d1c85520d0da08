package com.example.vshutdown.support.listeners;

import java.util.Optional;

import com.example.vshutdown.spi.VPropertyListener;

/** The {@link VPropertyListener}s of one provider: what every provider's {@code subscribe} hands out. */
public final class VPropertyListeners extends ListenerList<VPropertyListener> {
    /** Tells every subscriber; empty means "something may have changed: re-read everything". */
    public void changed(Optional<String> name) {
        tell(listener -> listener.changed(name), name.map(n -> "the change of " + n).orElse("a hint to re-read"));
    }
}
