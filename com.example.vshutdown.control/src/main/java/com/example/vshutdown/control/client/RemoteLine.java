package com.example.vshutdown.control.client;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.SocketChannel;

import com.example.vshutdown.control.wire.Frame;
import com.example.vshutdown.control.wire.Frames;
import com.example.vshutdown.control.wire.ProtocolException;
import com.example.vshutdown.lines.CommandLine;

/**
 * One command line run by the master service over a connection to its control socket: the line
 * goes out, its output comes back onto this process's stdout and stderr as the service writes it,
 * and the service's exit status is the result. Ctrl-C is {@link #interrupt()}: the first is sent as
 * a cancel, the second is sent too (the service abandons the line) and ends this process at once
 * with 130, without waiting, as the embedded one-shot does.
 */
final class RemoteLine {
    /** The exit status of a line abandoned at a second Ctrl-C, the shells' 128 + SIGINT. */
    static final int ABANDONED = 130;
    /** DESIGN.md's status 4: the service, part of the platform, failed the line. */
    static final int FAILED = 4;
    static final int BAD_INPUT = 2;

    private final SocketChannel channel;
    private final Frames frames;
    private final String line;
    private final PrintStream out;
    private final PrintStream err;
    private int presses; // guarded by this
    private boolean abandoned; // guarded by this

    RemoteLine(SocketChannel channel, String line, PrintStream out, PrintStream err) {
        this.channel = channel;
        this.frames = new Frames(channel);
        this.line = line;
        this.out = out;
        this.err = err;
    }

    /** Runs the line to its end and returns its exit status. */
    int run() {
        try (channel) {
            frames.sendPreface();
            try {
                frames.writeLine(line);
            } catch (ProtocolException e) {
                err.println("vshutdown: " + e.getMessage());
                return BAD_INPUT;
            }
            frames.receivePreface();
            for (Frame frame = frames.read(); frame != null; frame = frames.read()) {
                switch (frame.type()) {
                    case Frames.STDOUT -> relay(frame, out);
                    case Frames.STDERR -> relay(frame, err);
                    case Frames.EXIT -> {
                        return frame.status();
                    }
                    default -> {
                        // a later version's frame this client does not know: nothing to show
                    }
                }
            }
            err.println("vshutdown: the master service closed the connection before '" + CommandLine.commandName(line)
                    + "' ended (did the service stop?)");
        } catch (IOException e) {
            err.println("vshutdown: the connection to the master service failed before '"
                    + CommandLine.commandName(line) + "' ended: " + e.getMessage());
        }
        return FAILED;
    }

    /** Shows what the service wrote, unless the line was abandoned: then only this side's line. */
    private synchronized void relay(Frame frame, PrintStream stream) {
        if (!abandoned) {
            stream.write(frame.payload(), 0, frame.payload().length);
            stream.flush();
        }
    }

    /** Ctrl-C, from the signal's thread. */
    void interrupt() {
        synchronized (this) {
            // abandoned before the second cancel goes out: the service's own line for it is not shown twice
            abandoned = ++presses >= 2;
            cancel();
            if (abandoned) {
                out.flush();
                err.println(CommandLine.commandName(line) + ": abandoned at a second Ctrl-C, without waiting for it "
                        + "to end");
                err.flush();
                System.exit(ABANDONED);
            }
        }
    }

    private void cancel() {
        try {
            frames.write(Frames.CANCEL);
        } catch (IOException e) {
            // the line has ended or the service went away: run() reports it
        }
    }
}
