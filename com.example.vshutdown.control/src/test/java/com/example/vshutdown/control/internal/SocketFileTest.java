package com.example.vshutdown.control.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The socket file: what is created, what is left alone, what is removed. */
class SocketFileTest {
    @TempDir
    Path directory;

    private Path socket() {
        return directory.resolve("run").resolve("control.sock");
    }

    private static PosixFileAttributes attributes(Path path) throws Exception {
        return Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    }

    private static void assertAccepts(SocketFile file) throws Exception {
        try (SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(file.path()));
                SocketChannel accepted = file.server().accept()) {
            assertTrue(client.isConnected());
            assertTrue(accepted.isConnected());
        }
    }

    @Test
    void aSocketOwnedByTheServiceUserWithMode0660InItsGroup() throws Exception {
        // a group the user may always give: that of a directory it made
        String group = attributes(directory).group().getName();
        try (SocketFile file = SocketFile.listen(socket(), Optional.of(group))) {
            PosixFileAttributes attributes = attributes(socket());

            assertTrue(attributes.isOther(), "a socket");
            assertEquals(PosixFilePermissions.fromString("rw-rw----"), attributes.permissions());
            assertEquals(System.getProperty("user.name"), attributes.owner().getName());
            assertEquals(group, attributes.group().getName());
            assertEquals(PosixFilePermissions.fromString("rwxr-xr-x"), attributes(socket().getParent()).permissions());
            assertAccepts(file);
            // no temporary name left behind
            try (var names = Files.list(socket().getParent())) {
                assertEquals(1, names.count());
            }
        }
    }

    @Test
    void aGroupThatDoesNotExistLeavesTheServicesOwnGroup() throws Exception {
        try (SocketFile file = SocketFile.listen(socket(), Optional.of("no-such-group-" + System.nanoTime()))) {
            assertEquals(attributes(socket().getParent()).group(), attributes(socket()).group());
            assertEquals(PosixFilePermissions.fromString("rw-rw----"), attributes(socket()).permissions());
            assertAccepts(file);
        }
    }

    @Test
    void closingRemovesTheSocket() throws Exception {
        SocketFile file = SocketFile.listen(socket(), Optional.empty());

        file.close();

        assertFalse(Files.exists(socket(), LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void closingLeavesAFileThatReplacedTheSocket() throws Exception {
        SocketFile file = SocketFile.listen(socket(), Optional.empty());
        Files.delete(socket());
        Files.writeString(socket(), "someone else's");

        file.close();

        assertEquals("someone else's", Files.readString(socket()));
    }

    @Test
    void aRegularFileAtThePathIsLeftAloneAndSaidSo() throws Exception {
        Files.createDirectories(socket().getParent());
        Files.writeString(socket(), "not a socket");

        SocketFile.NotOpenedException e = assertThrows(SocketFile.NotOpenedException.class,
                () -> SocketFile.listen(socket(), Optional.empty()));

        assertEquals("control socket path " + socket() + " exists and is not a socket (a regular file): it is left "
                + "alone and the service runs without its control socket; remove it, or set "
                + "vshutdown.control.socket to another path", e.getMessage());
        assertEquals("not a socket", Files.readString(socket()));
    }

    @Test
    void aDirectoryAtThePathIsLeftAloneToo() throws Exception {
        Files.createDirectories(socket());

        SocketFile.NotOpenedException e = assertThrows(SocketFile.NotOpenedException.class,
                () -> SocketFile.listen(socket(), Optional.empty()));

        assertTrue(e.getMessage().contains("is not a socket (a directory)"), e.getMessage());
        assertTrue(Files.isDirectory(socket()));
    }

    @Test
    void aStaleSocketOfOursIsReplaced() throws Exception {
        Files.createDirectories(socket().getParent());
        // a service that died: its socket file stays, nobody listens on it
        try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            dead.bind(UnixDomainSocketAddress.of(socket()));
        }

        // connecting to the stale socket was refused; now someone listens at the path again
        try (SocketFile file = SocketFile.listen(socket(), Optional.empty())) {
            assertAccepts(file);
        }
    }

    @Test
    void aSocketSomeoneListensOnIsLeftAlone() throws Exception {
        try (SocketFile first = SocketFile.listen(socket(), Optional.empty())) {
            SocketFile.NotOpenedException e = assertThrows(SocketFile.NotOpenedException.class,
                    () -> SocketFile.listen(socket(), Optional.empty()));

            assertTrue(e.getMessage().contains("is in use by another process"), e.getMessage());
            assertAccepts(first);
        }
    }
}
