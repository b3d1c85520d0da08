package com.example.vshutdown.qnx.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QnxSettingsTest {
    private final TestConfig config = new TestConfig();
    private final Map<String, String> framework = new HashMap<>(Map.of("org.osgi.framework.os.name", "linux"));

    private QnxSettings settings() {
        return QnxSettings.of(config.config(), framework::get);
    }

    @ParameterizedTest
    @ValueSource(strings = {"QNX", "qnx", "QNX Neutrino", "procnto-smp-instr"})
    void qnxIsRecognisedHoweverTheFrameworkSpellsIt(String os) {
        assertTrue(QnxSettings.isQnx(os));
    }

    @ParameterizedTest
    @ValueSource(strings = {"linux", "Linux", "win32", "macosx", "", "android"})
    void otherSystemsAreNotQnx(String os) {
        assertFalse(QnxSettings.isQnx(os));
        assertFalse(QnxSettings.isQnx(null));
    }

    @Test
    void byDefaultItRunsOnQnxOnly() {
        assertFalse(settings().enabled());
        assertTrue(settings().reason().contains("linux, not QNX"), settings().reason());

        framework.put("org.osgi.framework.os.name", "qnx");
        assertTrue(settings().enabled());
        assertEquals("the framework runs on QNX (qnx)", settings().reason());
    }

    /** The defaults the README's table documents, as the component's configuration declares them. */
    @Test
    void theDefaultsAreTheDocumentedOnes() {
        framework.put("org.osgi.framework.os.name", "qnx");
        QnxSettings onQnx = settings();

        assertEquals("vshutdown_ddi", onQnx.library());
        assertEquals(List.of(), onQnx.libraryPath());
        // above the simulator's -100, so that a real QNX platform wins over a simulated one
        assertEquals(100, onQnx.ranking());
        assertEquals(List.of("shutdown", "-S", "system"), onQnx.shutdownCommand());
        assertEquals(List.of("shutdown", "-S", "reboot"), onQnx.rebootCommand());
        assertEquals(Duration.ofMillis(500), onQnx.waitTimeout());
        assertEquals(Duration.ofSeconds(30), onQnx.nativeTimeout());
    }

    @Test
    void elsewhereOnlyAnExplicitSettingEnablesIt() {
        framework.put(QnxSettings.ENABLED_PROPERTY, "true");
        assertTrue(settings().enabled());
        assertEquals(QnxSettings.ENABLED_PROPERTY + " is true", settings().reason());

        config.set("enabled", "false");   // the configuration wins over the framework property
        assertFalse(settings().enabled());

        framework.put("org.osgi.framework.os.name", "qnx");
        assertFalse(settings().enabled(), "false must switch it off on QNX too");
        config.set("enabled", "auto");
        assertTrue(settings().enabled());
    }

    @Test
    void theLibraryComesFromTheConfigurationThenTheFrameworkThenTheDefault() {
        config.set("enabled", "true");
        framework.put(QnxSettings.LIBRARY_PROPERTY, "/opt/ddi/libfrom_framework.so");
        assertEquals("/opt/ddi/libfrom_framework.so", settings().library());
        config.set("library", " ddi_port ");
        config.set("library_path", new String[] {"/opt/ddi", " ", "/usr/lib "});
        assertEquals("ddi_port", settings().library());
        assertEquals(List.of("/opt/ddi", "/usr/lib"), settings().libraryPath());
    }

    @Test
    void malformedSettingsAreRefusedNamingTheSetting() {
        config.set("enabled", "yes");
        assertEquals("enabled is 'yes': give auto (on QNX only), true or false",
                assertThrows(IllegalArgumentException.class, this::settings).getMessage());

        config.set("enabled", "");
        framework.put(QnxSettings.ENABLED_PROPERTY, "1");
        assertTrue(assertThrows(IllegalArgumentException.class, this::settings).getMessage()
                .startsWith(QnxSettings.ENABLED_PROPERTY + " is '1'"));

        config.set("enabled", "true");
        config.set("wait_timeout_ms", 0L);
        assertEquals("wait.timeout.ms is 0: give 1 to 60000",
                assertThrows(IllegalArgumentException.class, this::settings).getMessage());
        config.set("wait_timeout_ms", 500L);
        config.set("native_timeout_ms", -1L);
        assertTrue(assertThrows(IllegalArgumentException.class, this::settings).getMessage()
                .startsWith("native.timeout.ms is -1"));
        config.set("native_timeout_ms", 1000L);
        config.set("reboot_command", new String[] {" "});
        assertEquals("reboot.command is empty: give the program and its arguments",
                assertThrows(IllegalArgumentException.class, this::settings).getMessage());
        config.set("reboot_command", new String[] {"true"});
        config.set("library", "lib/libvshutdown_ddi.so");
        assertEquals("library is 'lib/libvshutdown_ddi.so': give a name (vshutdown_ddi) or an absolute path",
                assertThrows(IllegalArgumentException.class, this::settings).getMessage());
        config.set("library", "");
        framework.put(QnxSettings.LIBRARY_PROPERTY, "./libport.so");
        assertTrue(assertThrows(IllegalArgumentException.class, this::settings).getMessage()
                .startsWith(QnxSettings.LIBRARY_PROPERTY + " is './libport.so'"));
    }

    @Test
    void settingsOfADisabledProviderAreNotCheckedSinceNothingUsesThem() {
        config.set("wait_timeout_ms", 0L);
        config.set("shutdown_command", new String[0]);
        assertFalse(settings().enabled());
    }
}
