package com.example.vshutdown.master.internal.machine;

/** A shutdown record that is not exactly what a master writes: its message says where, in one line. */
public class CorruptRecordException extends Exception {
    private static final long serialVersionUID = 1L;

    public CorruptRecordException(String message) {
        super(message);
    }
}
