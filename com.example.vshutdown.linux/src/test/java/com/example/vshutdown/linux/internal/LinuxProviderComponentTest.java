package com.example.vshutdown.linux.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;

import com.example.vshutdown.spi.VPropertyProvider;
import com.example.vshutdown.support.offer.FakeFactory;
import com.example.vshutdown.support.offer.ProviderFault;
import com.example.vshutdown.support.offer.ProviderOffer;

/** What the detection offers, and where, with the bundle's real components made by factories as SCR makes them. */
class LinuxProviderComponentTest {
    @TempDir
    Path dir;
    final Map<String, String> frameworkProperties = new HashMap<>();
    final List<String> journal = new CopyOnWriteArrayList<>();
    final FakeFactory<LinuxNativeShutdown> nativeShutdowns = new FakeFactory<>("native shutdown",
            LinuxNativeShutdown::new, journal);
    // what SCR does on dispose: deactivate the instance (the socket and the re-read stop)
    final FakeFactory<LinuxVProperties> vproperties = new FakeFactory<>("vproperties", LinuxVProperties::new,
            LinuxVProperties::close, journal);
    final FakeFactory<LinuxFault> faults = new FakeFactory<>("fault", LinuxFault::new, journal);
    LinuxProviderComponent component;

    @AfterEach
    void tearDown() {
        if (component != null) {
            component.deactivate();
        }
    }

    private void activate(Map<String, Object> configuration) {
        BundleContext context = (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {BundleContext.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getProperty")) {
                        return frameworkProperties.get((String) args[0]);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        component = new LinuxProviderComponent(context, configuration, nativeShutdowns, vproperties, faults);
    }

    @Test
    void whereTheDefaultRootDoesNotExistNothingIsOffered() {
        // the build machine has no vproperty driver; should one ever have it, this test says nothing
        org.junit.jupiter.api.Assumptions.assumeFalse(Files.exists(Path.of(LinuxSettings.DEFAULT_ROOT)));
        activate(Map.of());
        assertEquals(List.of(), journal);
    }

    @Test
    void whereTheRootExistsBothServicesAreOfferedAboveTheSimulatorAndWithdrawnOnDeactivation() throws IOException {
        Path root = Files.createDirectory(dir.resolve("prop"));
        frameworkProperties.put("vshutdown.linux.root", root.toString());
        frameworkProperties.put("vshutdown.linux.netlink.group", Integer.toString(NetlinkSender.someGroup()));
        activate(Map.of());
        assertEquals(List.of("native shutdown offered", "vproperties offered"), journal);
        for (Map<String, Object> properties : List.of(nativeShutdowns.lastProperties(), vproperties.lastProperties())) {
            assertEquals(Integer.valueOf(100), properties.get(Constants.SERVICE_RANKING), "an Integer ranking");
            assertEquals("linux", properties.get(VPropertyProvider.PROVIDER_PROPERTY));
        }
        component.deactivate();
        component = null;
        assertEquals(List.of("native shutdown offered", "vproperties offered", "vproperties withdrawn",
                "native shutdown withdrawn"), journal, "withdrawn on deactivation, last first");
    }

    @Test
    void aConfiguredRootThatDoesNotExistIsOfferedAndEveryAccessSaysSo() {
        Path missing = dir.resolve("missing");
        activate(Map.of("root", missing.toString(), "service.ranking", 7));
        assertEquals(List.of("native shutdown offered", "vproperties offered"), journal);
        assertEquals(Integer.valueOf(7), vproperties.lastProperties().get(Constants.SERVICE_RANKING));
        VPropertyProvider provider = vproperties.only();
        IOException e = assertThrows(IOException.class, provider::names);
        assertEquals("vproperty root " + missing + " does not exist or is not a directory", e.getMessage());
    }

    @Test
    void malformedSettingsOfferTheFaultNamingTheSettingAndNoService() {
        frameworkProperties.put("vshutdown.linux.netlink.group", "x");
        activate(Map.of());
        assertEquals(List.of("fault offered"), journal);
        assertEquals("vshutdown.linux.netlink.group: 'x' is not an unsigned decimal integer", faults.only().message());
        assertEquals("linux", faults.lastProperties().get(VPropertyProvider.PROVIDER_PROPERTY));
        assertTrue(faults.lastProperties().containsKey(ProviderFault.MESSAGE));
    }

    @Test
    void theServicesRunOnlyWithTheSettingsTheDetectionChecked() {
        // anybody may call a factory component's ComponentFactory: without an offer there is nothing to run with
        assertThrows(IllegalStateException.class, () -> new LinuxVProperties(Map.of()));
        assertThrows(IllegalStateException.class, () -> new LinuxNativeShutdown(Map.of(ProviderOffer.SETTINGS, "x")));
    }
}
