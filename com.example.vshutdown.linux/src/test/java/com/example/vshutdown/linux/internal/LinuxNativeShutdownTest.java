package com.example.vshutdown.linux.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.example.vshutdown.spi.ShutdownVetoedException;
import com.example.vshutdown.support.offer.MalformedSettingException;

/** What is Linux's own in the native shutdown: the commands chosen, and systemd's veto. */
class LinuxNativeShutdownTest {
    private static final PlatformDetection SYSTEMD = new PlatformDetection("Linux with systemd",
            List.of("systemctl", "poweroff"), List.of("systemctl", "reboot"));

    @TempDir
    Path dir;

    private Path script(String body) throws IOException {
        Path script = dir.resolve("native");
        Files.writeString(script, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    private static LinuxNativeShutdown nativeShutdown(Map<String, String> framework) throws MalformedSettingException {
        return new LinuxNativeShutdown(LinuxSettings.resolve(Map.of(), framework::get), SYSTEMD);
    }

    @Test
    void theDetectedCommandsServeUnlessConfigured() throws Exception {
        assertEquals("native shutdown (Linux with systemd): 'systemctl poweroff', reboot: 'systemctl reboot', "
                + "each stopped after 20000 ms", nativeShutdown(Map.of()).description());
        assertEquals("native shutdown (configured; detected Linux with systemd): '/bin/true now', reboot: "
                + "'systemctl reboot', each stopped after 500 ms", nativeShutdown(Map.of(
                        "vshutdown.linux.shutdown.command", "/bin/true now",
                        "vshutdown.linux.command.timeout.ms", "500")).description());
    }

    @Test
    void anInhibitorLockThatRefusesIsAVetoAndOtherFailuresAreNot() throws Exception {
        Path refusing = script("echo 'Operation inhibited by \"updater\" (PID 42), reason is \"update\".'; exit 1");
        ShutdownVetoedException veto = assertThrows(ShutdownVetoedException.class,
                () -> nativeShutdown(Map.of("vshutdown.linux.reboot.command", refusing.toString())).reboot());
        assertTrue(veto.getMessage().contains("Operation inhibited by \"updater\""), veto.getMessage());

        Path failing = script("echo 'Failed to power off system: Access denied'; exit 1");
        IOException failure = assertThrows(IOException.class,
                () -> nativeShutdown(Map.of("vshutdown.linux.shutdown.command", failing.toString())).shutdown());
        assertTrue(!(failure instanceof ShutdownVetoedException), failure.toString());
    }
}
