package com.example.vshutdown.linux.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class PlatformDetectionTest {
    @Test
    void androidRebootsWithToolboxAndPowersOffWithMinusP() {
        PlatformDetection android = PlatformDetection.detect(
                Set.of("/system/bin/reboot", "/system/build.prop")::contains, Map.of());
        assertEquals("Android", android.platform());
        assertEquals(List.of("/system/bin/reboot", "-p"), android.shutdown());
        assertEquals(List.of("/system/bin/reboot"), android.reboot());
        assertEquals("Android", PlatformDetection.detect(Set.of("/system/bin/reboot")::contains,
                Map.of("ANDROID_ROOT", "/system")).platform());
    }

    @Test
    void linuxBootedBySystemdUsesSystemctl() {
        PlatformDetection systemd = PlatformDetection.detect(Set.of("/run/systemd/system")::contains, Map.of());
        assertEquals(List.of("systemctl", "poweroff"), systemd.shutdown());
        assertEquals(List.of("systemctl", "reboot"), systemd.reboot());
    }

    @Test
    void otherLinuxUsesPoweroffAndReboot() {
        // a stray /system/bin/reboot alone does not make a Linux distribution Android
        PlatformDetection plain = PlatformDetection.detect(Set.of("/system/bin/reboot")::contains, Map.of());
        assertEquals("Linux without systemd", plain.platform());
        assertEquals(List.of("poweroff"), plain.shutdown());
        assertEquals(List.of("reboot"), plain.reboot());
    }
}
