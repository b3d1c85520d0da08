package com.example.vshutdown.qnx.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.example.vshutdown.support.offer.MalformedSettingException;

class QnxSettingsTest {
    private final Map<String, Object> configured = new HashMap<>(Map.of("component.name", QnxProviderComponent.PID));
    private final Map<String, String> framework = new HashMap<>(Map.of("org.osgi.framework.os.name", "linux"));

    private QnxSettings settings() throws MalformedSettingException {
        return QnxSettings.resolve(configured, framework::get);
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
    void aKeyItDoesNotKnowIsRefused() {
        configured.put("libary", "vshutdown_ddi");
        MalformedSettingException e = assertThrows(MalformedSettingException.class, this::settings);
        assertEquals("configuration com.example.vshutdown.qnx: unknown setting 'libary'; a setting it does not know is "
                + "refused, not ignored", e.getMessage());
    }

    @Test
    void byDefaultItRunsOnQnxOnly() throws Exception {
        assertFalse(settings().enabled());
        assertTrue(settings().reason().contains("linux, not QNX"), settings().reason());

        framework.put("org.osgi.framework.os.name", "qnx");
        assertTrue(settings().enabled());
        assertEquals("the framework runs on QNX (qnx)", settings().reason());
    }

    @Test
    void theDefaultsAreTheDocumentedOnesAndTheMetatypeSaysTheSame() throws Exception {
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

        // what a configuration tool shows as the defaults is what runs when nothing is set
        assertEquals("auto", metatypeDefault("enabled"));
        assertEquals(onQnx.library(), metatypeDefault("library"));
        assertEquals(onQnx.waitTimeout().toMillis(), metatypeDefault("wait_timeout_ms"));
        assertEquals(onQnx.ranking(), metatypeDefault("service_ranking"));
        assertEquals(onQnx.shutdownCommand(), Arrays.asList((String[]) metatypeDefault("shutdown_command")));
        assertEquals(onQnx.rebootCommand(), Arrays.asList((String[]) metatypeDefault("reboot_command")));
        assertEquals(onQnx.nativeTimeout().toMillis(), metatypeDefault("native_timeout_ms"));
    }

    private static Object metatypeDefault(String attribute) throws NoSuchMethodException {
        return QnxProviderComponent.Config.class.getMethod(attribute).getDefaultValue();
    }

    @Test
    void elsewhereOnlyAnExplicitSettingEnablesIt() throws Exception {
        framework.put("vshutdown.qnx.enabled", "true");
        assertTrue(settings().enabled());
        assertEquals("vshutdown.qnx.enabled is true", settings().reason());

        configured.put("enabled", "false");   // the configuration wins over the framework property
        assertFalse(settings().enabled());
        assertEquals("enabled (configuration com.example.vshutdown.qnx) is false", settings().reason());

        framework.put("org.osgi.framework.os.name", "qnx");
        assertFalse(settings().enabled(), "false must switch it off on QNX too");
        configured.put("enabled", " Auto ");
        assertTrue(settings().enabled());
    }

    @Test
    void everySettingComesFromTheConfigurationThenTheFrameworkThenTheDefault() throws Exception {
        configured.put("enabled", "true");
        framework.put("vshutdown.qnx.library", "/opt/ddi/libfrom_framework.so");
        framework.put("vshutdown.qnx.library.path", "/opt/ddi: :/usr/lib ");
        framework.put("vshutdown.qnx.native.timeout.ms", "1500");
        framework.put("vshutdown.qnx.reboot.command", "/bin/reboot -now");
        assertEquals("/opt/ddi/libfrom_framework.so", settings().library());
        assertEquals(List.of("/opt/ddi", "/usr/lib"), settings().libraryPath());
        assertEquals(Duration.ofMillis(1500), settings().nativeTimeout());
        assertEquals(List.of("/bin/reboot", "-now"), settings().rebootCommand());

        configured.put("library", " ddi_port ");
        configured.put("library.path", new String[] {"/opt/port", " "});
        configured.put("service.ranking", 250);
        configured.put("shutdown.command", new String[] {"/bin/shutdown", "-S", "system"});
        assertEquals("ddi_port", settings().library());
        assertEquals(List.of("/opt/port"), settings().libraryPath());
        assertEquals(250, settings().ranking());
        assertEquals(List.of("/bin/shutdown", "-S", "system"), settings().shutdownCommand());
    }

    @Test
    void malformedSettingsAreRefusedInOneLineThatNamesThem() {
        configured.put("enabled", "yes");
        assertMalformed("enabled (configuration com.example.vshutdown.qnx): 'yes' is not auto (on QNX only), true or false");

        configured.remove("enabled");
        framework.put("vshutdown.qnx.enabled", "1");
        assertMalformed("vshutdown.qnx.enabled: '1' is not auto (on QNX only), true or false");

        configured.put("enabled", "true");
        configured.put("wait.timeout.ms", 0L);
        assertMalformed("wait.timeout.ms (configuration com.example.vshutdown.qnx): 0 is out of range; give 1 to 60000");
        configured.put("wait.timeout.ms", "+500");
        assertMalformed("wait.timeout.ms (configuration com.example.vshutdown.qnx): '+500' is not an unsigned decimal "
                + "integer");
        configured.remove("wait.timeout.ms");
        framework.put("vshutdown.qnx.native.timeout.ms", "-1");
        assertMalformed("vshutdown.qnx.native.timeout.ms: '-1' is not an unsigned decimal integer");
        framework.remove("vshutdown.qnx.native.timeout.ms");
        // a long does not become a truncated int
        configured.put("service.ranking", 4_294_967_396L);
        assertMalformed("service.ranking (configuration com.example.vshutdown.qnx): 4294967396 is out of range; give an int");
        configured.remove("service.ranking");
        configured.put("reboot.command", new String[] {" "});
        assertMalformed("reboot.command (configuration com.example.vshutdown.qnx): '[ ]' is not a command; leave it unset"
                + " to run the default");
        configured.remove("reboot.command");
        configured.put("library", "lib/libvshutdown_ddi.so");
        assertMalformed("library (configuration com.example.vshutdown.qnx): 'lib/libvshutdown_ddi.so' is neither a name"
                + " (vshutdown_ddi) nor an absolute path");
        configured.remove("library");
        framework.put("vshutdown.qnx.library", "./libport.so");
        assertMalformed("vshutdown.qnx.library: './libport.so' is neither a name (vshutdown_ddi) nor an absolute path");
        framework.remove("vshutdown.qnx.library");
        configured.put("library.path", 3);
        assertMalformed("library.path (configuration com.example.vshutdown.qnx): '3' is not a list of text");
    }

    private void assertMalformed(String message) {
        assertEquals(message, assertThrows(MalformedSettingException.class, this::settings).getMessage());
    }

    @Test
    void settingsOfADisabledProviderAreNotCheckedSinceNothingUsesThem() throws Exception {
        configured.put("wait.timeout.ms", 0L);
        configured.put("shutdown.command", new String[0]);
        assertFalse(settings().enabled());
    }
}
