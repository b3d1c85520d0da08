package com.example.vshutdown.dist;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A machine for process tests of the master on the Linux provider: a directory of vproperty files
 * standing in for {@code /sys/nk/prop} (the test plays the hypervisor by writing them), the run
 * and state directories of the machine-wide lock and the shutdown record, and a harmless native
 * shutdown that only notes that it ran. Every app started on it gets the options that say so.
 */
final class PropertyDirectory {
    private final Path base;

    PropertyDirectory() {
        try {
            base = Files.createDirectories(Paths.get("target", "machines", UUID.randomUUID().toString()))
                    .toAbsolutePath();
            Files.createDirectories(props());
            Path script = base.resolve("native.sh");
            Files.writeString(script, "#!/bin/sh\necho \"$1\" >> '" + nativeRan() + "'\n");
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Running slaves 1..n and the master's domain 0, every counter 1. */
    PropertyDirectory running(int slaves) {
        for (int id = 0; id <= slaves; id++) {
            write("nk." + id + ".vm.state.running", "1");
        }
        return this;
    }

    Path props() {
        return base.resolve("prop");
    }

    Path record() {
        return base.resolve("state").resolve("shutdown.intent");
    }

    Path lock() {
        return base.resolve("run").resolve("vshutdown.lock");
    }

    /** Where the harmless native shutdown notes each call: {@code shutdown} or {@code reboot}, a line each. */
    Path nativeRan() {
        return base.resolve("native.ran");
    }

    /** The JVM options of an app on this machine: the Linux provider on the files, its own directories. */
    List<String> options() {
        Path script = base.resolve("native.sh");
        return List.of("-Dvshutdown.linux.root=" + props(), "-Dvshutdown.run.dir=" + base.resolve("run"),
                "-Dvshutdown.state.dir=" + base.resolve("state"),
                "-Dvshutdown.linux.shutdown.command=" + script + " shutdown",
                "-Dvshutdown.linux.reboot.command=" + script + " reboot",
                "-Dvshutdown.master.safety.reread.ms=100");
    }

    /** An app on this machine. */
    VshutdownJar app(String... arguments) {
        VshutdownJar app = VshutdownJar.command(arguments);
        options().forEach(app::jvmOption);
        return app;
    }

    /** The hypervisor's side: replaces a property file whole, so that no reader sees half a value. */
    void write(String name, String value) {
        try {
            Path tmp = props().resolve("." + name + ".tmp");
            Files.writeString(tmp, value + "\n", StandardCharsets.US_ASCII);
            Files.move(tmp, props().resolve(name), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Optional<String> read(String name) {
        Path file = props().resolve(name);
        try {
            return Files.exists(file) ? Optional.of(Files.readString(file).strip()) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the native shutdown noted so far; empty while it never ran. */
    String nativeCalls() {
        try {
            return Files.exists(nativeRan()) ? Files.readString(nativeRan()) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
