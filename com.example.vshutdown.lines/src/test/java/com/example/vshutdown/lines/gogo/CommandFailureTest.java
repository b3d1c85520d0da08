package com.example.vshutdown.lines.gogo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.concurrent.ExecutionException;

import org.apache.felix.gogo.runtime.CommandNotFoundException;
import org.apache.felix.gogo.runtime.EOFError;
import org.apache.felix.gogo.runtime.SyntaxError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.example.vshutdown.api.ExitStatus;
import com.example.vshutdown.api.ShutdownException;

class CommandFailureTest {

    @ParameterizedTest
    @EnumSource(ExitStatus.class)
    void shutdownExceptionDecidesTheStatus(ExitStatus status) {
        ShutdownException e = new ShutdownException(status, "told so");
        assertEquals(status.code(), CommandFailure.exitStatus(e));
        assertEquals("vshutdown: told so", CommandFailure.describe("vshutdown", e));
    }

    @Test
    void shutdownExceptionIsFoundDeepInTheCauseChain() {
        ShutdownException cause = new ShutdownException(ExitStatus.REFUSED, "a shutdown is already in progress");
        Exception wrapped = new ExecutionException(new UndeclaredThrowableException(cause, "proxy"));
        assertEquals(3, CommandFailure.exitStatus(wrapped));
        assertEquals("vshutdown: a shutdown is already in progress",
                CommandFailure.describe("vshutdown", wrapped));
    }

    @Test
    void shutdownExceptionWinsOverAUsageErrorAroundIt() {
        Exception e = new IllegalArgumentException("wrapper",
                new ShutdownException(ExitStatus.CANCELLED, "domain 2 did not answer"));
        assertEquals(1, CommandFailure.exitStatus(e));
    }

    @Test
    void unknownCommandIsBadInputWithAShortMessage() {
        CommandNotFoundException e = new CommandNotFoundException("nosuchcommand");
        assertEquals(2, CommandFailure.exitStatus(e));
        assertEquals("nosuchcommand: command not found", CommandFailure.describe("nosuchcommand", e));
    }

    @Test
    void argumentsThatFitNoSignatureAreBadInput() {
        // What Gogo's Reflective throws for an unknown option or a non-numeric number.
        Exception e = new IllegalArgumentException("Cannot coerce vshutdown(String, String) to any of []");
        assertEquals(2, CommandFailure.exitStatus(e));
        assertEquals("vshutdown: Cannot coerce vshutdown(String, String) to any of []",
                CommandFailure.describe("vshutdown", e));
        assertEquals(2, CommandFailure.exitStatus(new NumberFormatException("For input string: \"x\"")));
    }

    @Test
    void unparsableLineIsBadInput() {
        assertEquals(2, CommandFailure.exitStatus(new SyntaxError(1, 5, "unexpected token")));
        assertEquals(2, CommandFailure.exitStatus(
                new EOFError(1, 6, "unexpected EOT looking for matching quote: '", "quote", "'")));
    }

    @Test
    void unparsableLineWrappedAsGogoWrapsItIsBadInput() {
        // Gogo's Closure reports an unclosed '{' as an EOFException around its EOFError
        Exception wrapped = new java.io.EOFException("unexpected eof found in the middle of a compound for '{}'");
        wrapped.initCause(new EOFError(1, 6, "unexpected eof found in the middle of a compound", "compound", "}"));
        assertEquals(2, CommandFailure.exitStatus(wrapped));
    }

    @Test
    void interruptIsCancellation() {
        assertEquals(1, CommandFailure.exitStatus(new InterruptedException()));
        assertEquals("lb: interrupted", CommandFailure.describe("lb", new InterruptedException()));
        assertEquals(1, CommandFailure.exitStatus(new InterruptedIOException("read interrupted")));
    }

    @Test
    void anythingElseIsAnError() {
        assertEquals(4, CommandFailure.exitStatus(new IOException("disk on fire")));
        assertEquals(4, CommandFailure.exitStatus(new IllegalStateException("oops")));
        assertEquals(4, CommandFailure.exitStatus(new RuntimeException(new IOException("nested"))));
    }

    @Test
    void messageIsOneLineAndNeverEmpty() {
        assertEquals("cmd: first", CommandFailure.describe("cmd", new IOException("first\nsecond\n")));
        assertEquals("cmd: NullPointerException", CommandFailure.describe("cmd", new NullPointerException()));
        assertEquals("cmd: IOException", CommandFailure.describe("cmd", new IOException("  ")));
    }

    @Test
    void commandThatReturnedWithoutAnErrorCodeSucceeded() {
        assertEquals(0, CommandFailure.exitStatus(0, false));
        assertEquals(0, CommandFailure.exitStatus(0, true));
    }

    @Test
    void errorCodeOfTheCommandsProcessIsAFailure() {
        // gogo.jline's commands: 2 for bad usage, 1 for anything else they caught.
        assertEquals(2, CommandFailure.exitStatus(2, false));
        assertEquals(4, CommandFailure.exitStatus(1, false));
        assertEquals(4, CommandFailure.exitStatus(127, false));
    }

    @Test
    void errorCodeAfterCtrlCIsCancellation() {
        assertEquals(1, CommandFailure.exitStatus(1, true));
        assertEquals(1, CommandFailure.exitStatus(2, true));
    }

    @Test
    void causeChainThatLoopsEnds() {
        Exception a = new Exception("a");
        Exception b = new Exception("b", a);
        a.initCause(b);
        assertEquals(4, CommandFailure.exitStatus(a));
    }
}
