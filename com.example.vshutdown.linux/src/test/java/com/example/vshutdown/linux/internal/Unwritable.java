package com.example.vshutdown.linux.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * Makes a file that this process cannot write, and undoes it on close. Permissions do not stop
 * root, so as root the file is made immutable ({@code chattr +i}), which does.
 */
final class Unwritable implements AutoCloseable {
    private final Path file;
    private final boolean immutable;

    private Unwritable(Path file, boolean immutable) {
        this.file = file;
        this.immutable = immutable;
    }

    static Unwritable make(Path file) throws IOException, InterruptedException {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r--r--"));
        if (writable(file)) {
            Unwritable made = new Unwritable(file, true);
            chattr("+i", file);
            Assumptions.assumeFalse(writable(file), "cannot make " + file + " unwritable (chattr +i unsupported)");
            return made;
        }
        return new Unwritable(file, false);
    }

    private static boolean writable(Path file) {
        try (var channel = Files.newByteChannel(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void chattr(String flag, Path file) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("chattr", flag, file.toString()).inheritIO().start();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (immutable) {
            chattr("-i", file);
        }
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    }
}
