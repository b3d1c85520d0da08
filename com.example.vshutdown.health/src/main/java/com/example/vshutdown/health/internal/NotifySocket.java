package com.example.vshutdown.health.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * The service manager's notification socket (sd_notify(3)): one datagram per message, sent to the
 * AF_UNIX datagram socket that {@code NOTIFY_SOCKET} names (a path, or an abstract name after
 * '@'). Java 17 has Unix domain stream sockets only, so the datagram goes through libc with JNA,
 * which the platform bundles already bring. A process of its own ({@code systemd-notify}) would need
 * {@code NotifyAccess=all} and races its own exit: systemd may no longer know which unit it belongs
 * to when it reads the message.
 */
final class NotifySocket {
    private static final int AF_UNIX = 1;
    private static final int SOCK_DGRAM = 2;
    private static final int SOCK_CLOEXEC = 0x80000;
    /** sizeof(sockaddr_un.sun_path) on Linux. */
    private static final int PATH_MAX = 108;

    /** The three libc calls, nothing else. */
    interface LibC extends Library {
        int socket(int domain, int type, int protocol) throws LastErrorException;

        int sendto(int fd, byte[] buffer, long length, int flags, byte[] address, int addressLength)
                throws LastErrorException;

        int close(int fd) throws LastErrorException;
    }

    private final String name;
    private final byte[] address;

    private NotifySocket(String name, byte[] address) {
        this.name = name;
        this.address = address;
    }

    /** The socket that {@code value} (of NOTIFY_SOCKET) names; a one-line refusal if it is not one. */
    static NotifySocket of(String value) {
        if (value == null || value.isEmpty() || !(value.startsWith("/") || value.startsWith("@"))) {
            throw new IllegalArgumentException("NOTIFY_SOCKET '" + value + "' is neither a path nor an abstract name");
        }
        byte[] path = value.getBytes(StandardCharsets.UTF_8);
        if (path.length >= PATH_MAX) {
            throw new IllegalArgumentException("NOTIFY_SOCKET '" + value + "' is longer than a socket address");
        }
        if (path[0] == '@') {
            path[0] = 0; // the abstract namespace: a leading NUL, and no terminating one
        }
        // sockaddr_un: sa_family_t (two bytes, native order), then the path; a path address ends with NUL
        int length = 2 + path.length + (path[0] == 0 ? 0 : 1);
        ByteBuffer address = ByteBuffer.allocate(length).order(ByteOrder.nativeOrder());
        address.putShort((short) AF_UNIX).put(path);
        return new NotifySocket(value, address.array());
    }

    /** Sends one message (lines {@code KEY=value}); an error says which socket and why. */
    void send(String message) throws IOException {
        LibC libc = Native.load("c", LibC.class);
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        int fd;
        try {
            fd = libc.socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        } catch (LastErrorException e) {
            throw new IOException("cannot open a datagram socket for " + name + ": errno " + e.getErrorCode(), e);
        }
        try {
            libc.sendto(fd, bytes, bytes.length, 0, address, address.length);
        } catch (LastErrorException e) {
            throw new IOException("cannot notify " + name + ": errno " + e.getErrorCode(), e);
        } finally {
            libc.close(fd);
        }
    }
}
