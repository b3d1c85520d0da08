package com.example.vshutdown.agent.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import com.example.vshutdown.protocol.AgentStatus;
import com.example.vshutdown.spi.NativeShutdown;
import com.example.vshutdown.spi.ShutdownVetoedException;

/**
 * Runs a native shutdown or reboot on a thread of its own and waits for it at most a bound, so that
 * a command that hangs becomes a {@code failed} status the master can report instead of an agent
 * that silently stops answering. Whenever the agent stops waiting (the bound, or the agent itself
 * stopping) it interrupts the call: the policy {@link NativeShutdown} states for an interrupted
 * caller, under which a provider stops its command, so that a shutdown reported as failed, or
 * asked for by an agent that is gone, does not take the domain down later.
 */
final class NativeCall {
    private NativeCall() {
    }

    /**
     * The agent stopped before the native command began: it never ran, so a record that says the
     * request was picked up is not true and must not keep the next agent from acting.
     */
    static final class NeverStartedException extends InterruptedException {
        private static final long serialVersionUID = 1L;

        NeverStartedException() {
            super("the agent stopped before its native command began");
        }
    }

    private static final int WAITING = 0;
    private static final int STARTED = 1;
    private static final int ABANDONED = 2;

    /**
     * Starts the native command for a request and waits for it to return.
     *
     * @param threadName the name of the thread the command runs on, for thread dumps
     * @return empty when the command was started; otherwise the {@code blocked} or {@code failed}
     *         status to write
     * @throws NeverStartedException if the agent is stopping (the waiting thread interrupted) before
     *         the command began: it never runs
     * @throws InterruptedException if the waiting thread is interrupted (the agent is stopping) while
     *         the command runs; the call is interrupted too, and the provider stops its command
     */
    static Optional<AgentStatus> run(NativeShutdown target, boolean reboot, long request, Duration bound,
            String threadName) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new NeverStartedException();
        }
        // whoever moves it first from WAITING decides: the call begins, or the stopping agent abandons it
        AtomicInteger phase = new AtomicInteger(WAITING);
        FutureTask<Void> task = new FutureTask<>(() -> {
            if (!phase.compareAndSet(WAITING, STARTED)) {
                return null;
            }
            if (reboot) {
                target.reboot();
            } else {
                target.shutdown();
            }
            return null;
        });
        Thread thread = new Thread(task, threadName);
        // a hung command must not keep the JVM alive once the framework has stopped
        thread.setDaemon(true);
        thread.start();
        try {
            task.get(bound.toMillis(), TimeUnit.MILLISECONDS);
            return Optional.empty();
        } catch (ExecutionException e) {
            return Optional.of(outcome(request, e.getCause()));
        } catch (TimeoutException e) {
            task.cancel(true);
            return Optional.of(AgentStatus.failed(request, "timed out after " + bound.toMillis() + " ms"));
        } catch (InterruptedException e) {
            boolean neverStarted = phase.compareAndSet(WAITING, ABANDONED);
            task.cancel(true);
            throw neverStarted ? new NeverStartedException() : e;
        }
    }

    /** The status for a command that threw: a veto is the guest refusing, anything else a failure. */
    static AgentStatus outcome(long request, Throwable cause) {
        if (cause instanceof ShutdownVetoedException) {
            return AgentStatus.blocked(request, orElse(cause.getMessage(), "the guest refuses to go down"));
        }
        if (cause instanceof IOException) {
            return AgentStatus.failed(request, orElse(cause.getMessage(), cause.getClass().getSimpleName()));
        }
        // not an outcome the SPI foresees (a bug, a provider bundle half gone): name the kind of failure
        String message = cause.getMessage();
        return AgentStatus.failed(request, message == null || message.isBlank()
                ? cause.getClass().getSimpleName() : cause.getClass().getSimpleName() + ": " + message);
    }

    private static String orElse(String message, String fallback) {
        return message == null || message.isBlank() ? fallback : message;
    }
}
