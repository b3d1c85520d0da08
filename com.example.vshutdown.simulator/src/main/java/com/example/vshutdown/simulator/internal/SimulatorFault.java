package com.example.vshutdown.simulator.internal;

import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;

import com.example.vshutdown.spi.ConfigurationFault;
import com.example.vshutdown.support.offer.ProviderFault;

/**
 * Offered instead of the simulated platform when its settings are malformed, so the master can say
 * what is wrong rather than that no platform is there: this bundle's own factory of the shared
 * {@link ProviderFault}.
 */
@Component(factory = SimulatorFault.FACTORY, service = ConfigurationFault.class,
        configurationPolicy = ConfigurationPolicy.IGNORE)
public final class SimulatorFault extends ProviderFault {
    static final String FACTORY = "com.example.vshutdown.simulator.fault";

    @Activate
    public SimulatorFault(Map<String, Object> properties) {
        super(properties);
    }
}
