package com.example.vshutdown.linux.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Which native shutdown and reboot commands fit the OS this runs on, detected once at start:
 * <ul>
 * <li>Android: {@code reboot -p} and {@code reboot} (toolbox's reboot sets {@code sys.powerctl},
 * which init acts on);</li>
 * <li>Linux booted by systemd: {@code systemctl poweroff} and {@code systemctl reboot}, which
 * stop the services in order instead of signalling everything at once;</li>
 * <li>other Linux (sysvinit, busybox): {@code poweroff} and {@code reboot}.</li>
 * </ul>
 * Configured commands replace these; nothing else is tried when one fails.
 */
record PlatformDetection(String platform, List<String> shutdown, List<String> reboot) {
    /** Where Android's init and toolbox live; a Linux distribution has neither. */
    static final String ANDROID_BUILD_PROP = "/system/build.prop";
    static final String ANDROID_REBOOT = "/system/bin/reboot";
    /** systemd's own test of whether it booted the system (sd_booted). */
    static final String SYSTEMD_RUNTIME = "/run/systemd/system";

    static PlatformDetection detect() {
        return detect(path -> Files.exists(Path.of(path)), System.getenv());
    }

    /**
     * @param exists whether a path exists, so tests need no Android
     * @param environment the process environment: Android's init sets ANDROID_ROOT for every service
     */
    static PlatformDetection detect(Predicate<String> exists, Map<String, String> environment) {
        if (exists.test(ANDROID_REBOOT) && (exists.test(ANDROID_BUILD_PROP) || environment.containsKey("ANDROID_ROOT"))) {
            return new PlatformDetection("Android", List.of(ANDROID_REBOOT, "-p"), List.of(ANDROID_REBOOT));
        }
        if (exists.test(SYSTEMD_RUNTIME)) {
            return new PlatformDetection("Linux with systemd", List.of("systemctl", "poweroff"),
                    List.of("systemctl", "reboot"));
        }
        return new PlatformDetection("Linux without systemd", List.of("poweroff"), List.of("reboot"));
    }
}
