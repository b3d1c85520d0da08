package com.example.vshutdown.master.internal.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.example.vshutdown.api.ExitStatus;
import com.example.vshutdown.api.InvalidRequestException;
import com.example.vshutdown.api.ShutdownRequest;

class CommandLineTest {
    @Test
    void noArgumentsIsASystemWideShutdownWithoutTimeOut() throws Exception {
        ShutdownRequest request = CommandLine.request(false, false, "");

        assertTrue(request.isSystemWide());
        assertFalse(request.reboot());
        assertFalse(request.force());
        assertEquals(Optional.empty(), request.timeout());
    }

    @Test
    void optionsAndVmidMakeASelectiveRequest() throws Exception {
        ShutdownRequest request = CommandLine.request(true, true, "2500", "4");

        assertEquals(4, request.domain().getAsInt());
        assertTrue(request.reboot());
        assertTrue(request.force());
        assertEquals(Optional.of(Duration.ofMillis(2500)), request.timeout());
    }

    @Test
    void aZeroTimeOutIsAllowed() throws Exception {
        assertEquals(Optional.of(Duration.ZERO), CommandLine.request(false, false, "0").timeout());
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "1.5", "0x10", "1e3", " 5", "5 ", "+5", "99999999999999999999", "5\n", "05"})
    void aMalformedTimeOutIsRefused(String timeout) {
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> CommandLine.request(false, false, timeout));

        assertTrue(e.getMessage().startsWith("time-out '"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line");
        assertEquals(ExitStatus.BAD_INPUT, e.status());
    }

    /**
     * Case 10 of the safety issue: a time-out whose deadline overflows must be refused when the
     * command is parsed, before anything is read or written, with one line naming the maximum.
     */
    @ParameterizedTest
    @ValueSource(strings = {"9223372037000", "9223372036854775807", "31536000001"})
    void aTimeOutAboveTheMaximumIsRefusedNamingIt(String timeout) {
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> CommandLine.request(false, false, timeout, "1"));

        assertEquals(ExitStatus.BAD_INPUT, e.status());
        assertTrue(e.getMessage().startsWith("time-out '" + timeout + "' is too long"), e.getMessage());
        assertTrue(e.getMessage().contains("at most 31536000000 ms (365 days)"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line");
    }

    @Test
    void theMaximumTimeOutItselfIsAccepted() throws Exception {
        assertEquals(Optional.of(Duration.ofDays(365)), CommandLine.request(false, false, "31536000000").timeout());
    }

    /** The help text states the maximum that the parser enforces: both come from ShutdownRequest. */
    @Test
    void theHelpTextStatesTheMaximumTimeOut() throws Exception {
        Method command = Arrays.stream(VShutdownCommands.class.getMethods())
                .filter(m -> m.getName().equals("vshutdown")).findFirst().orElseThrow();
        String help = Arrays.stream(command.getParameters())
                .filter(p -> p.isAnnotationPresent(Parameter.class)
                        && Arrays.asList(p.getAnnotation(Parameter.class).names()).contains("-t"))
                .map(p -> p.getAnnotation(Descriptor.class).value()).findFirst().orElseThrow();

        assertTrue(help.contains(CommandLine.MAX_TIMEOUT_TEXT), help);
    }

    @Test
    void aNegativeTimeOutIsRefused() {
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> CommandLine.request(false, false, "-5"));

        assertTrue(e.getMessage().contains("negative"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"x", "1a", "1.0", "0x2", "", " 3", "007", "2147483648"})
    void aMalformedVmidIsRefused(String vmid) {
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> CommandLine.request(false, false, "", vmid));

        assertTrue(e.getMessage().startsWith("vmid '"), e.getMessage());
    }

    @Test
    void aNegativeVmidIsRefusedAsSuch() {
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> CommandLine.request(false, false, "", "-3"));

        assertTrue(e.getMessage().contains("negative"), e.getMessage());
    }

    @Test
    void anUnknownOptionIsNamed() {
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> CommandLine.request(false, false, "", "-x"));

        assertTrue(e.getMessage().startsWith("unknown option '-x'"), e.getMessage());
        assertTrue(e.getMessage().contains(CommandLine.USAGE));
    }

    @Test
    void twoVmidsAreRefused() {
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> CommandLine.request(false, false, "", "1", "2"));

        assertTrue(e.getMessage().startsWith("only one vmid"), e.getMessage());
    }

    @Test
    void slavesOnlyIsASystemWideRequestWithoutTheMastersCommand() throws Exception {
        ShutdownRequest request = CommandLine.request(false, true, true, "30000");

        assertTrue(request.slavesOnly());
        assertTrue(request.isSystemWide());
        assertTrue(request.force());
        assertEquals(Optional.of(Duration.ofSeconds(30)), request.timeout());
    }

    @Test
    void slavesOnlyWithARebootOrAVmidIsBadInput() {
        InvalidRequestException reboot = assertThrows(InvalidRequestException.class,
                () -> CommandLine.request(true, false, true, ""));
        InvalidRequestException vmid = assertThrows(InvalidRequestException.class,
                () -> CommandLine.request(false, false, true, "", "3"));

        assertEquals(ExitStatus.BAD_INPUT, reboot.status());
        assertEquals("reboot and slaves-only do not go together: a slaves-only shutdown runs no native command of the "
                + "master, so nothing would reboot; " + CommandLine.USAGE, reboot.getMessage());
        assertEquals("slaves-only is system-wide: it takes no vmid (domain 3 given); " + CommandLine.USAGE,
                vmid.getMessage());
    }
}
