package com.example.vshutdown.shell.internal;

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
 * What a failed one-shot command means to the script that ran it: the exit status and the one line
 * printed on stderr. The rules live here, apart from any I/O, because scripts depend on them.
 * For a command that threw:
 * <ul>
 * <li>A {@link ShutdownException} anywhere in the cause chain decides: the command knew best.</li>
 * <li>Gogo's own usage errors are bad input: an unknown command, a line that does not parse, and
 * arguments that fit no signature of the command (Gogo reports those, unknown options included,
 * as {@link IllegalArgumentException}, which commands also throw for arguments they refuse).</li>
 * <li>An interrupt that reached the command (Ctrl-C) is a cancellation.</li>
 * <li>Anything else is an error.</li>
 * </ul>
 */
final class CommandFailure {

    private CommandFailure() {
    }

    /**
     * The exit status of a command line that returned, given the error code its last statement
     * set on its Gogo process (0 unless the command failed without throwing). A failure after
     * Ctrl-C is a cancellation; the code 2 is a usage error, as in gogo.jline's commands.
     */
    static int exitStatus(int processError, boolean interrupted) {
        if (processError == 0) {
            return ExitStatus.DONE.code();
        }
        if (interrupted) {
            return ExitStatus.CANCELLED.code();
        }
        boolean usage = processError == ExitStatus.BAD_INPUT.code();
        return (usage ? ExitStatus.BAD_INPUT : ExitStatus.ERROR).code();
    }

    /** The exit status of a command line that threw {@code failure}. */
    static int exitStatus(Throwable failure) {
        return status(failure).code();
    }

    static ExitStatus status(Throwable failure) {
        ShutdownException shutdown = shutdownCause(failure);
        if (shutdown != null && shutdown.status() != null) {
            return shutdown.status();
        }
        if (isUsageError(failure)) {
            return ExitStatus.BAD_INPUT;
        }
        if (isInterrupt(failure)) {
            return ExitStatus.CANCELLED;
        }
        return ExitStatus.ERROR;
    }

    /**
     * The single line reported for the failure, {@code <command>: <message>}. The message is the
     * one of the exception that decided the status, cut to its first line: an operator reads it,
     * the stack trace goes to the debug log.
     */
    static String describe(String command, Throwable failure) {
        return command + ": " + message(failure);
    }

    private static String message(Throwable failure) {
        ShutdownException shutdown = shutdownCause(failure);
        if (shutdown != null) {
            return firstLine(shutdown);
        }
        if (failure instanceof CommandNotFoundException) {
            // Gogo's own text repeats the command name, which the prefix already gives.
            return "command not found";
        }
        if (isInterrupt(failure) && isBlank(failure.getMessage())) {
            return "interrupted";
        }
        return firstLine(failure);
    }

    private static ShutdownException shutdownCause(Throwable failure) {
        // A cause chain may loop back on itself; visit each exception once.
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof ShutdownException) {
                return (ShutdownException) t;
            }
        }
        return null;
    }

    private static boolean isUsageError(Throwable failure) {
        return failure instanceof IllegalArgumentException || failure instanceof SyntaxError;
    }

    private static boolean isInterrupt(Throwable failure) {
        return failure instanceof InterruptedException
                || failure instanceof InterruptedIOException
                || failure instanceof ClosedByInterruptException;
    }

    private static String firstLine(Throwable failure) {
        String message = failure.getMessage();
        if (isBlank(message)) {
            return failure.getClass().getSimpleName();
        }
        message = message.strip();
        int end = message.indexOf('\n');
        return (end < 0 ? message : message.substring(0, end)).strip();
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
