package com.example.vshutdown.linux.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;

import com.example.vshutdown.linux.internal.RecordingFactory.Offered;
import com.example.vshutdown.spi.ConfigurationFault;
import com.example.vshutdown.spi.VPropertyProvider;
import com.example.vshutdown.support.offer.ProviderFault;
import com.example.vshutdown.support.offer.ProviderOffer;

/** What the detection offers, and where, with the bundle's real components made by recording factories. */
class LinuxProviderComponentTest {
    @TempDir
    Path dir;
    final Map<String, String> frameworkProperties = new HashMap<>();
    final List<Offered> offered = new ArrayList<>();
    LinuxProviderComponent component;

    @AfterEach
    void tearDown() {
        if (component != null) {
            component.deactivate();
        }
        // what SCR does on dispose: deactivate the instance (the socket and the re-read stop)
        offered.stream().filter(o -> o.instance instanceof LinuxVProperties).forEach(o -> ((LinuxVProperties) o.instance).close());
    }

    private void activate(Map<String, Object> configuration) {
        BundleContext context = (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {BundleContext.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getProperty")) {
                        return frameworkProperties.get((String) args[0]);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        component = new LinuxProviderComponent(context, configuration,
                new RecordingFactory<>("native shutdown", LinuxNativeShutdown::new, offered),
                new RecordingFactory<>("vproperties", LinuxVProperties::new, offered),
                new RecordingFactory<>("fault", LinuxFault::new, offered));
    }

    private List<String> factories() {
        return offered.stream().map(o -> o.factory).toList();
    }

    @Test
    void whereTheDefaultRootDoesNotExistNothingIsOffered() {
        // the build machine has no vproperty driver; should one ever have it, this test says nothing
        org.junit.jupiter.api.Assumptions.assumeFalse(Files.exists(Path.of(LinuxSettings.DEFAULT_ROOT)));
        activate(Map.of());
        assertEquals(List.of(), factories());
    }

    @Test
    void whereTheRootExistsBothServicesAreOfferedAboveTheSimulatorAndWithdrawnOnDeactivation() throws IOException {
        Path root = Files.createDirectory(dir.resolve("prop"));
        frameworkProperties.put("vshutdown.linux.root", root.toString());
        frameworkProperties.put("vshutdown.linux.netlink.group", Integer.toString(NetlinkSender.someGroup()));
        activate(Map.of());
        assertEquals(List.of("native shutdown", "vproperties"), factories());
        for (Offered entry : offered) {
            assertEquals(Integer.valueOf(100), entry.properties.get(Constants.SERVICE_RANKING), "an Integer ranking");
            assertEquals("linux", entry.properties.get(VPropertyProvider.PROVIDER_PROPERTY));
        }
        component.deactivate();
        component = null;
        assertTrue(offered.stream().allMatch(entry -> entry.disposed), "withdrawn on deactivation");
    }

    @Test
    void aConfiguredRootThatDoesNotExistIsOfferedAndEveryAccessSaysSo() {
        Path missing = dir.resolve("missing");
        activate(Map.of("root", missing.toString(), "service.ranking", 7));
        assertEquals(List.of("native shutdown", "vproperties"), factories());
        assertEquals(Integer.valueOf(7), offered.get(1).properties.get(Constants.SERVICE_RANKING));
        VPropertyProvider provider = (VPropertyProvider) offered.get(1).instance;
        IOException e = assertThrows(IOException.class, provider::names);
        assertEquals("vproperty root " + missing + " does not exist or is not a directory", e.getMessage());
    }

    @Test
    void malformedSettingsOfferTheFaultNamingTheSettingAndNoService() {
        frameworkProperties.put("vshutdown.linux.netlink.group", "x");
        activate(Map.of());
        assertEquals(List.of("fault"), factories());
        assertEquals("vshutdown.linux.netlink.group: 'x' is not an unsigned decimal integer",
                ((ConfigurationFault) offered.get(0).instance).message());
        assertEquals("linux", offered.get(0).properties.get(VPropertyProvider.PROVIDER_PROPERTY));
        assertTrue(offered.get(0).properties.containsKey(ProviderFault.MESSAGE));
    }

    @Test
    void theServicesRunOnlyWithTheSettingsTheDetectionChecked() {
        // anybody may call a factory component's ComponentFactory: without an offer there is nothing to run with
        assertThrows(IllegalStateException.class, () -> new LinuxVProperties(Map.of()));
        assertThrows(IllegalStateException.class, () -> new LinuxNativeShutdown(Map.of(ProviderOffer.SETTINGS, "x")));
    }
}
