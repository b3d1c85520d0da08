package com.example.vshutdown.lines.gogo;

import java.io.InterruptedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

import org.apache.felix.gogo.runtime.CommandNotFoundException;
import org.apache.felix.gogo.runtime.SyntaxError;

import com.example.vshutdown.api.ExitStatus;
import com.example.vshutdown.api.ShutdownException;
import com.example.vshutdown.lines.CommandLine;

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

    /**
     * The command a failure names, given the statement that failed (a command, or a pipeline of
     * them): the command not found as typed; in a pipeline, the command whose method is the first
     * in the failure's stack trace (Gogo runs a command's function as the service's method of that
     * name), else the statement's first command.
     */
    public static String command(Throwable failure, CharSequence statement) {
        CommandNotFoundException notFound = cause(failure, CommandNotFoundException.class);
        if (notFound != null && notFound.getCommand() != null) {
            return notFound.getCommand();
        }
        List<String> commands = CommandLine.pipelineCommands(statement);
        if (commands.size() > 1) {
            for (Throwable t : chain(failure)) {
                for (StackTraceElement frame : t.getStackTrace()) {
                    for (String command : commands) {
                        if (frame.getMethodName().equals(command.substring(command.indexOf(':') + 1))) {
                            return command;
                        }
                    }
                }
            }
        }
        return commands.get(0);
    }

    /** The first exception of a type in the cause chain, or null. */
    private static <T extends Throwable> T cause(Throwable failure, Class<T> type) {
        return chain(failure).stream().filter(type::isInstance).map(type::cast).findFirst().orElse(null);
    }

    /** The failure and its causes in order, each once: a cause chain may loop back on itself. */
    private static List<Throwable> chain(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }

    private static boolean isInterrupt(Throwable failure) {
        return failure instanceof InterruptedException || failure instanceof InterruptedIOException
                || failure instanceof ClosedByInterruptException;
    }
}
