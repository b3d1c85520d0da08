package com.example.vshutdown.systemtest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The simulated Linux platform on disk, and how each JVM is pointed at it:
 * <ul>
 * <li>{@code prop/}: the vproperty files, the directory the Linux provider is given as its root;</li>
 * <li>{@code bin/}: the native commands of the guests and of the master (scripts);</li>
 * <li>{@code guests/<id>.log}, {@code master.log}: what those commands recorded, one line each,
 * {@code <epoch seconds.micros> <shutdown|reboot>};</li>
 * <li>{@code hypervisor/}: where the hypervisor prepares a counter before moving it into place;</li>
 * <li>{@code logs/}: stdout and stderr of every JVM.</li>
 * </ul>
 * It lives under the system's temporary directory, whose path has no spaces: the provider splits a
 * command given as a framework property at white space.
 */
final class PlatformDirectory implements AutoCloseable {
    final Path dir;
    final Path prop;
    final Path guests;
    final Path bin;
    final Path scratch;
    final Path logs;
    private final List<Path> unwritable = new ArrayList<>();

    PlatformDirectory() throws IOException {
        dir = Files.createTempDirectory("vshutdown-systemtest-");
        prop = Files.createDirectories(dir.resolve("prop"));
        guests = Files.createDirectories(dir.resolve("guests"));
        bin = Files.createDirectories(dir.resolve("bin"));
        scratch = Files.createDirectories(dir.resolve("hypervisor"));
        logs = Files.createDirectories(dir.resolve("logs"));
        // $PPID is the agent's JVM, which starts the command; ending it is the guest OS going down
        script("guest-native", """
                # <domain> <shutdown|reboot> <end|record>: the native command of a slave domain's guest OS
                export LC_ALL=C
                echo "$EPOCHREALTIME $2" >> "%s/$1.log"
                if [ "$3" = end ]; then kill -TERM $PPID; fi
                """.formatted(guests));
        script("master-native", """
                # <shutdown|reboot>: the master's native command; it records itself and leaves the machine alone
                export LC_ALL=C
                echo "$EPOCHREALTIME $1" >> "%s/master.log"
                """.formatted(dir));
    }

    private void script(String name, String body) throws IOException {
        Path script = bin.resolve(name);
        Files.writeString(script, "#!/bin/bash\n" + body);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /**
     * The master's one-shot app on this platform through the Linux provider, with the machine-wide
     * lock and the shutdown record in this directory rather than the machine's.
     */
    List<String> masterOptions(int group) {
        return List.of("-XX:+UseSerialGC", "-Dvshutdown.linux.root=" + prop, "-Dvshutdown.linux.netlink.group=" + group,
                "-Dvshutdown.linux.shutdown.command=" + bin.resolve("master-native") + " shutdown",
                "-Dvshutdown.linux.reboot.command=" + bin.resolve("master-native") + " reboot",
                "-Dvshutdown.run.dir=" + dir.resolve("run"), "-Dvshutdown.state.dir=" + dir.resolve("state"));
    }

    /**
     * The agent runtime of a slave domain on this platform, logging at {@code info} so that tests
     * can see it start.
     *
     * @param guest {@code end} when the native command ends the agent's JVM, {@code record} when it only records
     */
    List<String> agentOptions(int id, String guest, int group) {
        String command = bin.resolve("guest-native") + " " + id;
        return List.of("-XX:+UseSerialGC", "-Dvshutdown.agent.domain=" + id, "-Dvshutdown.linux.root=" + prop,
                "-Dvshutdown.linux.netlink.group=" + group,
                "-Dvshutdown.linux.shutdown.command=" + command + " shutdown " + guest,
                "-Dvshutdown.linux.reboot.command=" + command + " reboot " + guest,
                "-Dvshutdown.log.level=info");
    }

    Path guestRecord(int id) {
        return guests.resolve(id + ".log");
    }

    List<String> masterRecord() throws IOException {
        Path log = dir.resolve("master.log");
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    /** Makes a property file that this process cannot write: as root, permissions do not stop it, immutability does. */
    synchronized void makeUnwritable(String name) throws IOException, InterruptedException {
        Path file = prop.resolve(name);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r--r--"));
        unwritable.add(file);
        Process chattr = new ProcessBuilder("chattr", "+i", file.toString()).redirectErrorStream(true).start();
        if (!chattr.waitFor(10, TimeUnit.SECONDS) || chattr.exitValue() != 0) {
            throw new IOException("chattr +i " + file + " failed: "
                    + new String(chattr.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** Undoes what was made unwritable and removes the directory, unless -Dvshutdown.systemtest.keep=true. */
    @Override
    public synchronized void close() throws IOException, InterruptedException {
        for (Path file : unwritable) {
            Process chattr = new ProcessBuilder("chattr", "-i", file.toString()).redirectErrorStream(true).start();
            chattr.waitFor(10, TimeUnit.SECONDS);
        }
        if (!Boolean.getBoolean("vshutdown.systemtest.keep")) {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }
}
