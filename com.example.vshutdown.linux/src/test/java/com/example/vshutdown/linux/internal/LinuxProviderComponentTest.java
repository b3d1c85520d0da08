package com.example.vshutdown.linux.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;

import com.example.vshutdown.spi.ConfigurationFault;
import com.example.vshutdown.spi.NativeShutdown;
import com.example.vshutdown.spi.VPropertyProvider;

/** What the component registers, and where, against a bundle context that records it. */
class LinuxProviderComponentTest {
    @TempDir
    Path dir;
    final Map<String, String> frameworkProperties = new HashMap<>();
    final List<Registered> registered = new ArrayList<>();
    LinuxProviderComponent component;

    record Registered(String type, Object service, Dictionary<String, ?> properties, boolean[] unregistered) {
    }

    @AfterEach
    void tearDown() {
        if (component != null) {
            component.deactivate();
        }
    }

    private void activate(Map<String, Object> configuration) {
        BundleContext context = (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {BundleContext.class}, (proxy, method, args) -> switch (method.getName()) {
                case "getProperty" -> frameworkProperties.get((String) args[0]);
                case "registerService" -> {
                    @SuppressWarnings("unchecked")
                    Registered entry = new Registered(((Class<?>) args[0]).getName(), args[1],
                            (Dictionary<String, ?>) args[2], new boolean[1]);
                    registered.add(entry);
                    yield Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {ServiceRegistration.class},
                            (p, m, a) -> {
                                if (m.getName().equals("unregister")) {
                                    entry.unregistered()[0] = true;
                                }
                                return null;
                            });
                }
                default -> throw new UnsupportedOperationException(method.getName());
                });
        component = new LinuxProviderComponent(context, configuration);
    }

    @Test
    void whereTheDefaultRootDoesNotExistNothingIsRegistered() {
        // the build machine has no vproperty driver; should one ever have it, this test says nothing
        org.junit.jupiter.api.Assumptions.assumeFalse(Files.exists(Path.of(LinuxSettings.DEFAULT_ROOT)));
        activate(Map.of());
        assertEquals(List.of(), registered);
    }

    @Test
    void whereTheRootExistsBothServicesAreRegisteredAboveTheSimulator() throws IOException {
        Path root = Files.createDirectory(dir.resolve("prop"));
        frameworkProperties.put("vshutdown.linux.root", root.toString());
        frameworkProperties.put("vshutdown.linux.netlink.group", Integer.toString(NetlinkSender.someGroup()));
        activate(Map.of());
        assertEquals(List.of(VPropertyProvider.class.getName(), NativeShutdown.class.getName()),
                registered.stream().map(Registered::type).toList());
        for (Registered entry : registered) {
            assertEquals(Integer.valueOf(100), entry.properties().get(Constants.SERVICE_RANKING), "an Integer ranking");
            assertEquals("linux", entry.properties().get(VPropertyProvider.PROVIDER_PROPERTY));
        }
        component.deactivate();
        component = null;
        assertTrue(registered.stream().allMatch(entry -> entry.unregistered()[0]), "withdrawn on deactivation");
    }

    @Test
    void aConfiguredRootThatDoesNotExistIsRegisteredAndEveryAccessSaysSo() {
        Path missing = dir.resolve("missing");
        activate(Map.of("root", missing.toString(), "service.ranking", 7));
        VPropertyProvider provider = (VPropertyProvider) registered.get(0).service();
        assertEquals(Integer.valueOf(7), registered.get(0).properties().get(Constants.SERVICE_RANKING));
        IOException e = assertThrows(IOException.class, provider::names);
        assertEquals("vproperty root " + missing + " does not exist or is not a directory", e.getMessage());
    }

    @Test
    void malformedSettingsRegisterAProviderThatRefusesEveryCallAndAFault() {
        frameworkProperties.put("vshutdown.linux.netlink.group", "x");
        activate(Map.of());
        assertEquals(List.of(VPropertyProvider.class.getName(), NativeShutdown.class.getName(),
                ConfigurationFault.class.getName()), registered.stream().map(Registered::type).toList());
        String message = "vshutdown.linux.netlink.group: 'x' is not an unsigned decimal integer";
        assertEquals(message, ((ConfigurationFault) registered.get(2).service()).message());
        IOException read = assertThrows(IOException.class,
                () -> ((VPropertyProvider) registered.get(0).service()).read("nk.1.vm.state.running"));
        assertEquals("the Linux provider is misconfigured: " + message, read.getMessage());
        assertThrows(IOException.class, () -> ((NativeShutdown) registered.get(1).service()).shutdown());
    }
}
