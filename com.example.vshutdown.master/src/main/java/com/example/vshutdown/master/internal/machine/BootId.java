package com.example.vshutdown.master.internal.machine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * Which boot of the machine this is, so that a shutdown record found after a reboot is told from
 * one left by a master that crashed in this boot: a record survives in the state directory, but
 * whatever its shutdown asked of the slaves ended when the machine went down, and the hypervisor
 * counts their counters afresh. Linux names each boot ({@code /proc/sys/kernel/random/boot_id});
 * elsewhere the start of process 1 stands for it where the JDK knows it; else the boot is unknown,
 * and a record is taken to be of this boot.
 */
final class BootId {
    static final String UNKNOWN = "unknown";
    private static final Path LINUX = Path.of("/proc/sys/kernel/random/boot_id");

    private BootId() {
    }

    static String current() {
        try {
            String id = Files.readString(LINUX, StandardCharsets.US_ASCII).strip();
            if (!id.isEmpty() && id.chars().allMatch(c -> c > ' ' && c < 127)) {
                return id;
            }
        } catch (IOException | SecurityException e) {
            // not Linux, or no procfs: try the start of process 1
        }
        Optional<Instant> init = ProcessHandle.of(1).flatMap(p -> p.info().startInstant());
        return init.map(start -> "init-" + start.getEpochSecond()).orElse(UNKNOWN);
    }

    /** Whether a record of boot {@code recorded} is certainly of another boot than {@code current}. */
    static boolean another(String recorded, String current) {
        return !recorded.equals(UNKNOWN) && !current.equals(UNKNOWN) && !recorded.equals(current);
    }
}
