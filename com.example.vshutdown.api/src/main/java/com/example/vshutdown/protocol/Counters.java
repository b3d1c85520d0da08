package com.example.vshutdown.protocol;

/**
 * The counter rules of the protocol, in one place.
 *
 * <p>{@code nk.<id>.vm.state.running} starts at 0 and is incremented by the hypervisor at every
 * start and every stop of the domain: odd means running, even means stopped. The master asks for a
 * shutdown by writing the next even value to {@code nk.<id>.vm.state.requested}, and for a reboot
 * (a stop then a start) by writing the next odd value.
 */
public final class Counters {
    private Counters() {
    }

    public static boolean isRunning(long running) {
        return (running & 1L) == 1L;
    }

    /** The request value that asks a running domain to shut down: {@code running + 1}, even. */
    public static long shutdownValue(long running) {
        requireRunning(running);
        requireRoom(running, 1);
        return running + 1;
    }

    /** The request value that asks a running domain to reboot: {@code running + 2}, odd. */
    public static long rebootValue(long running) {
        requireRunning(running);
        requireRoom(running, 2);
        return running + 2;
    }

    /** The request value for a shutdown or a reboot of a running domain. */
    public static long requestValue(long running, boolean reboot) {
        return reboot ? rebootValue(running) : shutdownValue(running);
    }

    /** A request is new, and so waits for the agent, while it is ahead of the running counter. */
    public static boolean isNewRequest(long requested, long running) {
        return requested > running;
    }

    /** What a domain's running counter says about a request written to it. */
    public enum Answer {
        /** Not answered yet: the counter has not reached the request. */
        PENDING,
        /** The domain did what was asked (see {@link Counters#answer}). */
        ACKNOWLEDGED,
        /**
         * Asked to shut down, the domain went down and was started again: it runs now, so it must be
         * asked again (with its new {@code running + 1}); it is not acknowledged.
         */
        CAME_BACK_UP
    }

    /**
     * Classifies a request by the running counter read now. 004 defines the acknowledgement as
     * {@code running == requested}; a re-read can miss that exact moment (notifications are hints),
     * so a later value is read by what it means:
     * <ul>
     * <li>a shutdown (even request): {@code running >= requested} and even is acknowledged (it went
     * down, perhaps more than once); an odd value above the request means it came back up and runs;
     * <li>a reboot (odd request): {@code running >= requested} is acknowledged (it went down and came
     * back, and any later value passed through the request);
     * <li>anything below the request is pending.
     * </ul>
     */
    public static Answer answer(long requested, long running) {
        if (running < requested) {
            return Answer.PENDING;
        }
        if (!isRebootRequest(requested) && isRunning(running)) {
            return Answer.CAME_BACK_UP;
        }
        return Answer.ACKNOWLEDGED;
    }

    /** Even request values ask for a shutdown, odd ones for a reboot. */
    public static boolean isRebootRequest(long requested) {
        return isRunning(requested);
    }

    private static void requireRoom(long running, int steps) {
        if (running > Long.MAX_VALUE - steps) {
            throw new IllegalArgumentException("running counter " + running + " cannot be advanced");
        }
    }

    private static void requireRunning(long running) {
        if (running < 0 || !isRunning(running)) {
            throw new IllegalArgumentException("domain is not running (counter " + running + ")");
        }
    }
}
