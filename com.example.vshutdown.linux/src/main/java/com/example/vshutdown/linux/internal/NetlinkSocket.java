package com.example.vshutdown.linux.internal;

import java.io.IOException;
import java.util.Arrays;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;

/**
 * A raw netlink socket bound to one multicast group, through libc by JNA: Java 17 has no netlink
 * sockets of its own.
 *
 * <p>Threads: one thread receives; any thread may {@link #wake()} it. Closing the file descriptor
 * does not wake a thread blocked in {@code recv} on Linux, and netlink sockets have no
 * {@code shutdown}, so the receiver is woken by a message sent to the socket's own port id, and a
 * receive time-out bounds the wait should that message be lost. Only the receiving thread closes
 * the descriptor, once it has stopped receiving, so the number can never be reused under it.
 */
final class NetlinkSocket {
    static final int AF_NETLINK = 16;
    static final int SOCK_RAW = 3;
    /** Native commands are started from this JVM: they must not inherit the socket. */
    static final int SOCK_CLOEXEC = 0x80000;
    static final int SOL_SOCKET = 1;
    static final int SO_RCVTIMEO = 20;
    static final int EINTR = 4;
    static final int EAGAIN = 11;
    /** The socket's receive buffer overflowed: notifications were lost. */
    static final int ENOBUFS = 105;
    /** Length of sockaddr_nl: family (2), pad (2), port id (4), groups (4). */
    static final int SOCKADDR_NL_LENGTH = 12;
    /** Multicast groups of a bind are a bit mask of 32. */
    static final int MAX_GROUP = 32;
    /** A netlink message header: length (4), type (2), flags (2), sequence (4), port id (4). */
    static final int NLMSG_HDRLEN = 16;
    static final short NLMSG_NOOP = 1;
    /** A wake-up must never block, even when the receiver's buffer is full. */
    static final int MSG_DONTWAIT = 0x40;

    /** The libc calls used; errno is captured by declaring {@link LastErrorException}. */
    interface LibC extends Library {
        int socket(int domain, int type, int protocol) throws LastErrorException;

        int bind(int fd, Pointer address, int length) throws LastErrorException;

        int getsockname(int fd, Pointer address, IntByReference length) throws LastErrorException;

        int setsockopt(int fd, int level, int name, Pointer value, int length) throws LastErrorException;

        NativeLong recv(int fd, Pointer buffer, NativeLong length, int flags) throws LastErrorException;

        NativeLong sendto(int fd, Pointer buffer, NativeLong length, int flags, Pointer address, int addressLength)
                throws LastErrorException;

        int close(int fd) throws LastErrorException;
    }

    /** Loaded on first use, so that a missing JNA native library fails where it can be reported. */
    private static final class Holder {
        static final LibC C = Native.load(Platform.C_LIBRARY_NAME, LibC.class);
    }

    /** What one receive gave. */
    enum Outcome { MESSAGE, TIMED_OUT, OVERRUN }

    private final int fd;
    private final int portId;
    private final String description;
    private final Memory buffer = new Memory(16384);
    private int received;
    /** Guards the descriptor between a waking thread and the closing receiver: a closed number may be reused. */
    private final Object descriptor = new Object();
    private boolean closed;

    private NetlinkSocket(int fd, int portId, String description) {
        this.fd = fd;
        this.portId = portId;
        this.description = description;
    }

