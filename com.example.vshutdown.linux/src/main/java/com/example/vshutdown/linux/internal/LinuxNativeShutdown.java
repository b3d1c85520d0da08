package com.example.vshutdown.linux.internal;

import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;

import com.example.vshutdown.spi.NativeShutdown;
import com.example.vshutdown.support.command.CommandShutdown;
import com.example.vshutdown.support.offer.ProviderOffer;

/**
 * The native shutdown and reboot of Linux or Android: the commands {@link PlatformDetection} finds
 * for this OS, or the configured ones, run under the policy {@link NativeShutdown} states. A
 * factory component that only {@link LinuxProviderComponent} creates.
 */
@Component(factory = LinuxNativeShutdown.FACTORY, service = NativeShutdown.class,
        configurationPolicy = ConfigurationPolicy.IGNORE)
public final class LinuxNativeShutdown extends CommandShutdown {
    static final String FACTORY = "com.example.vshutdown.linux.nativeshutdown";
    /** systemctl's words when a logind inhibitor lock refuses the shutdown: the guest vetoes it. */
    static final String INHIBITED = "Operation inhibited by";

    @Activate
    public LinuxNativeShutdown(Map<String, Object> properties) {
        this(ProviderOffer.settings(properties, LinuxSettings.class), PlatformDetection.detect());
    }

    LinuxNativeShutdown(LinuxSettings settings, PlatformDetection detected) {
        super(settings.shutdownCommand().isPresent() || settings.rebootCommand().isPresent()
                ? "configured; detected " + detected.platform() : detected.platform(),
                settings.shutdownCommand().orElse(detected.shutdown()), settings.rebootCommand().orElse(detected.reboot()),
                settings.commandTimeout(), printed -> printed.contains(INHIBITED));
    }
}
