package com.example.vshutdown.qnx.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;

import com.example.vshutdown.spi.ConfigurationFault;
import com.example.vshutdown.spi.VPropertyProvider;
import com.example.vshutdown.support.offer.FakeFactory;
import com.example.vshutdown.support.offer.ProviderOffer;

/**
 * What the detection offers, and where, with the bundle's real components made by factories as SCR
 * makes them. A library that loads needs the C stub: the Pax Exam tests of the qnx.itest module.
 */
class QnxProviderComponentTest {
    @TempDir
    Path storage;
    final Map<String, String> frameworkProperties = new HashMap<>(Map.of("org.osgi.framework.os.name", "linux"));
    final List<String> journal = new CopyOnWriteArrayList<>();
    final BundleContext context = (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {BundleContext.class}, (proxy, method, args) -> switch (method.getName()) {
            case "getProperty" -> frameworkProperties.get((String) args[0]);
            case "getDataFile" -> storage.resolve((String) args[0]).toFile();
            default -> throw new UnsupportedOperationException(method.getName());
            });
    final FakeFactory<QnxNativeShutdown> nativeShutdowns = new FakeFactory<>("native shutdown",
            QnxNativeShutdown::new, journal);
    final FakeFactory<QnxVProperties> vproperties = new FakeFactory<>("vproperties", QnxVProperties::new,
            QnxVProperties::close, journal);
    final FakeFactory<QnxFault> faults = new FakeFactory<>("fault", QnxFault::new, journal);
    QnxProviderComponent component;

    @AfterEach
    void deactivate() {
        if (component != null) {
            component.deactivate();
        }
    }

    private void activate(Map<String, Object> configuration) {
        component = new QnxProviderComponent(context, configuration, nativeShutdowns, vproperties, faults);
    }

    @Test
    void offQnxItOffersNothingUnlessEnabled() {
        activate(Map.of());
        assertEquals(List.of(), journal);
    }

    @Test
    void aLibraryThatCannotBeLoadedIsTheFaultSayingWhyAndNoServiceIsOffered() {
        Path missing = storage.resolve("libmissing.so");
        activate(Map.of("enabled", "true", "library", missing.toString()));

        assertEquals(List.of("fault offered"), journal);
        assertEquals("the qnx provider cannot start: cannot load the ddi library '" + missing + "': no such file",
                faults.only().message());
        assertEquals("qnx", faults.lastProperties().get(VPropertyProvider.PROVIDER_PROPERTY));

        component.deactivate();
        component = null;
        assertEquals("fault withdrawn", journal.get(journal.size() - 1));
    }

    @Test
    void onQnxItStartsByItselfAndLooksForTheLibraryByItsDefaultName() {
        frameworkProperties.put("org.osgi.framework.os.name", "qnx");
        frameworkProperties.put("vshutdown.qnx.library.path", storage.toString());
        activate(Map.of());

        // no stub library on a build machine's library path: the fault names the search
        assertEquals(List.of("fault offered"), journal);
        String message = faults.only().message();
        assertTrue(message.startsWith("the qnx provider cannot start: cannot load the ddi library 'vshutdown_ddi': no "
                + "libvshutdown_ddi.so in library.path [" + storage + "]"), message);
    }

    @Test
    void aMalformedSettingOffersOnlyTheFaultNamingIt() {
        frameworkProperties.put("vshutdown.qnx.enabled", "yes");
        activate(Map.of());

        assertEquals(List.of("fault offered"), journal);
        ConfigurationFault fault = faults.only();
        assertEquals("vshutdown.qnx.enabled: 'yes' is not auto (on QNX only), true or false", fault.message());
    }

    @Test
    void theServicesRunOnlyWithTheSettingsTheDetectionChecked() {
        // anybody may call a factory component's ComponentFactory: without an offer there is nothing to run with
        assertThrows(IllegalStateException.class, () -> new QnxVProperties(Map.of()));
        assertThrows(IllegalStateException.class, () -> new QnxNativeShutdown(Map.of(ProviderOffer.SETTINGS, "x")));
    }
}
