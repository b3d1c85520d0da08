package com.example.vshutdown.systemtest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * The hypervisor's side of the vproperty driver's notifications: a real kernel netlink socket of
 * NETLINK_USERSOCK that multicasts one message per changed property, a netlink header followed by
 * the property's name as a C string (what a kernel driver's {@code nlmsg_put} gives).
 */
final class NetlinkMulticast implements AutoCloseable {
    static final int NETLINK_USERSOCK = 2;
    private static final int AF_NETLINK = 16;
    private static final int SOCK_RAW = 3;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int ECONNREFUSED = 111;
    private static final int NLMSG_HDRLEN = 16;
    /** The first type that is not a netlink control message. */
    private static final short NOTIFICATION_TYPE = 0x10;

    interface LibC extends Library {
        int socket(int domain, int type, int protocol) throws LastErrorException;

        NativeLong sendto(int fd, Pointer buffer, NativeLong length, int flags, Pointer address, int addressLength)
                throws LastErrorException;

        int close(int fd) throws LastErrorException;
    }

    private static final LibC C = Native.load(Platform.C_LIBRARY_NAME, LibC.class);

    private final int fd;
    private final Memory group;
    private int sequence;

    NetlinkMulticast(int group) throws IOException {
        try {
            fd = C.socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_USERSOCK);
        } catch (LastErrorException e) {
            throw new IOException("the test-side hypervisor cannot open a netlink socket: " + e.getMessage(), e);
        }
        this.group = new Memory(12);
        this.group.clear();
        this.group.setShort(0, (short) AF_NETLINK);
        this.group.setInt(8, 1 << (group - 1));
    }

    /** Tells every listener of the group that the property may have changed. */
    synchronized void send(String name) {
        byte[] payload = (name + "\0").getBytes(StandardCharsets.US_ASCII);
        int length = NLMSG_HDRLEN + payload.length;
        ByteBuffer message = ByteBuffer.allocate(length).order(ByteOrder.nativeOrder());
        message.putInt(length).putShort(NOTIFICATION_TYPE).putShort((short) 0).putInt(++sequence).putInt(0).put(payload);
        Memory memory = new Memory(length);
        memory.write(0, message.array(), 0, length);
        try {
            C.sendto(fd, memory, new NativeLong(length), 0, group, 12);
        } catch (LastErrorException e) {
            // The multicast goes out first; the unicast to the kernel's port 0 that the same call
            // then tries is refused for NETLINK_USERSOCK, which has no kernel socket.
            if (e.getErrorCode() != ECONNREFUSED) {
                throw e;
            }
        }
    }

    @Override
    public void close() {
        C.close(fd);
    }
}
