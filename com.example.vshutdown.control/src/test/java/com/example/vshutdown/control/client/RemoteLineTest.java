package com.example.vshutdown.control.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.example.vshutdown.control.wire.Frame;
import com.example.vshutdown.control.wire.Frames;
import com.example.vshutdown.control.wire.SocketPair;

/** The client's side of one line: the test plays the service with the protocol's frames. */
class RemoteLineTest {
    @TempDir
    Path directory;
    private SocketPair pair;
    private Frames service;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private RemoteLine line;

    @BeforeEach
    void connect() throws Exception {
        pair = SocketPair.in(directory);
        service = new Frames(pair.service());
        line = new RemoteLine(pair.client(), "vshutdown -t 100 'a b'", new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void close() throws Exception {
        pair.close();
    }

    private CompletableFuture<Integer> start() {
        return CompletableFuture.supplyAsync(line::run);
    }

    /** The service's side of the start: the client's preface and line, and its own preface. */
    private String accept() throws Exception {
        assertEquals(Frames.VERSION, service.receivePreface());
        Frame first = service.read();
        assertEquals(Frames.LINE, first.type());
        service.sendPreface();
        return first.text();
    }

    @Test
    void theLineGoesOutAndItsOutputAndStatusComeBack() throws Exception {
        CompletableFuture<Integer> status = start();

        assertEquals("vshutdown -t 100 'a b'", accept());
        service.write(Frames.STDOUT, "asked domain 2\n");
        service.write(Frames.STDERR, "vshutdown: cancelled\n");
        service.writeStatus(1);

        assertEquals(1, status.get(30, TimeUnit.SECONDS));
        assertEquals("asked domain 2\n", out.toString(StandardCharsets.UTF_8));
        assertEquals("vshutdown: cancelled\n", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void ctrlCIsSentAsACancel() throws Exception {
        CompletableFuture<Integer> status = start();
        accept();

        line.interrupt();

        assertEquals(Frames.CANCEL, service.read().type());
        service.writeStatus(1);
        assertEquals(1, status.get(30, TimeUnit.SECONDS));
    }

    @Test
    void aLineTooLongForOneFrameIsBadInputAndIsNotSent() throws Exception {
        String tooLong = "x".repeat(Frames.MAX_PAYLOAD + 1);
        RemoteLine remote = new RemoteLine(pair.client(), tooLong, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertEquals(2, remote.run());
        assertEquals("vshutdown: the command line is 65537 bytes long, more than the 65536 one line may have\n",
                err.toString(StandardCharsets.UTF_8));
        assertEquals(Frames.VERSION, service.receivePreface());
        assertEquals(null, service.read()); // the client closed without a line
    }

    @Test
    void aServiceThatGoesAwayBeforeTheStatusIsAFailure() throws Exception {
        CompletableFuture<Integer> status = start();
        accept();
        service.write(Frames.STDOUT, "asked domain 2\n");

        pair.service().close();

        assertEquals(4, status.get(30, TimeUnit.SECONDS));
        assertEquals("vshutdown: the master service closed the connection before 'vshutdown' ended (did the "
                + "service stop?)\n", err.toString(StandardCharsets.UTF_8));
    }
}
