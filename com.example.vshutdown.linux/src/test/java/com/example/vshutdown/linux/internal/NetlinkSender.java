package com.example.vshutdown.linux.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.NativeLong;

/**
 * Sends netlink multicast messages as the vproperty driver would, for tests: a real kernel socket
 * of NETLINK_USERSOCK, through the provider's own libc binding.
 */
final class NetlinkSender implements AutoCloseable {
    private static final int ECONNREFUSED = 111;
    private static final int NOTIFICATION_TYPE = 0x10;

    private final NetlinkSocket.LibC c;
    private final int fd;
    private final int group;

    NetlinkSender(int protocol, int group) throws IOException {
        this.c = NetlinkSocket.libc();
        this.group = group;
        this.fd = c.socket(NetlinkSocket.AF_NETLINK, NetlinkSocket.SOCK_RAW | NetlinkSocket.SOCK_CLOEXEC, protocol);
    }

    /** A group few other tests on this machine use at the same moment: notifications are only hints, but fewer is clearer. */
    static int someGroup() {
        return ThreadLocalRandom.current().nextInt(2, NetlinkSocket.MAX_GROUP + 1);
    }

    /** One netlink message whose payload is the name and a NUL, as nlmsg_put and a C string give it. */
    void sendName(String name) {
        byte[] payload = (name + "\0").getBytes(StandardCharsets.US_ASCII);
        sendRaw(message(NOTIFICATION_TYPE, payload));
    }

    static byte[] message(int type, byte[] payload) {
        int length = NetlinkSocket.NLMSG_HDRLEN + payload.length;
        ByteBuffer buffer = ByteBuffer.allocate((length + 3) & ~3).order(ByteOrder.nativeOrder());
        buffer.putInt(length).putShort((short) type).putShort((short) 0).putInt(0).putInt(0).put(payload);
        return buffer.array();
    }

    /** A datagram as it is, to the group. */
    void sendRaw(byte[] datagram) {
        Memory memory = new Memory(Math.max(1, datagram.length));
        memory.write(0, datagram, 0, datagram.length);
        try {
            c.sendto(fd, memory, new NativeLong(datagram.length), 0, NetlinkSocket.address(0, 1 << (group - 1)),
                    NetlinkSocket.SOCKADDR_NL_LENGTH);
        } catch (LastErrorException e) {
            // The multicast is delivered first; the unicast to the kernel's port 0 that follows is
            // refused for NETLINK_USERSOCK, which has no kernel socket.
            if (e.getErrorCode() != ECONNREFUSED) {
                throw e;
            }
        }
    }

    @Override
    public void close() {
        c.close(fd);
    }
}
