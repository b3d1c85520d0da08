package com.example.vshutdown.control.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where the client runs a line: only a missing socket or one nobody listens on let it run
 * embedded. (A socket this user may not reach needs another user: the dist module's process tests
 * run the client as one.)
 */
class ReachTest {
    @TempDir
    Path directory;

    @Test
    void noSocketFileIsNoService() {
        Path socket = directory.resolve("control.sock");

        assertEquals(new Reach.NoService("no control socket " + socket), Reach.of(socket));
    }

    @Test
    void aSocketNobodyListensOnIsNoService() throws Exception {
        Path socket = directory.resolve("control.sock");
        try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            dead.bind(UnixDomainSocketAddress.of(socket));
        }

        assertEquals(new Reach.NoService("nobody listens on " + socket), Reach.of(socket));
    }

    @Test
    void aPathThatIsNotASocketIsNoServiceEither() throws Exception {
        Path socket = Files.writeString(directory.resolve("control.sock"), "text");

        assertInstanceOf(Reach.NoService.class, Reach.of(socket));
    }

    @Test
    void aListeningSocketIsConnected() throws Exception {
        Path socket = directory.resolve("control.sock");
        try (ServerSocketChannel service = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            service.bind(UnixDomainSocketAddress.of(socket));

            Reach reach = Reach.of(socket);

            assertInstanceOf(Reach.Connected.class, reach);
            ((Reach.Connected) reach).channel().close();
        }
    }
}
