package com.example.vshutdown.control.internal;

import java.io.IOException;
import java.io.OutputStream;

import com.example.vshutdown.control.wire.Frames;

/**
 * One of a line's output streams, sent to the client as frames of one type as it is written. Wrap it
 * in a buffered, auto-flushing {@code PrintStream}: each line then travels as one frame, and a
 * client that has gone away fails only this stream's writes, which {@code PrintStream} keeps from the
 * command.
 */
final class FrameOutputStream extends OutputStream {
    private final Frames frames;
    private final byte type;

    FrameOutputStream(Frames frames, byte type) {
        this.frames = frames;
        this.type = type;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        frames.write(type, bytes, offset, length);
    }
}
