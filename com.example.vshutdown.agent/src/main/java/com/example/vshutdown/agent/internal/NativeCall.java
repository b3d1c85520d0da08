package com.example.vshutdown.agent.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

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
     * The agent stopped before the native command began: nothing was recorded and nothing ran, so the
     * next agent acts on the request as if this one had never seen it.
     */
    static final class NeverStartedException extends InterruptedException {
        private static final long serialVersionUID = 1L;

        NeverStartedException() {
            super("the agent stopped before its native command began");
        }
    }

    /**
     * What became of a call that began.
     *
     * @param recorded whether the {@code picked-up} record was written
     * @param outcome empty when the command was started; otherwise the {@code blocked} or {@code failed}
     *        status to write
     */
    record Result(boolean recorded, Optional<AgentStatus> outcome) {
    }

    private static final int WAITING = 0;
    private static final int BEGUN = 1;
    private static final int ABANDONED = 2;

    /**
     * Records the request as picked up, then starts its native command, both on a thread of the call's
     * own, and waits for the command to return. Whoever moves the call from waiting first decides:
     * it begins (the record, then the command, with nothing in between that a stopping agent could
     * cut), or the stopping agent abandons it and neither happens. So a {@code picked-up} record always
     * means that the command was started.
     *
     * @param record writes the {@code picked-up} record; says whether it was written
     * @param threadName the name of the thread the command runs on, for thread dumps
     * @throws NeverStartedException if the agent is stopping (the waiting thread interrupted) before
     *         the call began: nothing was recorded, nothing runs
     * @throws InterruptedException if the waiting thread is interrupted (the agent is stopping) once the
     *         call began; the call is interrupted too, and the provider stops its command
     */
    static Result run(NativeShutdown target, boolean reboot, long request, Duration bound, String threadName,
            BooleanSupplier record) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new NeverStartedException();
        }
        AtomicInteger phase = new AtomicInteger(WAITING);
        AtomicBoolean recorded = new AtomicBoolean();
        FutureTask<Void> task = new FutureTask<>(() -> {
            if (!phase.compareAndSet(WAITING, BEGUN)) {
                return null;
            }
            // the record first: once the command runs, the domain may go down before anything else is written
            recorded.set(record.getAsBoolean());
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
            return new Result(recorded.get(), Optional.empty());
        } catch (ExecutionException e) {
            return new Result(recorded.get(), Optional.of(outcome(request, e.getCause())));
        } catch (TimeoutException e) {
            boolean neverBegan = phase.compareAndSet(WAITING, ABANDONED);
            task.cancel(true);
            return new Result(recorded.get(), Optional.of(AgentStatus.failed(request, (neverBegan
                    ? "did not begin within " : "timed out after ") + bound.toMillis() + " ms")));
        } catch (InterruptedException e) {
            boolean neverBegan = phase.compareAndSet(WAITING, ABANDONED);
            task.cancel(true);
            throw neverBegan ? new NeverStartedException() : e;
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
