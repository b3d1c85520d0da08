package com.example.vshutdown.control.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.EOFException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The control protocol's framing, over a real Unix domain socket. */
class FramesTest {
    @TempDir
    Path directory;
    private SocketPair pair;
    private Frames client;
    private Frames service;

    @BeforeEach
    void connect() throws Exception {
        pair = SocketPair.in(directory);
        client = new Frames(pair.client());
        service = new Frames(pair.service());
    }

    @AfterEach
    void close() throws Exception {
        pair.close();
    }

    @Test
    void prefacesCarryTheVersion() throws Exception {
        client.sendPreface();
        service.sendPreface();

        assertEquals(Frames.VERSION, service.receivePreface());
        assertEquals(Frames.VERSION, client.receivePreface());
    }

    @Test
    void framesArriveInOrderWithTheirTypes() throws Exception {
        client.write(Frames.LINE, "vshutdown -t 100 2 ; echo \u00e9t\u00e9");
        client.write(Frames.CANCEL);
        service.writeStatus(130);

        Frame line = service.read();
        assertEquals(Frames.LINE, line.type());
        assertEquals("vshutdown -t 100 2 ; echo \u00e9t\u00e9", line.text());
        Frame cancel = service.read();
        assertEquals(Frames.CANCEL, cancel.type());
        assertEquals(0, cancel.payload().length);
        Frame exit = client.read();
        assertEquals(Frames.EXIT, exit.type());
        assertEquals(130, exit.status());
    }

    @Test
    void longOutputGoesInSeveralFramesThatAddUpToIt() throws Exception {
        byte[] output = new byte[Frames.MAX_PAYLOAD * 2 + 17];
        Arrays.fill(output, (byte) 'x');
        output[output.length - 1] = '\n';
        // written from another thread: the reader must drain the socket while it is written
        CompletableFuture<Void> written = CompletableFuture.runAsync(() -> {
            try {
                service.write(Frames.STDOUT, output, 0, output.length);
                service.writeStatus(0);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        ByteBuffer received = ByteBuffer.allocate(output.length);
        int frames = 0;
        for (Frame frame = client.read(); frame.type() == Frames.STDOUT; frame = client.read()) {
            received.put(frame.payload());
            frames++;
        }
        written.get(30, TimeUnit.SECONDS);
        assertEquals(3, frames);
        assertArrayEquals(output, received.array());
    }

    @Test
    void theEndBetweenFramesIsNoFrame() throws Exception {
        pair.client().close();

        assertNull(service.read());
    }

    @Test
    void theEndInsideAFrameIsAnError() throws Exception {
        pair.client().write(ByteBuffer.wrap(new byte[] {Frames.STDOUT, 0, 0, 0, 10, 'a', 'b'}));
        pair.client().close();

        assertThrows(EOFException.class, service::read);
    }

    @Test
    void aLengthBeyondTheLimitIsAProtocolError() throws Exception {
        pair.client().write(ByteBuffer.allocate(5).put(Frames.LINE).putInt(Frames.MAX_PAYLOAD + 1).flip());

        ProtocolException e = assertThrows(ProtocolException.class, service::read);
        assertEquals("a frame of 65537 bytes, more than 65536", e.getMessage());
    }

    @Test
    void aNegativeLengthIsAProtocolErrorToo() throws Exception {
        pair.client().write(ByteBuffer.allocate(5).put(Frames.LINE).putInt(-1).flip());

        assertThrows(ProtocolException.class, service::read);
    }

    @Test
    void somethingElseThanAPrefaceIsRefused() throws Exception {
        pair.client().write(ByteBuffer.wrap("GET / HTTP/1.1\r\n".getBytes()));

        assertThrows(ProtocolException.class, service::receivePreface);
    }

    @Test
    void anExitStatusOfTheWrongSizeIsRefused() throws Exception {
        client.write(Frames.EXIT, new byte[] {0, 1}, 0, 2);

        assertThrows(ProtocolException.class, () -> service.read().status());
    }

    @Test
    void anEmptyOutputSendsNothing() throws Exception {
        service.write(Frames.STDOUT, new byte[0], 0, 0);
        service.writeStatus(0);

        assertEquals(Frames.EXIT, client.read().type());
    }
}
