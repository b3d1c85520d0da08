package com.example.vshutdown.control.wire;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/** Both ends of a real Unix domain socket connection in a directory, for tests of either end. */
public record SocketPair(SocketChannel client, SocketChannel service) implements AutoCloseable {

    public static SocketPair in(Path directory) throws IOException {
        Path path = directory.resolve("pair-" + System.nanoTime() + ".sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(path));
            SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(path));
            return new SocketPair(client, server.accept());
        }
    }

    @Override
    public void close() throws IOException {
        client.close();
        service.close();
    }
}
