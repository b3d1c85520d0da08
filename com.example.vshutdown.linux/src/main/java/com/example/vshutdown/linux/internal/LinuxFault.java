package com.example.vshutdown.linux.internal;

import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;

import com.example.vshutdown.spi.ConfigurationFault;
import com.example.vshutdown.support.offer.ProviderFault;

/** The Linux provider's configuration fault: this bundle's own factory of the shared {@link ProviderFault}. */
@Component(factory = LinuxFault.FACTORY, service = ConfigurationFault.class,
        configurationPolicy = ConfigurationPolicy.IGNORE)
public final class LinuxFault extends ProviderFault {
    static final String FACTORY = "com.example.vshutdown.linux.fault";

    @Activate
    public LinuxFault(Map<String, Object> properties) {
        super(properties);
    }
}
