package com.example.vshutdown.shell.internal;

import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.List;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Job;

/**
 * Finds the threads that run Gogo commands, so that Ctrl-C can interrupt the commands themselves.
 * <p>
 * Gogo runs each command of a line on a "pipe" thread of the session's pool, which it names
 * {@code pipe-<statement>} while the statement runs, and starts those threads from a job
 * controller thread. Interrupting the job ({@link Job#interrupt()}) stops the controller first:
 * the job ends at once with an {@code InterruptedException} and whatever the command does and
 * throws after the interrupt is lost. Interrupting the pipe threads instead lets the command end
 * in its own way, and the job with it. The pool's threads belong to the thread group of the thread
 * that created the session, which is how they are told apart from the rest of the framework's.
 * Gogo does not say which pipe thread runs which job, hence {@link #of(ThreadGroup, Job)}.
 */
final class PipeThreads {

    /** Gogo names a pipe thread after its statement while the statement runs. */
    static final String PREFIX = "pipe-";

    private PipeThreads() {
    }

    /** The threads of {@code group} that run a Gogo command right now. */
    static List<Thread> of(ThreadGroup group) {
        Thread[] threads = new Thread[group.activeCount() + 16];
        int count = group.enumerate(threads, true);
        List<Thread> pipes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (threads[i].getName().startsWith(PREFIX)) {
                pipes.add(threads[i]);
            }
        }
        return pipes;
    }

    /**
     * The threads of {@code group} that run the commands of {@code job}, a job of a session created
     * in that group. Every command thread belongs to the job while no other job of the session
     * runs. Otherwise (a command left running in the background) only the threads named after a
     * statement of the job's command line are taken: a background job running the very same
     * statement would be interrupted too, which is the price of Gogo not telling.
     */
    static List<Thread> of(ThreadGroup group, Job job) {
        List<Thread> pipes = of(group);
        if (!alone(job)) {
            String command = job.command().toString();
            pipes.removeIf(t -> !command.contains(t.getName().substring(PREFIX.length())));
        }
        return pipes;
    }

    private static boolean alone(Job job) {
        CommandSession session = job.session();
        try {
            // Gogo hands out a live view of the list it guards; a copy is only a snapshot.
            return new ArrayList<>(session.jobs()).stream().allMatch(j -> j == job);
        } catch (ConcurrentModificationException e) {
            return false;
        }
    }
}
