package com.example.vshutdown.linux.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a datagram of the vproperty driver's netlink socket says. A notification is only a hint:
 * when its payload is a property name, listeners learn which property may have changed; any other
 * payload, or none, means "something may have changed" and they re-read all they care about. The
 * design (004) fixes no message format, so nothing here refuses a message: the worst a strange
 * one can cause is one re-read too many.
 *
 * <p>A datagram is read as a sequence of netlink messages (header, then payload) when its headers
 * are consistent with its length, as a kernel driver sends them ({@code nlmsg_put}); otherwise the
 * whole datagram is the payload.
 */
final class NetlinkMessages {
    /** Control types below NLMSG_MIN_TYPE carry no notification, except an overrun report. */
    private static final int NLMSG_MIN_TYPE = 0x10;
    private static final int NLMSG_OVERRUN = 4;
    /** Longest file name on Linux. */
    static final int MAX_NAME = 255;

    private NetlinkMessages() {
    }

    /** The hints of one datagram, in order; empty entries mean "re-read everything". */
    static List<Optional<String>> hints(byte[] datagram) {
        List<Optional<String>> hints = new ArrayList<>();
        if (!asMessages(datagram, hints)) {
            hints.clear();
            hints.add(name(datagram, 0, datagram.length));
        }
        return hints;
    }

    /** Adds the hints of well-formed netlink messages; false when the datagram is not made of them. */
    private static boolean asMessages(byte[] datagram, List<Optional<String>> hints) {
        if (datagram.length == 0) {
            return false;
        }
        ByteBuffer buffer = ByteBuffer.wrap(datagram).order(ByteOrder.nativeOrder());
        int offset = 0;
        while (offset < datagram.length) {
            if (datagram.length - offset < NetlinkSocket.NLMSG_HDRLEN) {
                return false;
            }
            int length = buffer.getInt(offset);
            int type = Short.toUnsignedInt(buffer.getShort(offset + 4));
            if (length < NetlinkSocket.NLMSG_HDRLEN || length > datagram.length - offset) {
                return false;
            }
            if (type >= NLMSG_MIN_TYPE) {
                hints.add(name(datagram, offset + NetlinkSocket.NLMSG_HDRLEN, length - NetlinkSocket.NLMSG_HDRLEN));
            } else if (type == NLMSG_OVERRUN) {
                hints.add(Optional.empty());
            }
            // NLMSG_ALIGN: messages of one datagram start on 4-byte boundaries
            offset += (length + 3) & ~3;
        }
        return true;
    }

    /**
     * The property name a payload carries: printable ASCII without a slash, optionally ended by
     * NUL bytes or a newline. Anything else names no property.
     */
    static Optional<String> name(byte[] bytes, int offset, int length) {
        int end = offset + length;
        while (end > offset && (bytes[end - 1] == 0 || bytes[end - 1] == '\n')) {
            end--;
        }
        if (end == offset || end - offset > MAX_NAME) {
            return Optional.empty();
        }
        for (int i = offset; i < end; i++) {
            byte b = bytes[i];
            if (b <= ' ' || b >= 0x7f || b == '/') {
                return Optional.empty();
            }
        }
        String name = new String(bytes, offset, end - offset, StandardCharsets.US_ASCII);
        return PropertyFiles.isPlausibleName(name) ? Optional.of(name) : Optional.empty();
    }
}
