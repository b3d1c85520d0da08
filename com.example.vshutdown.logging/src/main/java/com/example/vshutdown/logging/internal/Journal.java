package com.example.vshutdown.logging.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Whether the process's standard error is connected to the journal: systemd sets
 * {@code JOURNAL_STREAM} to the device and inode of that stream ({@code <dev>:<ino>}). A child
 * process inherits the variable with a redirected stderr, so the stream is compared with file
 * descriptor 2 where {@code /proc} shows it (systemd.exec(5), "JOURNAL_STREAM").
 */
final class Journal {
    private Journal() {
    }

    static boolean isStderr() {
        return isStderr(System.getenv("JOURNAL_STREAM"), Path.of("/proc/self/fd/2"));
    }

    static boolean isStderr(String journalStream, Path stderr) {
        if (journalStream == null || !journalStream.matches("\\d+:\\d+")) {
            return false;
        }
        Map<String, Object> attributes;
        try {
            attributes = Files.readAttributes(stderr, "unix:dev,ino");
        } catch (IOException | UnsupportedOperationException e) {
            return true; // nothing to compare with (no /proc): trust the variable
        }
        return journalStream.equals(attributes.get("dev") + ":" + attributes.get("ino"));
    }
}
