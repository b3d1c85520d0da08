package com.example.vshutdown.master.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.example.vshutdown.api.ShutdownRequest;
import com.example.vshutdown.master.internal.machine.CorruptRecordException;
import com.example.vshutdown.master.internal.machine.IntentRecord;
import com.example.vshutdown.master.internal.machine.IntentRecord.Asked;
import com.example.vshutdown.protocol.VProperties;

/**
 * Shutdown records in a fixture's state directory: the one a master left behind when it died
 * (written here as it would have written it, with the platform's counters as it left them), and
 * the one a running shutdown keeps.
 */
final class Records {
    /** A pid no process of the test has. */
    static final long GONE_PID = 999_999_999L;

    private final Fixture fixture;
    private final List<Asked> asked = new ArrayList<>();
    private ShutdownRequest request = ShutdownRequest.systemWide();
    private Instant started;
    private String boot;
    private String stopOrder = "*";

    Records(Fixture fixture) {
        this.fixture = fixture;
        this.started = fixture.wallClock();
        this.boot = fixture.boot;
    }

    Records request(ShutdownRequest shutdown) {
        this.request = shutdown;
        return this;
    }

    /** Started this long before the fixture's present. */
    Records startedAgo(java.time.Duration ago) {
        this.started = fixture.wallClock().minus(ago);
        return this;
    }

    Records boot(String id) {
        this.boot = id;
        return this;
    }

    Records stopOrder(String order) {
        this.stopOrder = order;
        return this;
    }

    /** A request the dead master recorded and wrote: the platform holds it. */
    Records wrote(int domain, long value, long running, int group) {
        asked.add(new Asked(domain, value, running, group, started));
        fixture.platform.properties.put(VProperties.requested(domain), Long.toString(value));
        return this;
    }

    /** A request the dead master recorded but died before writing: the platform does not hold it. */
    Records recordedOnly(int domain, long value, long running, int group) {
        asked.add(new Asked(domain, value, running, group, started));
        return this;
    }

    IntentRecord record() {
        return new IntentRecord(GONE_PID, boot, started, request, stopOrder, asked);
    }

    /** Leaves the record in the state directory, as a master killed mid-wait leaves it. */
    IntentRecord leave() {
        IntentRecord record = record();
        write(fixture, record.format());
        return record;
    }

    static void write(Fixture fixture, String text) {
        try {
            Files.createDirectories(fixture.stateDir());
            Files.writeString(fixture.record(), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The record in the state directory now, if there is one. */
    static Optional<IntentRecord> read(Fixture fixture) {
        Path file = fixture.record();
        try {
            return Files.exists(file) ? Optional.of(IntentRecord.parse(Files.readString(file))) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (CorruptRecordException e) {
            throw new AssertionError("the master wrote a record it cannot read: " + e.getMessage(), e);
        }
    }

    /** The pid in the lock file now: empty while nobody holds it. */
    static String lockHolder(Fixture fixture) {
        try {
            Path file = fixture.runDir().resolve("vshutdown.lock");
            return Files.exists(file) ? Files.readString(file).strip() : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
