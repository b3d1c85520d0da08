package com.example.vshutdown.control.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.felix.gogo.runtime.CommandProcessorImpl;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.example.vshutdown.api.ExitStatus;
import com.example.vshutdown.api.ShutdownException;
import com.example.vshutdown.console.Cancellation;
import com.example.vshutdown.control.wire.Frame;
import com.example.vshutdown.control.wire.Frames;
import com.example.vshutdown.control.wire.SocketPair;

/**
 * One connection of the control socket, over a real Unix domain socket, with a real Gogo command
 * processor (no framework) and commands that behave as the master's do. The test plays the client
 * with the protocol's frames. Every wait is for an event, bounded only to catch a hang.
 */
class ControlSessionTest {
    private static final long HANG = 30;

    @TempDir
    Path directory;
    private final CommandProcessorImpl processor = new CommandProcessorImpl();
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<SocketPair> pairs = new ArrayList<>();
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final CountDownLatch registered = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void close() throws Exception {
        release.countDown();
        for (SocketPair pair : pairs) {
            pair.close();
        }
        threads.shutdownNow();
    }

    ControlSessionTest() {
        command("say", (session, arguments) -> {
            session.getConsole().println(arguments.stream().map(String::valueOf).collect(Collectors.joining(" ")));
            return null;
        });
    }

    private void command(String name, Function function) {
        processor.addCommand("test", function, name);
    }

    /** Connects a session and sends a client's preface and line; returns the client's end. */
    private Frames run(String line) throws Exception {
        Frames client = connect();
        client.sendPreface();
        client.write(Frames.LINE, line);
        assertEquals(Frames.VERSION, client.receivePreface());
        return client;
    }

    private Frames connect() throws Exception {
        SocketPair pair = SocketPair.in(directory);
        pairs.add(pair);
        threads.execute(new ControlSession(pair.service(), processor, threads));
        return new Frames(pair.client());
    }

    /** Everything up to the end of the connection: "O:text", "E:text" and "X:status" in order. */
    private static List<String> rest(Frames client) throws Exception {
        List<String> frames = new ArrayList<>();
        for (Frame frame = client.read(); frame != null; frame = client.read()) {
            frames.add((char) frame.type() + ":" + (frame.type() == Frames.EXIT ? frame.status() : frame.text()));
        }
        return frames;
    }

    private static void await(CountDownLatch latch) throws InterruptedException {
        assertTrue(latch.await(HANG, TimeUnit.SECONDS), "hung");
    }

    private Cancellation.Registration registerInterrupt(CommandSession session) {
        return Cancellation.register(session.get(Cancellation.SESSION_VARIABLE), Thread.currentThread()::interrupt);
    }

    @Test
    void outputGoesBackAsItIsWrittenAndTheExitStatusEndsTheConnection() throws Exception {
        command("talk", (session, arguments) -> {
            session.getConsole().println("first");
            release.await(); // the test releases it only once "first" has arrived
            session.getConsole().println("second");
            return null;
        });
        Frames client = run("talk");

        Frame first = client.read();
        assertEquals("O:first" + System.lineSeparator(), (char) first.type() + ":" + first.text());
        release.countDown();

        assertEquals(List.of("O:second" + System.lineSeparator(), "X:0"), rest(client));
    }

    @Test
    void aFailureIsOneLineOnStderrApartFromWhatWentToStdout() throws Exception {
        command("refuse", (session, arguments) -> {
            session.getConsole().println("partial");
            throw new ShutdownException(ExitStatus.REFUSED, "refused: a shutdown is already in progress");
        });

        assertEquals(List.of("O:partial" + System.lineSeparator(),
                "E:refuse: refused: a shutdown is already in progress" + System.lineSeparator(), "X:3"),
                rest(run("refuse")));
    }

