package com.example.vshutdown.api;

import java.time.Duration;
import java.util.Objects;

import org.osgi.annotation.versioning.ConsumerType;
import org.osgi.util.promise.Promise;

import com.example.vshutdown.api.ShutdownResult.MasterAction;

/**
 * Whiteboard service of a bundle on the master that must act before the master's own domain goes
 * down: save state, close buses, flush logs. Register it as a service (a DS component is the usual
 * way); the master calls every one it finds.
 *
 * <h2>When, and in which order</h2>
 * <ul>
 * <li>Only in a <b>system-wide</b> shutdown, never in a selective one (the master is not touched
 * then), and only once every slave is down: acknowledged, gone, or hard-stopped by force. The
 * slaves are not waiting for the participants: nothing a participant does can hold a slave up.</li>
 * <li>{@link #prepare} is called at most once per shutdown, one participant after another in
 * ranking order: the highest {@code service.ranking} first, equal rankings the older service first;
 * each is called once the one before it is ready or given up on. The calls come on a thread of the
 * master, never on the thread that runs the shutdown.</li>
 * <li>What comes next is {@link Preparation#masterAction()}: the master's native shutdown or reboot,
 * or {@link MasterAction#NONE} for a {@linkplain ShutdownRequest#slavesOnly() slaves-only} shutdown,
 * which does not run the master's native command because the master's own OS is already going
 * down by its own path ({@code systemctl poweroff} stopping the master service, a power key,
 * ignition-off): prepare exactly as for a shutdown (the master <em>is</em> going down, only not by
 * this service's hand), but do not wait for the native command. That is why participants are
 * called on that path too: it is the one path on which the master goes down with every slave
 * already down, and a participant that was skipped there would lose its state on the most common
 * shutdown of all. A participant must not assume that the master's native command follows.</li>
 * </ul>
 *
 * <h2>Postponing, and its bound: never a veto</h2>
 * A participant postpones the master's step by returning a promise that is not resolved yet; the
 * master goes on once it resolves, or once {@link Preparation#maxWait()} has passed since the call
 * (the master's configuration {@code participant.max.ms}), whichever comes first. Returning
 * {@code null} or a resolved promise means ready at once. A participant that throws, whose promise
 * fails, or that overruns its bound is named in the shutdown's result and summary
 * ({@link ParticipantOutcome}), and the shutdown goes on: the slaves are already down, and a
 * participant cannot veto it. A participant still working when its bound passes is not interrupted;
 * the master simply no longer waits for it.
 *
 * <h2>Cancelled</h2>
 * When a shutdown for which {@link #prepare} was called ends without the master's native command
 * having started — it was cancelled (a time-out, an interrupt or {@link ShutdownService#cancel()})
 * while the participants prepared or while the master waited for a slave found running by its last
 * re-check, or the master's native command failed — every participant whose {@code prepare} was
 * called is told through {@link #cancelled}: the master keeps running, so undo what {@code prepare}
 * did (open the bus again). A participant that was not called is not told.
 *
 * <p>Whatever a participant throws, an {@link Error} included, is logged and changes nothing else.
 */
@ConsumerType
public interface ShutdownParticipant {

    /**
     * Prepares for the master's step.
     *
     * @return a promise that resolves when this participant is ready; {@code null}, or a resolved
     *         promise, when it is ready at once
     * @throws Exception if it cannot prepare: it is named in the result, and the shutdown goes on
     */
    Promise<?> prepare(Preparation preparation) throws Exception;

    /**
     * The shutdown that {@link #prepare} was called for ended without the master's native command
     * having started: the master keeps running. Called at most once per call of {@code prepare},
     * possibly while the promise {@code prepare} returned is still unresolved.
     *
     * @param reason one line for an operator: why the master did not go down
     */
    default void cancelled(Preparation preparation, String reason) {
    }

    /**
     * What a participant is told when it is called.
     *
     * @param request the system-wide request being carried out, as it was submitted
     * @param masterAction what the master does once the participants are ready: its native shutdown,
     *        its native reboot, or {@link MasterAction#NONE} when this shutdown does not run the
     *        master's native command
     * @param maxWait how long the master waits for this participant's promise at most
     */
    record Preparation(ShutdownRequest request, MasterAction masterAction, Duration maxWait) {
        public Preparation {
            Objects.requireNonNull(request, "request");
            Objects.requireNonNull(masterAction, "masterAction");
            Objects.requireNonNull(maxWait, "maxWait");
        }
    }
}
