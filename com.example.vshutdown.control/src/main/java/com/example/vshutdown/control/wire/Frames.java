package com.example.vshutdown.control.wire;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.charset.StandardCharsets;

/**
 * Both ends of the control protocol (see the package documentation) over one connection: one
 * thread reads, any thread writes. It works on the channel itself, not on streams made from it: a
 * channel's stream holds the channel's lock while it blocks in a read, so a reader waiting for the
 * next Ctrl-C would keep the line's output from being written.
 */
public final class Frames {
    /** The protocol version this side speaks. */
    public static final int VERSION = 1;
    /** Where the master service listens unless configured otherwise. */
    public static final String DEFAULT_SOCKET = "/run/vshutdown/control.sock";
    /** The framework (service) or system (client) property that sets another socket path. */
    public static final String SOCKET_PROPERTY = "vshutdown.control.socket";

    public static final byte LINE = 'L';
    public static final byte CANCEL = 'C';
    public static final byte STDOUT = 'O';
    public static final byte STDERR = 'E';
    public static final byte EXIT = 'X';
    /** The longest payload of one frame; longer output goes in several. */
    public static final int MAX_PAYLOAD = 64 * 1024;

    private static final byte[] MAGIC = {'V', 'S', 'D'};
    private static final int HEADER = 1 + Integer.BYTES;

    private final ByteChannel channel;

    public Frames(ByteChannel channel) {
        this.channel = channel;
    }

    /** Sends this side's preface: the first bytes of every connection, in each direction. */
    public synchronized void sendPreface() throws IOException {
        ByteBuffer preface = ByteBuffer.allocate(MAGIC.length + 1).put(MAGIC).put((byte) VERSION);
        writeFully(preface.flip());
    }

    /**
     * Reads the other side's preface.
     *
     * @return the version the other side speaks
     * @throws ProtocolException if the bytes are not a preface of this protocol
     * @throws EOFException if the connection ends first
     */
    public int receivePreface() throws IOException {
        ByteBuffer preface = ByteBuffer.allocate(MAGIC.length + 1);
        if (!readFully(preface)) {
            throw new EOFException("the connection ended before its preface");
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (preface.get(i) != MAGIC[i]) {
                throw new ProtocolException("not a vshutdown control connection (no 'VSD' preface)");
            }
        }
        return Byte.toUnsignedInt(preface.get(MAGIC.length));
    }

    /**
     * The next frame, or null where the connection ends between frames.
     *
     * @throws ProtocolException for a length out of range
     * @throws EOFException where the connection ends inside a frame
     */
    public Frame read() throws IOException {
        ByteBuffer header = ByteBuffer.allocate(HEADER);
        if (!readFully(header)) {
            return null;
        }
        byte type = header.get(0);
        int length = header.getInt(1);
        if (length < 0 || length > MAX_PAYLOAD) {
            throw new ProtocolException("a frame of " + Integer.toUnsignedString(length) + " bytes, more than "
                    + MAX_PAYLOAD);
        }
        ByteBuffer payload = ByteBuffer.allocate(length);
        if (length > 0 && !readFully(payload)) {
            throw new EOFException("the connection ended inside a frame");
        }
        return new Frame(type, payload.array());
    }

    /** Writes {@code length} bytes as frames of {@code type}, several if they are long; none if empty. */
    public synchronized void write(byte type, byte[] bytes, int offset, int length) throws IOException {
        for (int at = offset; at < offset + length; at += MAX_PAYLOAD) {
            int chunk = Math.min(MAX_PAYLOAD, offset + length - at);
            writeFully(ByteBuffer.allocate(HEADER + chunk).put(type).putInt(chunk).put(bytes, at, chunk).flip());
        }
    }

    /**
     * Writes the command line, which must fit in one frame: a line cut into several would arrive as
     * its first part, and run as that.
     *
     * @throws ProtocolException if it is longer than {@value #MAX_PAYLOAD} bytes; nothing is written
     */
    public void writeLine(String line) throws IOException {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_PAYLOAD) {
            throw new ProtocolException("the command line is " + bytes.length + " bytes long, more than the "
                    + MAX_PAYLOAD + " one line may have");
        }
        write(LINE, bytes, 0, bytes.length);
    }

    /** Writes one frame without payload ({@code C}). */
    public synchronized void write(byte type) throws IOException {
        writeFully(ByteBuffer.allocate(HEADER).put(type).putInt(0).flip());
    }

    /** Writes text as UTF-8. */
    public void write(byte type, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        write(type, bytes, 0, bytes.length);
    }

    /** Writes the exit status, the service's last frame. */
    public synchronized void writeStatus(int status) throws IOException {
        writeFully(ByteBuffer.allocate(HEADER + Integer.BYTES).put(EXIT).putInt(Integer.BYTES).putInt(status).flip());
    }

    private void writeFully(ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /** Fills the buffer; false if the connection ended before its first byte. */
    private boolean readFully(ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                if (buffer.position() == 0) {
                    return false;
                }
                throw new EOFException("the connection ended inside a frame");
            }
        }
        return true;
    }
}
