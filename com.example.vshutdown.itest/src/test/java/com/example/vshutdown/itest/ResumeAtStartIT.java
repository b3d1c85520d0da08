package com.example.vshutdown.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;

import com.example.vshutdown.protocol.VProperties;

/**
 * A master that starts as a service ({@code vshutdown.master.resume=true}) on a machine where a
 * master died in the middle of a system-wide shutdown: the record it left in the state directory
 * is found once the Linux provider is bound, the shutdown is resumed (its standing request awaited,
 * the slave it had not asked yet asked), and it ends as it was asked: with the master's native
 * shutdown, here a script that only notes that it ran.
 */
@RunWith(PaxExam.class)
public class ResumeAtStartIT extends VShutdownTestSupport {

    private String root;
    private Path ran;

    @Override
    protected String simulatedDomains() {
        return "1:ignore";
    }

    @Override
    protected List<Option> extraOptions() {
        // the dead master asked domain 1 (requested 2, not acknowledged yet) and had not asked domain 2
        root = LinuxPlatformDir.create(Map.of(VProperties.running(0), "1", VProperties.running(1), "1",
                VProperties.requested(1), "2", VProperties.running(2), "1"));
        ran = Paths.get(root).resolveSibling(Paths.get(root).getFileName() + ".native");
        Instant started = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(5);
        write(stateDirectory().resolve("shutdown.intent"), "format 1\npid 999999999\nboot " + bootId()
                + "\nstarted " + started + "\nrequest system-wide\nreboot false\nforce false\nslaves-only false\n"
                + "timeout.ms none\ndeadline none\nstop.order *\nasked domain=1 requested=2 running=1 group=1 at="
                + started + "\n");
        return List.of(frameworkProperty(LinuxPlatformDir.ROOT_PROPERTY).value(root),
                frameworkProperty("vshutdown.master.resume").value("true"),
                frameworkProperty("vshutdown.master.safety.reread.ms").value("100"),
                frameworkProperty("vshutdown.linux.shutdown.command").value(script("shutdown")),
                frameworkProperty("vshutdown.linux.reboot.command").value(script("reboot")),
                frameworkProperty("vshutdown.itest.root").value(root),
                frameworkProperty("vshutdown.itest.native").value(ran.toString()));
    }

    @Test
    public void theRecordedShutdownIsResumedAndEndsWithTheMastersNativeShutdown() throws Exception {
        String platform = context.getProperty("vshutdown.itest.root");
        Path nativeRan = Paths.get(context.getProperty("vshutdown.itest.native"));
        Path record = Paths.get(context.getProperty(STATE_DIR_PROPERTY), "shutdown.intent");
        await("the record taken over by this process", () -> read(record), r -> r.contains(
                "\npid " + ProcessHandle.current().pid() + "\n"));

        LinuxPlatformDir.write(platform, VProperties.running(1), "2");
        await("domain 2 asked by the resumed shutdown", () -> LinuxPlatformDir.read(platform,
                VProperties.requested(2)).orElse(""), "2"::equals);
        LinuxPlatformDir.write(platform, VProperties.running(2), "2");

        await("the master's native shutdown", () -> read(nativeRan), "shutdown\n"::equals);
        assertFalse("gone before the master's own step", Files.exists(record));
        assertEquals("2", LinuxPlatformDir.read(platform, VProperties.requested(1)).orElseThrow());
    }

    /** Linux names each boot; a record of another boot would not be resumed. */
    private static String bootId() {
        try {
            return Files.readString(Paths.get("/proc/sys/kernel/random/boot_id")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** A harmless native command: it notes that it ran, and with which argument. */
    private String script(String what) {
        Path script = Paths.get(root).resolveSibling(Paths.get(root).getFileName() + ".native.sh");
        write(script, "#!/bin/sh\necho \"$1\" >> '" + ran + "'\n");
        try {
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return script + " " + what;
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
