package com.example.vshutdown.linux.internal;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;

import com.example.vshutdown.spi.VPropertyListener;
import com.example.vshutdown.spi.VPropertyProvider;
import com.example.vshutdown.support.listeners.VPropertyListeners;
import com.example.vshutdown.support.offer.ProviderOffer;

/**
 * The Linux vproperties as a service: the driver's files, with notifications from its netlink
 * socket (or polling where none opens). An instance of a factory component that only
 * {@link LinuxProviderComponent} creates, with the settings it checked; DS registers it with the
 * ranking that component decided and withdraws it before it is closed.
 */
@Component(factory = LinuxVProperties.FACTORY, service = VPropertyProvider.class,
        configurationPolicy = ConfigurationPolicy.IGNORE)
public final class LinuxVProperties implements VPropertyProvider {
    static final String FACTORY = "com.example.vshutdown.linux.vproperties";

    private final VPropertyListeners listeners = new VPropertyListeners();
    private final PropertyFiles files;
    private final ChangeNotifications notifications;

    @Activate
    public LinuxVProperties(Map<String, Object> properties) {
        this(ProviderOffer.settings(properties, LinuxSettings.class));
    }

    LinuxVProperties(LinuxSettings settings) {
        files = new PropertyFiles(settings.root());
        notifications = new ChangeNotifications(files, listeners, settings);
        notifications.start();
    }

    /**
     * Refuses every later call and ends every subscription: a caller still holding this provider
     * (a bundle being updated) must move to the next one, not read a platform nobody watches.
     */
    @Deactivate
    void close() {
        files.close();
        notifications.close();
        listeners.close();
    }

    @Override
    public String description() {
        return "Linux vproperties in " + files.root() + " (" + notifications.how() + ")";
    }

    @Override
    public Optional<String> read(String name) throws IOException {
        return files.read(name);
    }

    @Override
    public void write(String name, String value) throws IOException {
        files.write(name, value);
    }

    @Override
    public Set<String> names() throws IOException {
        return files.names();
    }

    @Override
    public Subscription subscribe(VPropertyListener listener) {
        return listeners.subscribe(listener);
    }
}
