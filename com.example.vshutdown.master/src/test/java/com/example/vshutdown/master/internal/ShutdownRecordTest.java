package com.example.vshutdown.master.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

import org.junit.jupiter.api.Test;
import org.osgi.util.promise.Promise;

import com.example.vshutdown.api.ExitStatus;
import com.example.vshutdown.api.ShutdownException;
import com.example.vshutdown.api.ShutdownRefusedException;
import com.example.vshutdown.api.ShutdownRequest;
import com.example.vshutdown.api.ShutdownResult;
import com.example.vshutdown.api.ShutdownResult.Outcome;
import com.example.vshutdown.master.internal.machine.IntentRecord;
import com.example.vshutdown.master.internal.machine.IntentRecord.Asked;
import com.example.vshutdown.spi.NativeShutdown;

/**
 * The intent of a shutdown in the state directory: recorded before its first request, each request
 * recorded before it is written, and gone when the shutdown ends (before the master's own step,
 * which may take the process down with it). A record a master left behind refuses the next
 * shutdown of a one-shot master, naming it; a corrupt one is never guessed at.
 */
class ShutdownRecordTest {
    private final Fixture fixture = new Fixture();
    private final FakePlatform platform = fixture.platform;
    /** At each write of a request, what the record held. */
    private final List<String> recordAtWrite = new CopyOnWriteArrayList<>();

    ShutdownRecordTest() {
        platform.domain(1, "1").domain(2, "1").domain(3, "5");
        fixture.configuration.put("stop.order", "*;3");
    }

    @Test
    void eachRequestIsRecordedBeforeItIsWrittenWithTheIntentAndItsDeadline() throws Exception {
        new Slaves(fixture, Duration.ofMillis(10)).cooperate(1, 2, 3);
        BiConsumer<String, String> hook = (name, value) -> {
            if (name.startsWith("nk.") && name.endsWith(".vm.state.requested")) {
                IntentRecord now = Records.read(fixture).orElseThrow();
                recordAtWrite.add(name + "=" + value + " recorded as " + now.asked().stream()
                        .map(a -> a.domain() + ":" + a.value() + "@" + (a.group() + 1)).toList());
            }
        };
        platform.onWrite = hook.andThen(platform.onWrite);
        List<String> recordAtNative = new CopyOnWriteArrayList<>();
        fixture.boundNative = new NativeShutdown() {
            @Override
            public String description() {
                return "looks for the record";
            }

            @Override
            public void shutdown() {
                recordAtNative.add(Records.read(fixture).map(IntentRecord::toString).orElse("none"));
            }

            @Override
            public void reboot() {
                shutdown();
            }
        };
        Instant started = fixture.wallClock();

        Promise<ShutdownResult> promise = fixture.coordinator()
                .submit(ShutdownRequest.systemWide().withTimeout(Duration.ofSeconds(5)));
        IntentRecord first = Records.read(fixture).orElseThrow();
        ShutdownResult result = fixture.after(Duration.ofMillis(20), promise);

        assertEquals(Outcome.COMPLETED, result.outcome());
        assertEquals(ProcessHandle.current().pid(), first.pid());
        assertEquals("boot-1", first.boot());
        assertEquals(started, first.started());
        assertEquals(Optional.of(started.plusSeconds(5)), first.deadline());
        assertEquals("*;3", first.stopOrder());
        assertEquals(List.of(
                "nk.1.vm.state.requested=2 recorded as [1:2@1, 2:2@1]",
                "nk.2.vm.state.requested=2 recorded as [1:2@1, 2:2@1]",
                "nk.3.vm.state.requested=6 recorded as [1:2@1, 2:2@1, 3:6@2]"), recordAtWrite);
        assertEquals(List.of("none"), recordAtNative, "gone before the master's own step");
        assertTrue(Records.read(fixture).isEmpty());
    }

