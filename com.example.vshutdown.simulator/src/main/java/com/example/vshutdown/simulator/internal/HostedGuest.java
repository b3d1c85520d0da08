package com.example.vshutdown.simulator.internal;

import java.io.IOException;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;

import com.example.vshutdown.spi.NativeShutdown;
import com.example.vshutdown.spi.VPropertyProvider;
import com.example.vshutdown.support.offer.ProviderOffer;

/**
 * A simulated guest's native shutdown as a service, for as long as its agent runs: registered by
 * DS with its domain and {@link NativeShutdown#HOSTED_AGENT_PROPERTY}, so that the agent bundle
 * runs that agent. An instance of a factory component that only {@link HostedGuests} creates, with
 * the guest OS it stands for.
 */
@Component(factory = HostedGuest.FACTORY, service = NativeShutdown.class,
        configurationPolicy = ConfigurationPolicy.IGNORE,
        property = VPropertyProvider.SIMULATED_PROPERTY + ":Boolean=true")
public final class HostedGuest implements NativeShutdown {
    static final String FACTORY = "com.example.vshutdown.simulator.guest";

    private final GuestOs guest;

    @Activate
    public HostedGuest(Map<String, Object> properties) {
        guest = ProviderOffer.settings(properties, GuestOs.class);
    }

    @Override
    public String description() {
        return guest.description();
    }

    @Override
    public void shutdown() throws IOException {
        guest.shutdown();
    }

    @Override
    public void reboot() throws IOException {
        guest.reboot();
    }
}
