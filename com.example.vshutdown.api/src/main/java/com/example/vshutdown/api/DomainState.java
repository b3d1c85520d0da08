package com.example.vshutdown.api;

/** A domain's state as its running counter tells it. */
public enum DomainState {
    /** Odd running counter. */
    RUNNING,
    /** Even running counter. */
    STOPPED,
    /** The running counter holds a malformed value; the domain is left alone. */
    INVALID;

    /** The lower-case word used in listings. */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
