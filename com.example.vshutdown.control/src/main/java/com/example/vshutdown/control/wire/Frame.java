package com.example.vshutdown.control.wire;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One frame of the control protocol: its type (one of the constants of {@link Frames}) and payload.
 */
public record Frame(byte type, byte[] payload) {

    /** The payload as text: the line of an {@code L} frame, the output of {@code O} and {@code E}. */
    public String text() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    /**
     * The exit status of an {@code X} frame.
     *
     * @throws ProtocolException if the payload is not 4 bytes
     */
    public int status() throws ProtocolException {
        if (payload.length != Integer.BYTES) {
            throw new ProtocolException("an exit status frame of " + payload.length + " bytes, not " + Integer.BYTES);
        }
        return ByteBuffer.wrap(payload).getInt();
    }
}
