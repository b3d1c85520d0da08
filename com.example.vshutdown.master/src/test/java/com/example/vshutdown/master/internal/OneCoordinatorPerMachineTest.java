package com.example.vshutdown.master.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.osgi.util.promise.Promise;

import com.example.vshutdown.api.ExitStatus;
import com.example.vshutdown.api.InvalidRequestException;
import com.example.vshutdown.api.ShutdownException;
import com.example.vshutdown.api.ShutdownRefusedException;
import com.example.vshutdown.api.ShutdownRequest;
import com.example.vshutdown.api.ShutdownResult;
import com.example.vshutdown.api.ShutdownResult.Outcome;
import com.example.vshutdown.protocol.VProperties;

/**
 * One coordinator per machine (DESIGN.md): the lock in the run directory is held for the whole of
 * a shutdown, withdrawals included, names its holder to whoever it refuses, and is free again
 * however the shutdown ended. Two coordinators of this JVM stand for two processes; the process
 * test of the dist module runs two.
 */
class OneCoordinatorPerMachineTest {
    private static final String PID = Long.toString(ProcessHandle.current().pid());
    private final Fixture fixture = new Fixture();
    private final FakePlatform platform = fixture.platform;

    OneCoordinatorPerMachineTest() {
        platform.domain(1, "1").domain(2, "1");
    }

    @Test
    void theLockIsHeldForTheWholeShutdownAndALoserIsRefusedNamingItsHolder() throws Exception {
        Coordinator first = fixture.coordinator();
        Coordinator second = fixture.coordinator();
        Promise<ShutdownResult> running = first.submit(ShutdownRequest.selective(1));
        fixture.scheduler.runDue();
        assertEquals(PID, Records.lockHolder(fixture));
        List<String> writes = platform.writes();

        ShutdownRefusedException e = assertThrows(ShutdownRefusedException.class,
                () -> second.submit(ShutdownRequest.selective(2)));

        assertEquals(ExitStatus.REFUSED, e.status());
        assertEquals("refused: another vshutdown coordinates a shutdown on this machine (pid " + PID + ", lock "
                + fixture.runDir().resolve("vshutdown.lock") + "); only one may write requests at a time",
                e.getMessage());
        assertEquals(writes, platform.writes(), "the loser wrote nothing");

        List<String> holderAtWithdrawal = new CopyOnWriteArrayList<>();
        platform.onWrite = (name, value) -> holderAtWithdrawal.add(name + "=" + value + " by " + Records.lockHolder(
                fixture));
        first.cancel();
        assertEquals(Outcome.CANCELLED, fixture.finish(running).outcome());
        assertEquals(List.of(VProperties.requested(1) + "=1 by " + PID), holderAtWithdrawal,
                "withdrawn while the lock is still held");
        assertEquals("", Records.lockHolder(fixture), "free once the shutdown ended");

        platform.onWrite = (name, value) -> { };
        second.submit(ShutdownRequest.selective(2).withTimeout(Duration.ZERO));
    }

    @Test
    void aShutdownRefusedAsBadInputLeavesTheMachineFree() throws Exception {
        Coordinator coordinator = fixture.coordinator();

        assertThrows(InvalidRequestException.class, () -> coordinator.submit(ShutdownRequest.selective(9)));

        assertEquals("", Records.lockHolder(fixture));
        assertTrue(Records.read(fixture).isEmpty(), "nothing recorded");
        assertEquals(List.of(), platform.writes());
        fixture.coordinator().submit(ShutdownRequest.selective(1).withTimeout(Duration.ZERO));
    }

    @Test
    void aShutdownThatFailsUnexpectedlyFreesTheLockAndKeepsItsRecordForTheNextMaster() throws Exception {
        Promise<ShutdownResult> failing = fixture.coordinator().submit(ShutdownRequest.selective(1));
        platform.readsThrow = new NoClassDefFoundError("com/example/Gone");
        fixture.scheduler.runDue();

        assertTrue(failing.isDone() && failing.getFailure() instanceof NoClassDefFoundError);
        assertEquals("", Records.lockHolder(fixture));
        assertEquals(List.of(1), Records.read(fixture).orElseThrow().asked().stream().map(a -> a.domain()).toList(),
                "kept: its request may still stand");
    }

    @Test
    void aRunDirectoryThatCannotBeWrittenRefusesWithExitStatusFourAndNothingIsWritten() throws Exception {
        Path notADirectory = Files.writeString(fixture.machineDir.resolve("file"), "x");
        fixture.configuration.put("run.dir", notADirectory.resolve("run").toString());

        ShutdownException e = assertThrows(ShutdownException.class,
                () -> fixture.coordinator().submit(ShutdownRequest.systemWide()));

        assertEquals(ExitStatus.ERROR, e.status());
        assertTrue(e.getMessage().startsWith("the machine-wide lock "), e::getMessage);
        assertEquals(List.of(), platform.writes());
    }

    @Test
    void onASimulatedPlatformTheLockIsTheProcesssOwnAndNothingIsRecorded() throws Exception {
        fixture.simulatedPlatform = true;
        Path notADirectory = Files.writeString(fixture.machineDir.resolve("file"), "x");
        fixture.configuration.put("run.dir", notADirectory.resolve("run").toString());
        fixture.configuration.put("state.dir", notADirectory.resolve("state").toString());
        Coordinator first = fixture.coordinator();
        Coordinator second = fixture.coordinator();

        Promise<ShutdownResult> one = first.submit(ShutdownRequest.selective(1));
        Promise<ShutdownResult> two = second.submit(ShutdownRequest.selective(2));
        fixture.scheduler.runDue();

        assertEquals(List.of("write " + VProperties.requested(1) + "=2", "write " + VProperties.requested(2) + "=2"),
                platform.writes(), "two demo apps never block each other, and need no writable directory");
        first.cancel();
        second.cancel();
        assertTrue(fixture.finish(one).simulated());
        assertTrue(fixture.finish(two).simulated());
        assertTrue(Files.isRegularFile(notADirectory));
    }

    @Test
    void aDomainListingOfASimulatedPlatformSaysSo() throws Exception {
        fixture.simulatedPlatform = true;
        assertTrue(fixture.coordinator().domains().stream().allMatch(d -> d.simulated()));
        fixture.simulatedPlatform = false;
        assertTrue(fixture.coordinator().domains().stream().noneMatch(d -> d.simulated()));
    }

}
