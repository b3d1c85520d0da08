package com.example.vshutdown.control.client;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;

/**
 * Whether a master service answers on the control socket. Only two answers let the line run
 * embedded: no socket file, or nobody listening on it (connection refused: a service that died, or a
 * path that is not a socket). A socket that exists but cannot be reached (permission denied) is a
 * service this user may not use: running embedded there would put a second coordinator on the
 * machine, so the client says so instead.
 */
sealed interface Reach {

    /** A service answered. */
    record Connected(SocketChannel channel) implements Reach {
    }

    /** No service answers here: the line runs embedded. */
    record NoService(String why) implements Reach {
    }

    /** A service is there but this user cannot reach it: one line for stderr. */
    record Unreachable(String message) implements Reach {
    }

    static Reach of(Path socket) {
        try {
            Files.readAttributes(socket, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return new NoService("no control socket " + socket);
        } catch (AccessDeniedException e) {
            return new Unreachable(denied(socket));
        } catch (IOException | UnsupportedOperationException e) {
            // cannot tell: try to connect and judge by the answer
        }
        try {
            return new Connected(SocketChannel.open(UnixDomainSocketAddress.of(socket)));
        } catch (ConnectException e) {
            return new NoService("nobody listens on " + socket);
        } catch (IOException e) {
            if (!Files.isWritable(socket)) {
                return new Unreachable(denied(socket));
            }
            return new Unreachable("vshutdown: the master service's control socket " + socket
                    + " cannot be reached: " + e.getMessage());
        }
    }

    /** The line for a user who may not connect: which socket, and the group to be in. */
    private static String denied(Path socket) {
        return "vshutdown: permission denied on the master service's control socket " + socket + ": run as root or "
                + "as a member of group '" + group(socket) + "'";
    }

    /** The group of the socket, or of the nearest directory above it that this user may look at. */
    private static String group(Path socket) {
        for (Path path = socket; path != null; path = path.getParent()) {
            try {
                return Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS).group()
                        .getName();
            } catch (IOException | UnsupportedOperationException e) {
                // not visible to this user: look one level up
            }
        }
        return "?";
    }
}
