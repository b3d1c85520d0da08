package com.example.vshutdown.master.internal.commands;

import java.time.Duration;

import com.example.vshutdown.api.InvalidRequestException;
import com.example.vshutdown.api.ShutdownRequest;
import com.example.vshutdown.protocol.InvalidValueException;
import com.example.vshutdown.protocol.Values;

/**
 * Turns the arguments of {@code vshutdown} into a request, strictly: anything that is not exactly
 * an option, one domain id and a number of milliseconds is refused with one line that says what is
 * wrong, before anything is read or written.
 */
final class CommandLine {
    static final String USAGE = "usage: " + Manual.VSHUTDOWN_PAGE.synopsis().get(0) + ", or "
            + Manual.VSHUTDOWN_PAGE.synopsis().get(1);
    /** The longest time-out, as the help text and the refusal state it. */
    static final String MAX_TIMEOUT_TEXT = ShutdownRequest.MAX_TIMEOUT.toMillis() + " ms ("
            + ShutdownRequest.MAX_TIMEOUT.toDays() + " days)";

    private CommandLine() {
    }

    static ShutdownRequest request(boolean reboot, boolean force, String timeout, String... vmids)
            throws InvalidRequestException {
        return request(reboot, force, false, timeout, vmids);
    }

    /**
     * @param slavesOnly {@code --slaves-only}: system-wide, without the master's native command; the
     *        request's own rules refuse it with a vmid or {@code -r}
     */
    static ShutdownRequest request(boolean reboot, boolean force, boolean slavesOnly, String timeout,
            String... vmids) throws InvalidRequestException {
        String[] args = vmids == null ? new String[0] : vmids;
        for (String arg : args) {
            if (arg.startsWith("-") && !isNumber(arg.substring(1))) {
                throw new InvalidRequestException("unknown option '" + Values.printable(arg) + "'; " + USAGE);
            }
        }
        if (args.length > 1) {
            throw new InvalidRequestException("only one vmid may be given, got " + args.length + " ('"
                    + Values.printable(String.join(" ", args)) + "'); " + USAGE);
        }
        ShutdownRequest request = args.length == 0
                ? ShutdownRequest.systemWide()
                : ShutdownRequest.selective(vmid(args[0]));
        try {
            request = request.withReboot(reboot).withForce(force).withSlavesOnly(slavesOnly);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(e.getMessage() + "; " + USAGE);
        }
        return timeout == null || timeout.isEmpty() ? request : request.withTimeout(timeout(timeout));
    }

    private static int vmid(String text) throws InvalidRequestException {
        if (text.startsWith("-")) {
            throw new InvalidRequestException("vmid '" + Values.printable(text)
                    + "' is negative: a domain id is an unsigned decimal number");
        }
        try {
            return Values.parseDomainId(text);
        } catch (InvalidValueException e) {
            throw new InvalidRequestException("vmid '" + Values.printable(text)
                    + "' is not a domain id (an unsigned decimal number, as 'domains' lists them)");
        }
    }

    private static Duration timeout(String text) throws InvalidRequestException {
        if (text.startsWith("-")) {
            throw new InvalidRequestException("time-out '" + Values.printable(text)
                    + "' is negative: give a number of milliseconds, e.g. -t 5000");
        }
        long millis;
        try {
            if (text.endsWith("\n")) {
                throw new InvalidValueException("newline");
            }
            millis = Values.parseCounter(text);
        } catch (InvalidValueException e) {
            throw new InvalidRequestException("time-out '" + Values.printable(text)
                    + "' is not a number of milliseconds, e.g. -t 5000");
        }
        // refused here, before anything is read or written: a deadline past the bound could overflow
        if (millis > ShutdownRequest.MAX_TIMEOUT.toMillis()) {
            throw new InvalidRequestException("time-out '" + Values.printable(text) + "' is too long: at most "
                    + MAX_TIMEOUT_TEXT);
        }
        return Duration.ofMillis(millis);
    }

    private static boolean isNumber(String text) {
        return !text.isEmpty() && text.chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