    @Test
    void aLineThatIsNotValidGogoIsOneLineAndStatus2() throws Exception {
        List<String> frames = rest(run("echo {"));

        assertEquals(2, frames.size(), frames::toString);
        assertTrue(frames.get(0).startsWith("E:echo: "), frames::toString);
        assertEquals(1, frames.get(0).lines().count(), frames::toString);
        assertEquals("X:2", frames.get(1));
    }

    @Test
    void theClientsCtrlCCancelsWhatTheCommandRegistered() throws Exception {
        command("wait", (session, arguments) -> {
            try (Cancellation.Registration ctrlC = registerInterrupt(session)) {
                registered.countDown();
                release.await();
                return "not cancelled";
            } catch (InterruptedException e) {
                session.getConsole().println("summary: cancelled");
                throw new ShutdownException(ExitStatus.CANCELLED, "cancelled by Ctrl-C");
            }
        });
        Frames client = run("wait");
        await(registered);

        client.write(Frames.CANCEL);

        assertEquals(List.of("O:summary: cancelled" + System.lineSeparator(),
                "E:wait: cancelled by Ctrl-C" + System.lineSeparator(), "X:1"), rest(client));
    }

    @Test
    void aSecondCtrlCAbandonsALineThatDidNotEnd() throws Exception {
        command("stubborn", (session, arguments) -> {
            registered.countDown();
            release.await(); // registers no cancel: only the second Ctrl-C ends the line
            return null;
        });
        Frames client = run("stubborn");
        await(registered);

        client.write(Frames.CANCEL);
        client.write(Frames.CANCEL);

        assertEquals(List.of("E:stubborn: abandoned at a second Ctrl-C, without waiting for it to end"
                + System.lineSeparator(), "X:130"), rest(client));
    }

    @Test
    void aClientThatHangsUpCancelsItsLineAsOneCtrlC() throws Exception {
        CountDownLatch cancelled = new CountDownLatch(1);
        command("wait", (session, arguments) -> {
            try (Cancellation.Registration ctrlC = Cancellation.register(
                    session.get(Cancellation.SESSION_VARIABLE), cancelled::countDown)) {
                registered.countDown();
                release.await();
                return null;
            }
        });
        run("wait");
        await(registered);

        pairs.get(0).client().close();

        await(cancelled);
    }

    @Test
    void aClientOfAnotherVersionIsToldSoWithStatus4() throws Exception {
        Frames client = connect();
        pairs.get(0).client().write(ByteBuffer.wrap(new byte[] {'V', 'S', 'D', 2}));
        client.write(Frames.LINE, "domains");

        assertEquals(Frames.VERSION, client.receivePreface());
        List<String> frames = rest(client);
        assertEquals(List.of("E:vshutdown: the master service speaks control protocol 1, this command line 2: use "
                + "the vshutdown.jar of the service's release" + System.lineSeparator(), "X:4"), frames);
    }

    @Test
    void aClientThatSendsNoLineFirstIsToldSo() throws Exception {
        Frames client = connect();
        client.sendPreface();
        client.write(Frames.CANCEL);

        assertEquals(Frames.VERSION, client.receivePreface());
        assertEquals(List.of("E:vshutdown: the master service expected a command line first"
                + System.lineSeparator(), "X:4"), rest(client));
    }

    @Test
    void clientsAtOnceEachHaveASessionOfTheirOwn() throws Exception {
        CountDownLatch bothRunning = new CountDownLatch(2);
        command("meet", (session, arguments) -> {
            bothRunning.countDown();
            bothRunning.await(); // neither ends before the other has started
            return null;
        });

        Frames a = run("x = a ; meet ; say $x");
        Frames b = run("meet ; say $x");

        assertEquals(List.of("O:a" + System.lineSeparator(), "X:0"), rest(a));
        assertEquals(List.of("O:null" + System.lineSeparator(), "X:0"), rest(b)); // x is a's alone
    }

    @Test
    void theConnectionEndsAfterTheStatus() throws Exception {
        Frames client = run("say done");

        assertEquals(List.of("O:done" + System.lineSeparator(), "X:0"), rest(client));
        assertNull(client.read());
    }
}