    /**
     * Opens a netlink socket of the protocol and binds it to the multicast group.
     *
     * @param receiveTimeoutMillis how long one {@link #receive()} blocks at most
     * @throws IOException with errno's text when the kernel refuses (protocol unknown, no right to
     *         listen to the group)
     */
    static NetlinkSocket open(int protocol, int group, long receiveTimeoutMillis) throws IOException {
        if (group < 1 || group > MAX_GROUP) {
            throw new IllegalArgumentException("netlink group must be 1.." + MAX_GROUP + ": " + group);
        }
        String description = "netlink protocol " + protocol + " group " + group;
        LibC c = libc();
        int fd;
        try {
            fd = c.socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, protocol);
        } catch (LastErrorException e) {
            throw failure("cannot open a " + description + " socket", e);
        }
        try {
            c.bind(fd, address(0, 1 << (group - 1)), SOCKADDR_NL_LENGTH);
            Memory timeout = new Memory(2L * NativeLong.SIZE);
            timeout.clear();
            // struct timeval: seconds and microseconds, each a C long
            setLong(timeout, 0, receiveTimeoutMillis / 1000);
            setLong(timeout, NativeLong.SIZE, (receiveTimeoutMillis % 1000) * 1000);
            c.setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, timeout, (int) timeout.size());
            Memory bound = new Memory(SOCKADDR_NL_LENGTH);
            IntByReference length = new IntByReference(SOCKADDR_NL_LENGTH);
            c.getsockname(fd, bound, length);
            return new NetlinkSocket(fd, bound.getInt(4), description);
        } catch (LastErrorException e) {
            closeQuietly(c, fd);
            throw failure("cannot listen to " + description, e);
        }
    }

    /** libc through JNA; a JNA that cannot load its native part becomes an IOException to report. */
    static LibC libc() throws IOException {
        try {
            return Holder.C;
        } catch (LinkageError e) {
            throw new IOException("JNA cannot reach libc on this platform: " + e, e);
        }
    }

    /** A sockaddr_nl. */
    static Memory address(int portId, int groups) {
        Memory address = new Memory(SOCKADDR_NL_LENGTH);
        address.clear();
        address.setShort(0, (short) AF_NETLINK);
        address.setInt(4, portId);
        address.setInt(8, groups);
        return address;
    }

    String description() {
        return description;
    }

    /**
     * Waits for one datagram, at most the receive time-out. Only the receiving thread calls this.
     *
     * @throws IOException for any error other than a time-out, an interrupted call or an overrun
     */
    Outcome receive() throws IOException {
        while (true) {
            try {
                received = (int) Math.min(buffer.size(),
                        Holder.C.recv(fd, buffer, new NativeLong(buffer.size()), 0).longValue());
                return Outcome.MESSAGE;
            } catch (LastErrorException e) {
                switch (e.getErrorCode()) {
                case EINTR:
                    continue;
                case EAGAIN:
                    return Outcome.TIMED_OUT;
                case ENOBUFS:
                    return Outcome.OVERRUN;
                default:
                    throw failure("receiving from " + description + " failed", e);
                }
            }
        }
    }

    /** The bytes of the datagram the last {@link #receive()} returned. */
    byte[] message() {
        return received <= 0 ? new byte[0] : Arrays.copyOf(buffer.getByteArray(0, received), received);
    }

    /**
     * Sends a no-op message to this socket's own port, which ends a blocked {@link #receive()}. It
     * does not wait for room in the buffer: a full buffer has messages that end the receive anyway.
     */
    boolean wake() {
        Memory message = new Memory(NLMSG_HDRLEN);
        message.clear();
        message.setInt(0, NLMSG_HDRLEN);
        message.setShort(4, NLMSG_NOOP);
        synchronized (descriptor) {
            if (closed) {
                return false;
            }
            try {
                Holder.C.sendto(fd, message, new NativeLong(NLMSG_HDRLEN), MSG_DONTWAIT, address(portId, 0),
                        SOCKADDR_NL_LENGTH);
                return true;
            } catch (LastErrorException e) {
                return false;
            }
        }
    }

    /** Only by the receiving thread, after its last receive. */
    void close() {
        synchronized (descriptor) {
            if (!closed) {
                closed = true;
                closeQuietly(Holder.C, fd);
            }
        }
    }

    private static void closeQuietly(LibC c, int fd) {
        try {
            c.close(fd);
        } catch (LastErrorException e) {
            // nothing left to release: the descriptor is gone either way on Linux
        }
    }

    private static void setLong(Memory memory, long offset, long value) {
        if (NativeLong.SIZE == 8) {
            memory.setLong(offset, value);
        } else {
            memory.setInt(offset, (int) value);
        }
    }

    private static IOException failure(String what, LastErrorException e) {
        return new IOException(what + ": " + e.getMessage(), e);
    }
}
