package com.example.vshutdown.linux.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.example.vshutdown.support.offer.MalformedSettingException;

class LinuxSettingsTest {
    private static LinuxSettings resolve(Map<String, ?> configured, Map<String, String> framework)
            throws MalformedSettingException {
        return LinuxSettings.resolve(configured, framework::get);
    }

    @Test
    void withNothingSetEverySettingHasItsDefault() throws Exception {
        LinuxSettings settings = resolve(Map.of("component.name", LinuxProviderComponent.PID), Map.of());
        assertEquals(Path.of("/sys/nk/prop"), settings.root());
        assertFalse(settings.explicitRoot());
        assertEquals(2, settings.netlinkProtocol());
        assertEquals(1, settings.netlinkGroup());
        assertEquals(Duration.ofMillis(2000), settings.safetyReread());
        assertEquals(Duration.ofMillis(200), settings.pollInterval());
        assertEquals(100, settings.ranking());
        assertEquals(Optional.empty(), settings.shutdownCommand());
        assertEquals(Optional.empty(), settings.rebootCommand());
        assertEquals(Duration.ofMillis(20000), settings.commandTimeout());
    }

    @Test
    void frameworkPropertiesSetWhatTheConfigurationDoesNot() throws Exception {
        LinuxSettings settings = resolve(Map.of("netlink.group", 7), Map.of(
                "vshutdown.linux.root", "/tmp/x/prop",
                "vshutdown.linux.netlink.group", "9",
                "vshutdown.linux.netlink.protocol", "17",
                "vshutdown.linux.service.ranking", "-5",
                "vshutdown.linux.shutdown.command", " /tmp/x/native  1 shutdown ",
                "vshutdown.linux.command.timeout.ms", "1500"));
        assertEquals(Path.of("/tmp/x/prop"), settings.root());
        assertTrue(settings.explicitRoot());
        assertEquals("vshutdown.linux.root", settings.rootSource());
        assertEquals(7, settings.netlinkGroup(), "the configuration wins");
        assertEquals(17, settings.netlinkProtocol());
        assertEquals(-5, settings.ranking());
        assertEquals(Optional.of(List.of("/tmp/x/native", "1", "shutdown")), settings.shutdownCommand());
        assertEquals(Duration.ofMillis(1500), settings.commandTimeout());
    }

    @Test
    void theConfigurationGivesTypedValuesAndCommandsAsLists() throws Exception {
        LinuxSettings settings = resolve(Map.of("root", "/data/prop", "safety.reread.ms", 500L,
                "reboot.command", new String[] {"/system/bin/reboot", "now please"},
                "shutdown.command", new String[] {"systemctl poweroff"}), Map.of());
        assertEquals("root (configuration com.example.vshutdown.linux)", settings.rootSource());
        assertEquals(Duration.ofMillis(500), settings.safetyReread());
        assertEquals(Optional.of(List.of("/system/bin/reboot", "now please")), settings.rebootCommand());
        assertEquals(Optional.of(List.of("systemctl", "poweroff")), settings.shutdownCommand());
    }

    @Test
    void malformedSettingsAreRefusedInOneLineThatNamesThem() {
        assertMalformed("vshutdown.linux.netlink.group: '0x3' is not an unsigned decimal integer",
                Map.of(), Map.of("vshutdown.linux.netlink.group", "0x3"));
        assertMalformed("vshutdown.linux.netlink.group: 33 is out of range; give 1 to 32",
                Map.of(), Map.of("vshutdown.linux.netlink.group", "33"));
        assertMalformed("netlink.protocol (configuration com.example.vshutdown.linux): 32 is out of range; give 0 to 31",
                Map.of("netlink.protocol", 32), Map.of());
        assertMalformed("vshutdown.linux.safety.reread.ms: 0 is out of range; give at least 1",
                Map.of(), Map.of("vshutdown.linux.safety.reread.ms", "0"));
        assertMalformed("vshutdown.linux.poll.interval.ms: '-5' is not an unsigned decimal integer",
                Map.of(), Map.of("vshutdown.linux.poll.interval.ms", "-5"));
        assertMalformed("vshutdown.linux.service.ranking: '1e3' is not a decimal integer",
                Map.of(), Map.of("vshutdown.linux.service.ranking", "1e3"));
        assertMalformed("vshutdown.linux.service.ranking: 3000000000 is out of range; give an int",
                Map.of(), Map.of("vshutdown.linux.service.ranking", "3000000000"));
        assertMalformed("vshutdown.linux.root: 'relative/prop' is not an absolute directory path",
                Map.of(), Map.of("vshutdown.linux.root", "relative/prop"));
        assertMalformed("vshutdown.linux.reboot.command: '  ' is not a command; leave it unset to use the detected one",
                Map.of(), Map.of("vshutdown.linux.reboot.command", "  "));
        assertMalformed("command.timeout.ms (configuration com.example.vshutdown.linux): '1.5' is not a whole number",
                Map.of("command.timeout.ms", 1.5), Map.of());
        // a misspelt command would leave the detected poweroff in force
        assertMalformed("configuration com.example.vshutdown.linux (file:/etc/vshutdown/com.example.vshutdown.linux.cfg): "
                + "unknown setting 'shutdown.comand'; a setting it does not know is refused, not ignored",
                Map.of("shutdown.comand", "/bin/true", "felix.fileinstall.filename",
                        "file:/etc/vshutdown/com.example.vshutdown.linux.cfg"), Map.of());
    }

    private static void assertMalformed(String message, Map<String, ?> configured, Map<String, String> framework) {
        MalformedSettingException e = assertThrows(MalformedSettingException.class, () -> resolve(configured, framework));
        assertEquals(message, e.getMessage());
    }
}
