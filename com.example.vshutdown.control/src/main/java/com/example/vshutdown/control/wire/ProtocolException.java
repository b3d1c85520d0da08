package com.example.vshutdown.control.wire;

import java.io.IOException;

/** The other side broke the control protocol: a bad preface, a frame too long or out of place. */
public final class ProtocolException extends IOException {
    private static final long serialVersionUID = 1L;

    public ProtocolException(String message) {
        super(message);
    }
}
