package com.example.vshutdown.control.internal;

import java.io.IOException;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control socket's file: a listening Unix domain socket at a path, owned by the service's user,
 * mode 0660, in the configured group. Whatever already is at the path is left alone unless it is a
 * stale socket of ours (a socket owned by this user that nobody listens on: a service that died).
 * The socket is bound under a temporary name and renamed into place once its mode and group are
 * set, so that nobody can connect while it still has the mode the umask gave it.
 */
final class SocketFile implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SocketFile.class);

    /** Read and write for owner and group: connecting to a Unix domain socket needs write permission. */
    static final String MODE = "rw-rw----";
    /** The run directory, where it must be created: searchable by all, the socket's mode guards it. */
    private static final String DIRECTORY_MODE = "rwxr-xr-x";
    /** The file type bits of a socket in st_mode (S_IFSOCK). */
    private static final int SOCKET_TYPE = 0140000;
    private static final int TYPE_MASK = 0170000;

    private final Path path;
    private final ServerSocketChannel server;
    private final Object fileKey;

    private SocketFile(Path path, ServerSocketChannel server, Object fileKey) {
        this.path = path;
        this.server = server;
        this.fileKey = fileKey;
    }

    /** Thrown with the one line that says why the socket was not opened; nothing was changed. */
    static final class NotOpenedException extends Exception {
        private static final long serialVersionUID = 1L;

        NotOpenedException(String message) {
            super(message);
        }
    }

    /**
     * Listens at {@code path}.
     *
     * @param group the group to give the socket; empty for the service's own
     * @throws NotOpenedException saying why not, having changed nothing
     */
    static SocketFile listen(Path path, Optional<String> group) throws NotOpenedException, IOException {
        Path directory = path.toAbsolutePath().getParent();
        if (!Files.isDirectory(directory)) {
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString(DIRECTORY_MODE)));
        }
        removeIfStale(path);
        Path temporary = directory.resolve("." + path.getFileName() + "." + ProcessHandle.current().pid());
        Files.deleteIfExists(temporary);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(temporary));
            // following links: without, the JDK opens the file to change it, which a socket refuses
            // (ENXIO); the name is this process's own, made a moment ago in the run directory
            PosixFileAttributeView view = Files.getFileAttributeView(temporary, PosixFileAttributeView.class);
            view.setPermissions(PosixFilePermissions.fromString(MODE));
            if (group.isPresent()) {
                setGroup(view, group.get());
            }
            moveIntoPlace(temporary, path);
            Object key = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
            return new SocketFile(path, server, key);
        } catch (IOException | NotOpenedException | RuntimeException e) {
            server.close();
            Files.deleteIfExists(temporary);
            throw e;
        }
    }

    private static void setGroup(PosixFileAttributeView view, String name) throws IOException {
        GroupPrincipal group;
        try {
            group = FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByGroupName(name);
        } catch (UserPrincipalNotFoundException e) {
            // root-only is the safe side of a group that does not exist
            LOG.error("Control socket group '{}' does not exist: the socket keeps the service's own group, so "
                    + "only that group's members (and root) can use it", name);
            return;
        }
        view.setGroup(group);
    }

    /** rename(2) onto the path: the socket appears there complete, mode and group already set. */
    private static void moveIntoPlace(Path temporary, Path path) throws IOException, NotOpenedException {
        try {
            Files.move(temporary, path, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
            throw new NotOpenedException("control socket " + path + " appeared while the service was opening it; "
                    + "left alone");
        }
    }

    /** Removes a stale socket of ours at the path; refuses for anything else that is there. */
    private static void removeIfStale(Path path) throws NotOpenedException, IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return;
        }
        if (!isSocket(path, attributes)) {
            throw new NotOpenedException("control socket path " + path + " exists and is not a socket ("
                    + kind(attributes) + "): it is left alone and the service runs without its control socket; "
                    + "remove it, or set " + ControlSocketComponent.SOCKET_NAME + " to another path");
        }
        try (SocketChannel probe = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
            throw new NotOpenedException("control socket " + path + " is in use by another process (another master "
                    + "service?): it is left alone and this service runs without its control socket");
        } catch (ConnectException refused) {
            String owner = Files.getOwner(path, LinkOption.NOFOLLOW_LINKS).getName();
            if (!owner.equals(System.getProperty("user.name"))) {
                throw new NotOpenedException("control socket " + path + " is a stale socket of user " + owner
                        + ", not of this service's user: it is left alone and the service runs without its "
                        + "control socket");
            }
            LOG.info("Removing the stale control socket {} (nobody listens on it: a service that ended without "
                    + "removing it)", path);
            Files.delete(path);
        }
    }

    private static boolean isSocket(Path path, BasicFileAttributes attributes) throws IOException {
        try {
            int mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            return (mode & TYPE_MASK) == SOCKET_TYPE;
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            // no "unix" view here: a socket is at least neither file, directory nor link
            return attributes.isOther();
        }
    }

    private static String kind(BasicFileAttributes attributes) {
        return attributes.isDirectory() ? "a directory" : attributes.isSymbolicLink() ? "a symbolic link"
                : attributes.isRegularFile() ? "a regular file" : "a special file";
    }

    Path path() {
        return path;
    }

    /** The socket's group as it is: the configured one, or the service's own where that does not exist. */
    String group() {
        try {
            return Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS).group().getName();
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    ServerSocketChannel server() {
        return server;
    }

    /** Stops listening and removes the socket file, if it is still the one this opened. */
    @Override
    public void close() throws IOException {
        server.close();
        try {
            Object now = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
            if (fileKey != null && fileKey.equals(now)) {
                Files.delete(path);
            }
        } catch (NoSuchFileException e) {
            // someone removed it already
        }
    }
}
