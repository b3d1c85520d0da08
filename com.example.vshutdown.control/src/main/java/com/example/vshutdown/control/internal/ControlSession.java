package com.example.vshutdown.control.internal;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.felix.service.command.CommandProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.example.vshutdown.api.ExitStatus;
import com.example.vshutdown.control.wire.Frame;
import com.example.vshutdown.control.wire.Frames;
import com.example.vshutdown.lines.gogo.CtrlC;
import com.example.vshutdown.lines.gogo.OneLine;

/**
 * One connection to the control socket: the client's line runs in a Gogo session of its own exactly
 * as a one-shot command runs it, its output goes back as it is written, the client's Ctrl-C frames
 * press the line's {@link CtrlC}, and the exit status ends the connection. A client that goes away
 * before the end hangs up: that is one Ctrl-C, as a terminal's hang-up ends what runs in it, so
 * nothing goes on asking domains down for an operator who can no longer watch or cancel it.
 */
final class ControlSession implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(ControlSession.class);
    /** The line's standard input: nothing, the client sends none (see the wire package). */
    private static final InputStream NO_INPUT = InputStream.nullInputStream();

    private final SocketChannel channel;
    private final CommandProcessor processor;
    private final Executor listener;
    private final Frames frames;
    private final CtrlC ctrlC = new CtrlC();
    private final AtomicBoolean ended = new AtomicBoolean();

    /**
     * @param listener runs the task that listens for the client's Ctrl-C while the line runs
     */
    ControlSession(SocketChannel channel, CommandProcessor processor, Executor listener) {
        this.channel = channel;
        this.processor = processor;
        this.listener = listener;
        this.frames = new Frames(channel);
    }

    @Override
    public void run() {
        boolean listening = false;
        try {
            frames.sendPreface();
            String line = receiveLine();
            if (line == null) {
                return;
            }
            try {
                listener.execute(this::listen);
                listening = true;
            } catch (RejectedExecutionException e) {
                refuse("vshutdown: the master service is stopping: the line was not run");
                return;
            }
            int status = runLine(line);
            ended.set(true);
            frames.writeStatus(status);
            LOG.info("Control socket: '{}' ended with exit status {}", line, status);
        } catch (IOException e) {
            LOG.debug("Control socket: the connection failed: {}", e.toString());
        } catch (InterruptedException e) {
            LOG.debug("Control socket: a line was interrupted as the service stopped");
            Thread.currentThread().interrupt();
        } finally {
            ended.set(true);
            endOutput();
            if (!listening) {
                listen();
            }
        }
    }

    /**
     * Ends this side of the connection; the listener closes it once the client has. Closing it here,
     * with frames of the client still unread, would reset it, and the client could lose the end of
     * the output and its exit status.
     */
    private void endOutput() {
        try {
            channel.shutdownOutput();
        } catch (IOException e) {
            LOG.debug("Control socket: the connection is gone: {}", e.toString());
        }
    }

    /** The client's line, or null after telling a client that cannot be served why. */
    private String receiveLine() throws IOException {
        int version = frames.receivePreface();
        if (version != Frames.VERSION) {
            refuse("vshutdown: the master service speaks control protocol " + Frames.VERSION + ", this command "
                    + "line " + version + ": use the vshutdown.jar of the service's release");
            return null;
        }
        Frame first = frames.read();
        if (first == null) {
            return null;
        }
        if (first.type() != Frames.LINE) {
            refuse("vshutdown: the master service expected a command line first");
            return null;
        }
        return first.text();
    }

    private void refuse(String message) throws IOException {
        LOG.warn("Control socket: {}", message);
        frames.write(Frames.STDERR, message + System.lineSeparator());
        frames.writeStatus(ExitStatus.ERROR.code());
    }

    private int runLine(String line) throws InterruptedException {
        LOG.info("Control socket: running '{}'", line);
        // buffered and auto-flushed: a line of output travels as one frame, at once
        try (PrintStream out = stream(Frames.STDOUT); PrintStream err = stream(Frames.STDERR)) {
            return OneLine.run(processor, line, ctrlC, NO_INPUT, out, err);
        }
    }

    private PrintStream stream(byte type) {
        return new PrintStream(new BufferedOutputStream(new FrameOutputStream(frames, type)), true,
                StandardCharsets.UTF_8);
    }

    /**
     * Presses Ctrl-C for each of the client's cancels, and once when it hangs up before the line
     * ended; closes the connection when the client has.
     */
    private void listen() {
        try (channel) {
            for (Frame frame = frames.read(); frame != null; frame = frames.read()) {
                if (frame.type() == Frames.CANCEL && !ended.get()) {
                    LOG.debug("Control socket: Ctrl-C from the client");
                    ctrlC.press();
                } else {
                    LOG.debug("Control socket: ignoring a frame of type '{}' from the client", (char) frame.type());
                }
            }
        } catch (IOException e) {
            LOG.debug("Control socket: reading from the client failed: {}", e.toString());
        }
        if (!ended.get()) {
            LOG.info("Control socket: the client hung up before its line ended: Ctrl-C for it");
            ctrlC.press();
        }
    }
}
