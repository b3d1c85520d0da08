package com.example.vshutdown.master.internal.machine;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

import com.example.vshutdown.api.ShutdownRequest;
import com.example.vshutdown.protocol.InvalidValueException;
import com.example.vshutdown.protocol.Values;

/**
 * The intent of one shutdown, as the state directory keeps it while the shutdown runs: what was
 * asked (the request, its absolute deadline, its stop order) and every request value the master
 * has written or is about to write, so that a master that did not live to end it (killed, or its
 * machine lost power) can be followed by one that resumes it or withdraws it. The text form is
 * line-based and read strictly: a record that is not exactly what this writes is corrupt, and a
 * corrupt record is never guessed at.
 *
 * @param pid the process that coordinates it (the one that started it, or the service that resumed it)
 * @param boot the boot it was started in ({@link BootId}), to tell a record that survived a reboot
 * @param started when it started, on the wall clock: its deadline is counted from there
 * @param stopOrder the stop order it runs with, as the master's {@code stop.order} setting writes it
 * @param asked the latest request written (or about to be) to each domain, by domain
 */
public record IntentRecord(long pid, String boot, Instant started, ShutdownRequest request, String stopOrder,
        List<Asked> asked) {

    static final String FORMAT = "1";

    /**
     * A request value the master wrote, or was about to write, to one domain.
     *
     * @param running the running counter the value was computed from
     * @param group its group of the stop order, from 0; -1 in a selective shutdown
     * @param at when it was recorded, on the wall clock
     */
    public record Asked(int domain, long value, long running, int group, Instant at) {
    }

    public IntentRecord {
        Objects.requireNonNull(boot, "boot");
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(stopOrder, "stopOrder");
        started = started.truncatedTo(ChronoUnit.MILLIS);
        asked = List.copyOf(asked);
    }

    /** The absolute deadline of its time-out, if it has one. */
    public Optional<Instant> deadline() {
        return request.timeout().map(started::plus);
    }

    /** This record with these requests added; a domain asked again keeps only its latest request. */
    public IntentRecord with(List<Asked> more) {
        Map<Integer, Asked> latest = new TreeMap<>();
        asked.forEach(a -> latest.put(a.domain(), a));
        more.forEach(a -> latest.put(a.domain(), new Asked(a.domain(), a.value(), a.running(), a.group(),
                a.at().truncatedTo(ChronoUnit.MILLIS))));
        return new IntentRecord(pid, boot, started, request, stopOrder, new ArrayList<>(latest.values()));
    }

    /** The same record, now coordinated by another process (a service that resumed it). */
    public IntentRecord coordinatedBy(long newPid) {
        return new IntentRecord(newPid, boot, started, request, stopOrder, asked);
    }

    /** One line for an operator: {@code system-wide shutdown started 2025-06-01T10:00:00Z by pid 4242}. */
    public String describe() {
        return request + " started " + started.truncatedTo(ChronoUnit.SECONDS) + " by pid " + pid;
    }

    /** The text the state directory keeps. */
    public String format() {
        StringBuilder text = new StringBuilder();
        text.append("# vshutdown: the intent of a shutdown that has not ended. A master that starts as a service\n")
                .append("# resumes it; 'vshutdown --cancel' withdraws it. Do not edit: a changed record is refused.\n");
        line(text, "format", FORMAT);
        line(text, "pid", Long.toString(pid));
        line(text, "boot", boot);
        line(text, "started", started.toString());
        line(text, "request", request.domain().isPresent() ? "domain " + request.domain().getAsInt() : "system-wide");
        line(text, "reboot", Boolean.toString(request.reboot()));
        line(text, "force", Boolean.toString(request.force()));
        line(text, "slaves-only", Boolean.toString(request.slavesOnly()));
        line(text, "timeout.ms", request.timeout().map(t -> Long.toString(t.toMillis())).orElse(NONE));
        line(text, "deadline", deadline().map(Instant::toString).orElse(NONE));
        line(text, "stop.order", stopOrder);
        for (Asked a : asked) {
            line(text, "asked", "domain=" + a.domain() + " requested=" + a.value() + " running=" + a.running()
                    + " group=" + (a.group() < 0 ? NONE : Integer.toString(a.group() + 1)) + " at=" + a.at());
        }
        return text.toString();
    }

    private static final String NONE = "none";
    private static final List<String> SINGLE = List.of("format", "pid", "boot", "started", "request", "reboot",
            "force", "slaves-only", "timeout.ms", "deadline", "stop.order");

    private static void line(StringBuilder text, String key, String value) {
        text.append(key).append(' ').append(value).append('\n');
    }

    /**
     * Reads a record as {@link #format()} writes it, strictly.
     *
     * @throws CorruptRecordException naming the first line that is not as written, or what is missing
     */
    public static IntentRecord parse(String text) throws CorruptRecordException {
        Map<String, String> single = new HashMap<>();
        List<Asked> asked = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        if (!text.endsWith("\n")) {
            throw new CorruptRecordException("it does not end with a line break (it was cut short)");
        }
        for (int n = 0; n < lines.length - 1; n++) {
            String line = lines[n];
            if (line.startsWith("#")) {
                continue;
            }
            int space = line.indexOf(' ');
            String key = space < 0 ? line : line.substring(0, space);
            String value = space < 0 ? "" : line.substring(space + 1);
            try {
                if (key.equals("asked")) {
                    asked.add(asked(value));
                } else if (!SINGLE.contains(key)) {
                    throw new CorruptRecordException("'" + Values.printable(key) + "' is not a key of a record");
                } else if (single.put(key, value) != null) {
                    throw new CorruptRecordException("'" + key + "' appears twice");
                }
            } catch (CorruptRecordException e) {
                throw new CorruptRecordException("line " + (n + 1) + ": " + e.getMessage());
            }
        }
        for (String key : SINGLE) {
            if (!single.containsKey(key)) {
                throw new CorruptRecordException("'" + key + "' is missing");
            }
        }
        return fields(single, asked);
    }

    private static IntentRecord fields(Map<String, String> v, List<Asked> asked) throws CorruptRecordException {
        if (!FORMAT.equals(v.get("format"))) {
            throw new CorruptRecordException("format '" + Values.printable(v.get("format")) + "' is not " + FORMAT);
        }
        long pid = number("pid", v.get("pid"));
        String boot = v.get("boot");
        if (boot.isEmpty() || boot.chars().anyMatch(c -> c <= ' ')) {
            throw new CorruptRecordException("boot '" + Values.printable(boot) + "' is not a boot id");
        }
        Instant started = instant("started", v.get("started"));
        ShutdownRequest request;
        try {
            request = request(v.get("request"));
            request = request.withReboot(bool("reboot", v.get("reboot"))).withForce(bool("force", v.get("force")))
                    .withSlavesOnly(bool("slaves-only", v.get("slaves-only")));
            if (!v.get("timeout.ms").equals(NONE)) {
                request = request.withTimeout(Duration.ofMillis(number("timeout.ms", v.get("timeout.ms"))));
            }
        } catch (IllegalArgumentException e) {
            throw new CorruptRecordException("the request is not one: " + e.getMessage());
        }
        IntentRecord record = new IntentRecord(pid, boot, started, request, v.get("stop.order"), asked);
        String deadline = record.deadline().map(Instant::toString).orElse(NONE);
        if (!deadline.equals(v.get("deadline"))) {
            throw new CorruptRecordException("deadline '" + Values.printable(v.get("deadline"))
                    + "' is not its start plus its time-out (" + deadline + ")");
        }
        if (v.get("stop.order").isBlank()) {
            throw new CorruptRecordException("stop.order is empty");
        }
        return record;
    }

    private static ShutdownRequest request(String value) throws CorruptRecordException {
        if (value.equals("system-wide")) {
            return ShutdownRequest.systemWide();
        }
        if (value.startsWith("domain ")) {
            try {
                return ShutdownRequest.selective(Values.parseDomainId(value.substring("domain ".length())));
            } catch (InvalidValueException e) {
                // reported below
            }
        }
        throw new CorruptRecordException("request '" + Values.printable(value) + "' is neither 'system-wide' nor "
                + "'domain <id>'");
    }

    /** {@code domain=1 requested=2 running=1 group=1 at=2025-06-01T10:00:00.130Z}, in this order. */
    private static Asked asked(String value) throws CorruptRecordException {
        String[] parts = value.split(" ", -1);
        String[] keys = {"domain", "requested", "running", "group", "at"};
        if (parts.length != keys.length) {
            throw new CorruptRecordException("'asked " + Values.printable(value) + "' does not have the 5 fields "
                    + String.join(", ", keys));
        }
        String[] values = new String[keys.length];
        for (int i = 0; i < keys.length; i++) {
            if (!parts[i].startsWith(keys[i] + "=")) {
                throw new CorruptRecordException("'asked' field " + (i + 1) + " is not " + keys[i] + "=...");
            }
            values[i] = parts[i].substring(keys[i].length() + 1);
        }
        long domain = number("domain", values[0]);
        if (domain > Integer.MAX_VALUE) {
            throw new CorruptRecordException("domain " + domain + " is not a domain id");
        }
        long number = values[3].equals(NONE) ? 0 : number("group", values[3]);
        if (!values[3].equals(NONE) && (number == 0 || number > Integer.MAX_VALUE)) {
            throw new CorruptRecordException("group " + number + " is not a group (they count from 1)");
        }
        int group = (int) number - 1;
        return new Asked((int) domain, number("requested", values[1]), number("running", values[2]), group,
                instant("at", values[4]));
    }

    private static long number(String key, String value) throws CorruptRecordException {
        try {
            return Values.parseCounter(value);
        } catch (InvalidValueException e) {
            throw new CorruptRecordException(key + " " + e.getMessage());
        }
    }

    private static boolean bool(String key, String value) throws CorruptRecordException {
        if (value.equals("true") || value.equals("false")) {
            return Boolean.parseBoolean(value);
        }
        throw new CorruptRecordException(key + " '" + Values.printable(value) + "' is neither true nor false");
    }

    private static Instant instant(String key, String value) throws CorruptRecordException {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new CorruptRecordException(key + " '" + Values.printable(value) + "' is not an instant such as "
                    + "2025-06-01T10:00:00.130Z");
        }
    }
}
