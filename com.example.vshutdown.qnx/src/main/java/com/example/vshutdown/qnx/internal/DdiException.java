package com.example.vshutdown.qnx.internal;

import java.io.IOException;
import java.util.Optional;

/**
 * A failed call into the ddi library. Its message names the call, the property (where there is
 * one), the return code with its meaning, the library's own error text and the library, because
 * whoever reads it (an operator, in the master's summary or a log) cannot look any of that up.
 */
public final class DdiException extends IOException {
    private static final long serialVersionUID = 1L;

    /** Return codes of vshutdown_ddi.h. */
    static final int OK = 0;
    static final int E_NOENT = -1;
    static final int E_RANGE = -2;
    static final int E_TIMEDOUT = -3;
    static final int E_INVAL = -4;
    static final int E_NOTSUP = -5;
    static final int E_ACCES = -6;
    static final int E_IO = -7;
    static final int E_STATE = -8;

    /** A pseudo code for failures found on the Java side: the library broke the header's contract. */
    static final int CONTRACT = Integer.MIN_VALUE;

    private final String call;
    private final transient Optional<String> property;
    private final int code;

    private DdiException(String message, String call, Optional<String> property, int code) {
        super(message);
        this.call = call;
        this.property = property;
        this.code = code;
    }

    /**
     * A call that returned an error code.
     *
     * @param property the property the call was about, or null
     * @param detail the library's vsd_last_error() text, possibly empty
     */
    static DdiException failed(String library, String call, String property, int code, String detail) {
        String text = detail == null || detail.isBlank() ? "" : ": " + oneLine(detail);
        return new DdiException(what(call, property) + " failed: " + codeName(code) + " (" + code + ")" + text
                + " [ddi library " + library + "]", call, Optional.ofNullable(property), code);
    }

    /** An answer that breaks the header's contract, such as a length past the buffer. */
    static DdiException malformed(String library, String call, String property, String problem) {
        return new DdiException(what(call, property) + " returned a malformed answer: " + problem
                + " [ddi library " + library + "]", call, Optional.ofNullable(property), CONTRACT);
    }

    /** A call not made: its argument breaks the header's rules (a NUL inside, too long). */
    static DdiException refused(String library, String call, String property, String problem) {
        return new DdiException(what(call, property) + " not called: " + problem + " [ddi library " + library + "]",
                call, Optional.ofNullable(property), E_INVAL);
    }

    /** The library cannot be used at all: not found, a symbol missing, a wrong ABI version. */
    static DdiException unusable(String message, String call) {
        return new DdiException(message, call, Optional.empty(), CONTRACT);
    }

    /** The function of vshutdown_ddi.h that failed. */
    public String call() {
        return call;
    }

    public Optional<String> property() {
        return property;
    }

    /** The return code, or {@link #CONTRACT} when the failure was found on the Java side. */
    public int code() {
        return code;
    }

    /** The symbolic name of a return code of vshutdown_ddi.h, as an operator would grep for it. */
    static String codeName(int code) {
        return switch (code) {
            case OK -> "VSD_OK";
            case E_NOENT -> "VSD_E_NOENT";
            case E_RANGE -> "VSD_E_RANGE";
            case E_TIMEDOUT -> "VSD_E_TIMEDOUT";
            case E_INVAL -> "VSD_E_INVAL";
            case E_NOTSUP -> "VSD_E_NOTSUP";
            case E_ACCES -> "VSD_E_ACCES";
            case E_IO -> "VSD_E_IO";
            case E_STATE -> "VSD_E_STATE";
            default -> "unknown return code";
        };
    }

    private static String what(String call, String property) {
        return property == null ? call + "()" : call + "(" + oneLine(property) + ")";
    }

    /** The library's text comes from outside: keep the message on one line and of sane length. */
    static String oneLine(String text) {
        String flat = text.replaceAll("[\\r\\n\\t]+", " ").strip();
        return flat.length() > 300 ? flat.substring(0, 300) + "..." : flat;
    }
}
