package com.example.vshutdown.qnx.internal;

import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;

import com.example.vshutdown.spi.NativeShutdown;
import com.example.vshutdown.support.command.CommandShutdown;
import com.example.vshutdown.support.offer.ProviderOffer;

/**
 * The master's own shutdown and reboot on QNX: {@code shutdown -S system} and
 * {@code shutdown -S reboot} by default, other commands by configuration, run under the policy
 * {@link NativeShutdown} states (a command still running at its bound is stopped with its process
 * tree). QNX's {@code shutdown} offers a guest no way to refuse, so a failure is never a veto. A
 * factory component that only {@link QnxProviderComponent} creates.
 */
@Component(factory = QnxNativeShutdown.FACTORY, service = NativeShutdown.class,
        configurationPolicy = ConfigurationPolicy.IGNORE)
public final class QnxNativeShutdown extends CommandShutdown {
    static final String FACTORY = "com.example.vshutdown.qnx.nativeshutdown";

    @Activate
    public QnxNativeShutdown(Map<String, Object> properties) {
        this(ProviderOffer.settings(properties, QnxBinding.class).settings());
    }

    QnxNativeShutdown(QnxSettings settings) {
        super("QNX", settings.shutdownCommand(), settings.rebootCommand(), settings.nativeTimeout(), printed -> false);
    }
}
