package com.example.vshutdown.qnx.internal;

import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;

import com.example.vshutdown.spi.ConfigurationFault;
import com.example.vshutdown.support.offer.ProviderFault;

/**
 * The QNX provider's configuration fault, offered instead of its services when it is enabled but
 * cannot work (a malformed setting; a library that is missing, lacks a function or fails to open):
 * this bundle's own factory of the shared {@link ProviderFault}.
 */
@Component(factory = QnxFault.FACTORY, service = ConfigurationFault.class,
        configurationPolicy = ConfigurationPolicy.IGNORE)
public final class QnxFault extends ProviderFault {
    static final String FACTORY = "com.example.vshutdown.qnx.fault";

    @Activate
    public QnxFault(Map<String, Object> properties) {
        super(properties);
    }
}
