package com.example.vshutdown.qnx.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.example.vshutdown.spi.ShutdownVetoedException;
import com.example.vshutdown.support.offer.MalformedSettingException;

/**
 * What is QNX's own in the native shutdown, with harmless stand-ins run by {@code sh}, never the
 * real shutdown: the commands the settings name, and no veto. How a command is run, bounded and
 * stopped is the support's, tested there.
 */
class QnxNativeShutdownTest {
    private static final long BOUND_MILLIS = 20_000;

    @TempDir
    Path dir;

    private static QnxNativeShutdown nativeShutdown(String shutdown, String reboot, long timeoutMillis)
            throws MalformedSettingException {
        Map<String, Object> configured = new HashMap<>(Map.of("enabled", "true",
                "shutdown.command", new String[] {"sh", "-c", shutdown}, "reboot.command", new String[] {"sh", "-c", reboot},
                "native.timeout.ms", timeoutMillis));
        return new QnxNativeShutdown(QnxSettings.resolve(configured, name -> null));
    }

    @Test
    void shutdownAndRebootRunTheirOwnCommands() throws IOException, MalformedSettingException {
        Path log = dir.resolve("log");
        QnxNativeShutdown target = nativeShutdown("echo system >> " + log, "echo reboot >> " + log, BOUND_MILLIS);

        target.shutdown();
        target.reboot();

        assertEquals(List.of("system", "reboot"), Files.readAllLines(log));
    }

    @Test
    void aFailingCommandIsReportedWithWhatItSaidAndIsNeverAVeto() throws MalformedSettingException {
        // words that would be a veto on Linux: QNX's shutdown offers a guest no way to refuse
        QnxNativeShutdown target = nativeShutdown("echo 'Operation inhibited by updater' >&2; exit 3", "true",
                BOUND_MILLIS);

        IOException e = assertThrows(IOException.class, target::shutdown);

        assertFalse(e instanceof ShutdownVetoedException, e.toString());
        assertEquals("native shutdown command 'sh -c echo 'Operation inhibited by updater' >&2; exit 3' failed with "
                + "exit status 3: Operation inhibited by updater", e.getMessage());
    }

    /** The policy NativeShutdown states: no longer "left running", which a cancelled shutdown could not undo. */
    @Test
    void aCommandStillRunningAtTheBoundIsStoppedAndReported() throws Exception {
        Path pid = dir.resolve("pid");
        QnxNativeShutdown target = nativeShutdown("true", "echo $$ > " + pid + "; exec sleep 60", 2000);

        IOException e = assertThrows(IOException.class, target::reboot);

        assertTrue(e.getMessage().endsWith("did not finish within 2000 ms; it was stopped"), e.getMessage());
        ProcessHandle command = ProcessHandle.of(Long.parseLong(Files.readString(pid).strip())).orElse(null);
        if (command != null) {
            command.onExit().get(BOUND_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    @Test
    void theDescriptionSaysWhatRunsAndForHowLong() throws MalformedSettingException {
        assertEquals("native shutdown (QNX): 'shutdown -S system', reboot: 'shutdown -S reboot', each stopped after "
                + "30000 ms", new QnxNativeShutdown(QnxSettings.resolve(Map.of("enabled", "true"), name -> null))
                        .description());
    }
}