    @Test
    void aCancelledShutdownKeepsItsRecordUntilItsRequestsAreWithdrawn() throws Exception {
        Promise<ShutdownResult> promise = fixture.coordinator().submit(ShutdownRequest.selective(1)
                .withTimeout(Duration.ofMillis(100)));
        List<Optional<IntentRecord>> atWithdrawal = new CopyOnWriteArrayList<>();
        platform.onWrite = (name, value) -> atWithdrawal.add(Records.read(fixture));

        ShutdownResult result = fixture.after(Duration.ofMillis(100), promise);

        assertEquals(Outcome.CANCELLED, result.outcome());
        assertEquals(1, atWithdrawal.size());
        assertEquals(List.of(new Asked(1, 2, 1, -1, Fixture.WALL_START.plusNanos(1_000_000_000L))),
                atWithdrawal.get(0).orElseThrow().asked());
        assertTrue(Records.read(fixture).isEmpty());
    }

    @Test
    void aStateDirectoryThatCannotBeWrittenRefusesWithExitStatusFourAndNothingIsAsked() throws Exception {
        // root may write anywhere: a directory where the record's new version goes stands for a read-only one
        Path inTheWay = Files.createDirectories(fixture.stateDir().resolve("shutdown.intent.new"));

        ShutdownException e = assertThrows(ShutdownException.class,
                () -> fixture.coordinator().submit(ShutdownRequest.systemWide()));

        assertEquals(ExitStatus.ERROR, e.status());
        assertTrue(e.getMessage().startsWith("the shutdown cannot be recorded in " + fixture.record() + " ("
                + inTheWay), e::getMessage);
        assertTrue(e.getMessage().endsWith("): nothing was asked; set vshutdown.state.dir to a directory this user "
                + "may write"), e::getMessage);
        assertEquals(List.of(), platform.writes());
        assertEquals("", Records.lockHolder(fixture));
    }

    @Test
    void aRecordLeftBehindRefusesANewShutdownNamingWhenAndByWhom() throws Exception {
        new Records(fixture).startedAgo(Duration.ofMinutes(3)).wrote(1, 2, 1, 0).leave();

        ShutdownRefusedException e = assertThrows(ShutdownRefusedException.class,
                () -> fixture.coordinator().submit(ShutdownRequest.selective(2)));

        assertEquals("refused: a shutdown recorded on this machine did not end: shutdown of the system started "
                + "2030-01-01T07:57:01Z by pid 999999999, whose master is gone; 'vshutdown --cancel' withdraws the "
                + "requests of it that no agent picked up", e.getMessage());
        assertEquals(List.of(), platform.writes());
        assertEquals("", Records.lockHolder(fixture));
    }

    @Test
    void aRecordOfAnEarlierBootSaysSo() throws Exception {
        new Records(fixture).boot("boot-0").wrote(1, 2, 1, 0).leave();

        ShutdownRefusedException e = assertThrows(ShutdownRefusedException.class,
                () -> fixture.coordinator().submit(ShutdownRequest.systemWide()));

        assertTrue(e.getMessage().contains(", whose master is gone (it was recorded before the machine last "
                + "started); "), e::getMessage);
    }

    @Test
    void aCorruptRecordIsNamedLeftAsItIsAndNothingIsAsked() throws Exception {
        String text = new Records(fixture).wrote(1, 2, 1, 0).record().format().replace("force false", "force maybe");
        Records.write(fixture, text);

        ShutdownException e = assertThrows(ShutdownException.class,
                () -> fixture.coordinator().submit(ShutdownRequest.selective(2)));

        assertEquals(ExitStatus.ERROR, e.status());
        assertEquals("the shutdown record " + fixture.record() + " is corrupt (force 'maybe' is neither true "
                + "nor false): it was left as it is and nothing was done; check each domain it names ('domains'), "
                + "withdraw a request no agent picked up by hand (requested = running), then remove the file",
                e.getMessage());
        assertEquals(text, Files.readString(fixture.record()));
        assertEquals(List.of(), platform.writes());
    }

    @Test
    void aRecordThatCannotBeReadIsNamedAndNothingIsAsked() throws Exception {
        Files.createDirectories(fixture.record());

        ShutdownException e = assertThrows(ShutdownException.class,
                () -> fixture.coordinator().submit(ShutdownRequest.selective(2)));

        assertEquals(ExitStatus.ERROR, e.status());
        assertTrue(e.getMessage().startsWith("the shutdown record " + fixture.record() + " cannot be read ("),
                e::getMessage);
        assertTrue(Files.isDirectory(fixture.record()));
        assertEquals(List.of(), platform.writes());
    }
}
