package com.example.vshutdown.master.internal.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.example.vshutdown.api.ExitStatus;
import com.example.vshutdown.api.ShutdownException;
import com.example.vshutdown.api.ShutdownRefusedException;

/** The machine-wide lock within one process: another holder in this JVM is told apart the same way. */
class MachineLockTest {
    @TempDir
    Path dir;

    @Test
    void theHolderWritesItsPidAndALoserIsRefusedNamingIt() throws Exception {
        Path runDir = dir.resolve("run");
        try (MachineLock held = MachineLock.acquire(runDir, 4242)) {
            assertEquals("4242\n", Files.readString(runDir.resolve(MachineLock.FILE_NAME)));

            ShutdownRefusedException e = assertThrows(ShutdownRefusedException.class,
                    () -> MachineLock.acquire(runDir, 77));

            assertEquals(ExitStatus.REFUSED, e.status());
            assertEquals("refused: another vshutdown coordinates a shutdown on this machine (pid 77, lock "
                    + runDir.resolve(MachineLock.FILE_NAME) + "); only one may write requests at a time",
                    e.getMessage(), "within one JVM the holder is this process");
        }
    }

    @Test
    void releasedItIsEmptiedAndCanBeTakenAgainAndItsFileStays() throws Exception {
        Path runDir = dir.resolve("run");
        MachineLock.acquire(runDir, 1).close();
        Path file = runDir.resolve(MachineLock.FILE_NAME);

        assertTrue(Files.exists(file), "never deleted: a process may be about to lock it");
        assertEquals("", Files.readString(file));
        try (MachineLock again = MachineLock.acquire(runDir, 2)) {
            assertEquals("2\n", Files.readString(file));
        }
    }

    @Test
    void aRunDirectoryThatCannotBeMadeRefusesWithExitStatusFour() throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-dir"), "x");

        ShutdownException e = assertThrows(ShutdownException.class,
                () -> MachineLock.acquire(file.resolve("run"), 1));

        assertEquals(ExitStatus.ERROR, e.status());
        assertTrue(e.getMessage().startsWith("the machine-wide lock " + file.resolve("run").resolve("vshutdown.lock")
                + " cannot be taken (" + file), e::getMessage);
        assertTrue(e.getMessage().endsWith("): no shutdown runs unlocked; set vshutdown.run.dir to a directory this "
                + "user may write"), e::getMessage);
    }
}
