package com.example.vshutdown.lines.gogo;

import java.io.InterruptedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

import org.apache.felix.gogo.runtime.CommandNotFoundException;
import org.apache.felix.gogo.runtime.SyntaxError;

import com.example.vshutdown.api.ExitStatus;
import com.example.vshutdown.api.ShutdownException;

/**
 * What a failed command line means to the script that ran it: the exit status and the one line
 * for stderr. For a line that threw: a {@link ShutdownException} anywhere in the cause chain
 * decides (the command knew best); Gogo's usage errors are bad input (an unknown command, a line
 * that does not parse, which Gogo may report as an I/O error around its {@link SyntaxError},
 * arguments that fit no signature, which Gogo, like commands, reports as
 * {@link IllegalArgumentException}); an interrupt is a cancellation; anything else an error.
 */
public final class CommandFailure {

    private CommandFailure() {
    }

    /**
     * The status of a line that returned, given the error code its last statement set without
     * throwing (gogo.jline's commands: 2 for bad usage); after Ctrl-C a failure is a cancellation.
     */
    public static int exitStatus(int processError, boolean interrupted) {
        if (processError == 0) {
            return ExitStatus.DONE.code();
        }
        return (interrupted ? ExitStatus.CANCELLED
                : processError == ExitStatus.BAD_INPUT.code() ? ExitStatus.BAD_INPUT : ExitStatus.ERROR).code();
    }

    /** The status of a line that threw {@code failure}. */
    public static int exitStatus(Throwable failure) {
        ShutdownException shutdown = cause(failure, ShutdownException.class);
        if (shutdown != null && shutdown.status() != null) {
            return shutdown.status().code();
        }
        if (failure instanceof IllegalArgumentException || cause(failure, SyntaxError.class) != null) {
            return ExitStatus.BAD_INPUT.code();
        }
        return (isInterrupt(failure) ? ExitStatus.CANCELLED : ExitStatus.ERROR).code();
    }

    /** {@code <command>: <message>}, the message cut to its first line; the trace goes to the log. */
    public static String describe(String command, Throwable failure) {
        ShutdownException shutdown = cause(failure, ShutdownException.class);
        Throwable decided = shutdown == null ? failure : shutdown;
        String text = decided.getMessage() == null ? "" : decided.getMessage();
        String message = text.strip().lines().findFirst().orElse("");
        if (decided instanceof CommandNotFoundException) {
            message = "command not found"; // Gogo's own text repeats the name
        } else if (message.isBlank()) {
            message = isInterrupt(decided) ? "interrupted" : decided.getClass().getSimpleName();
        }
        return command + ": " + message.strip();
    }

    /** The first exception of a type in the cause chain, or null. */
    private static <T extends Throwable> T cause(Throwable failure, Class<T> type) {
        // a cause chain may loop back on itself: visit each exception once
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static boolean isInterrupt(Throwable failure) {
        return failure instanceof InterruptedException || failure instanceof InterruptedIOException
                || failure instanceof ClosedByInterruptException;
    }
}
