package com.example.vshutdown.linux.internal;

import java.io.IOException;
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
public final class LinuxNativeShutdown implements NativeShutdown {
    static final String FACTORY = "com.example.vshutdown.linux.nativeshutdown";
    /** systemctl's words when a logind inhibitor lock refuses the shutdown: the guest vetoes it. */
    static final String INHIBITED = "Operation inhibited by";

    private final CommandShutdown commands;

    @Activate
    public LinuxNativeShutdown(Map<String, Object> properties) {
        this(ProviderOffer.settings(properties, LinuxSettings.class), PlatformDetection.detect());
    }

    LinuxNativeShutdown(LinuxSettings settings, PlatformDetection detected) {
        boolean configured = settings.shutdownCommand().isPresent() || settings.rebootCommand().isPresent();
        commands = new CommandShutdown(configured ? "configured; detected " + detected.platform() : detected.platform(),
                settings.shutdownCommand().orElse(detected.shutdown()), settings.rebootCommand().orElse(detected.reboot()),
                settings.commandTimeout(), printed -> printed.contains(INHIBITED));
    }

    @Override
    public String description() {
        return commands.description();
    }

    @Override
    public void shutdown() throws IOException {
        commands.shutdown();
    }

    @Override
    public void reboot() throws IOException {
        commands.reboot();
    }
}
