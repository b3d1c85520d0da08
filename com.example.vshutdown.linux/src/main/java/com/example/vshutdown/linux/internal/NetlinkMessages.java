package com.example.vshutdown.linux.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a datagram of the vproperty driver's netlink socket says. A notification is only a hint:
 * when its payload is exactly one property name, listeners learn which property may have changed;
 * anything else means "something may have changed" and they re-read all they care about. The
 * design (004) fixes no message format, so nothing here refuses a message and nothing is dropped:
 * every message gives one hint, whatever its type (a driver may use {@code NLMSG_DONE} or type 0,
 * an overrun report carries no name), and the worst a strange one can cause is one re-read too
 * many. A payload that says more than a name ({@code nk.1.vm.state.running=3}) names nothing: taken
 * for a name it would be the name of no property, and the change it reports would be lost.
 *
 * <p>The receiver's own wake-up ({@code NLMSG_NOOP} at close) is never delivered: the receiver
 * looks at its closed flag before it delivers.
 *
 * <p>A datagram is read as a sequence of netlink messages (header, then payload) when its headers
 * are consistent with its length, as a kernel driver sends them ({@code nlmsg_put}); otherwise the
 * whole datagram is the payload.
 */
final class NetlinkMessages {
    private NetlinkMessages() {
    }

    /** The hints of one datagram, in order, at least one; empty entries mean "re-read everything". */
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
            if (length < NetlinkSocket.NLMSG_HDRLEN || length > datagram.length - offset) {
                return false;
            }
            hints.add(name(datagram, offset + NetlinkSocket.NLMSG_HDRLEN, length - NetlinkSocket.NLMSG_HDRLEN));
            // NLMSG_ALIGN: messages of one datagram start on 4-byte boundaries
            offset += (length + 3) & ~3;
        }
        return true;
    }

    /**
     * The property name a payload is, optionally ended by NUL bytes or a newline (a C string, a
     * line); empty when it is anything else.
     */
    static Optional<String> name(byte[] bytes, int offset, int length) {
        int end = offset + length;
        while (end > offset && (bytes[end - 1] == 0 || bytes[end - 1] == '\n')) {
            end--;
        }
        if (end - offset > PropertyFiles.MAX_NAME) {
            return Optional.empty();
        }
        // ISO-8859-1 keeps one char per byte, so a non-ASCII byte can never pass for a name character
        String name = new String(bytes, offset, end - offset, StandardCharsets.ISO_8859_1);
        return PropertyFiles.isPropertyName(name) ? Optional.of(name) : Optional.empty();
    }
}
