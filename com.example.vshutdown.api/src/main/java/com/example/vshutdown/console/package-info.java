/**
 * Ctrl-C for commands that run in a console: the interactive shell, a one-shot command line and,
 * later, the control socket. A <em>line runner</em> runs one command line at a time in a Gogo
 * session and owns that line's Ctrl-C; a command that can be cancelled says how, by registering
 * its own cancel with the runner's {@link com.example.vshutdown.console.Cancellation}, which the
 * runner publishes in the session. The runner never interrupts threads it finds: it runs what
 * was registered.
 *
 * <h2>The contract</h2>
 * <ol>
 * <li><b>Who registers what.</b> A command registers, from the thread that runs it, the action
 * that cancels its own work ({@code vshutdown}: interrupting its own thread, which
 * {@code ShutdownService.run} turns into the cancel of <em>its</em> shutdown). It closes the
 * registration when that work is over.</li>
 * <li><b>The first Ctrl-C</b> of a line runs every registered action whose command runs in the
 * foreground, once, and is remembered for the rest of the line: an action registered later in
 * that line by a foreground command runs at once, on the registering thread, and its
 * registration says so ({@link com.example.vshutdown.console.Cancellation.Registration#cancelled()}).
 * A Ctrl-C can therefore not be lost in the moment between a line's start and its command's
 * registration.</li>
 * <li><b>Foreground and background.</b> A command runs in the foreground while the Gogo job it
 * belongs to ({@code Job.Utils.current()}, its top-level job) has the status {@code Foreground}
 * at the moment of the Ctrl-C; a job started with {@code &} is in the background and is never
 * cancelled by Ctrl-C, unless {@code fg} brought it to the foreground first. A registration made
 * on a thread that runs no Gogo job counts as foreground.</li>
 * <li><b>A command that registered nothing</b> gets nothing from the first Ctrl-C: it is neither
 * interrupted nor stopped, and its line goes on.</li>
 * <li><b>A second Ctrl-C</b> abandons the line: the runner stops waiting for it, interrupts its
 * Gogo job ({@code Job.interrupt()}) and reports exit status 130 with one error line. The
 * one-shot command then exits with 130; the interactive shell prompts again.</li>
 * <li><b>Actions</b> run at most once, on the thread that delivered the Ctrl-C (or the
 * registering thread, see 2); they must return quickly and must not block. An exception thrown
 * by an action is logged and does not stop the others.</li>
 * <li><b>The outcome</b> of a cancelled line is the command's own: its output and the exception
 * it throws (one error line naming the failing command, and its exit status) come before the
 * prompt or the process exit.</li>
 * </ol>
 * A session without a line runner (a Pax Exam test's, another console's) has no
 * {@link com.example.vshutdown.console.Cancellation}: registering there does nothing and Gogo's
 * own handling of interrupts applies.
 */
@Export
@Version("1.0.0")
package com.example.vshutdown.console;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
