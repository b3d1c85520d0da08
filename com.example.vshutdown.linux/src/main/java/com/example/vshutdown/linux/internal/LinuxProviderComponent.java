package com.example.vshutdown.linux.internal;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.example.vshutdown.spi.ConfigurationFault;
import com.example.vshutdown.spi.NativeShutdown;
import com.example.vshutdown.spi.VPropertyProvider;

/**
 * The Linux provider in the framework: vproperties from the driver's directory with netlink
 * notifications, and the native shutdown of Linux or Android.
 *
 * <p>It registers the services itself instead of letting DS do it, because whether it registers
 * depends on the platform: where the root does not exist and nobody configured one, this is not a
 * vproperty platform and it registers nothing, so the simulator (or another provider) serves;
 * where the root was configured, it registers even if the root is missing, so that commands fail
 * and say so instead of running on a platform the operator did not mean. A configuration change
 * re-activates the component (no {@code @Modified}): the socket and the commands are set up anew.
 */
@Component(name = LinuxProviderComponent.PID, configurationPid = LinuxProviderComponent.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, service = {}, immediate = true)
@Designate(ocd = LinuxProviderComponent.Config.class)
public final class LinuxProviderComponent {
    /** The component name and configuration pid. */
    public static final String PID = "com.example.vshutdown.linux";

    /** The name this provider publishes, by which an operator can pick it: -Dvshutdown.provider=linux. */
    public static final String PROVIDER_NAME = "linux";

    private static final Logger LOG = LoggerFactory.getLogger(LinuxProviderComponent.class);

    @ObjectClassDefinition(id = PID, name = "vshutdown Linux provider",
            description = "vproperties as files with netlink change notifications, and the native shutdown of "
                    + "Linux and Android. Each setting may also be given as the framework property "
                    + "vshutdown.linux.<setting>, which the configuration overrides.")
    public @interface Config {
        @AttributeDefinition(name = "vproperty root",
                description = "Directory of the vproperty driver: one file per property. Where it does not exist "
                        + "and is not set, the provider registers nothing.")
        String root() default LinuxSettings.DEFAULT_ROOT;

        @AttributeDefinition(name = "Netlink protocol", min = "0", max = "31",
                description = "Protocol number of the driver's netlink socket (2 = NETLINK_USERSOCK).")
        int netlink_protocol() default LinuxSettings.DEFAULT_PROTOCOL;

        @AttributeDefinition(name = "Netlink multicast group", min = "1", max = "32",
                description = "The multicast group the driver's change notifications are sent to.")
        int netlink_group() default LinuxSettings.DEFAULT_GROUP;

        @AttributeDefinition(name = "Safety re-read (ms)", min = "1",
                description = "How often every property is re-read behind the netlink socket, in case notifications were lost.")
        long safety_reread_ms() default LinuxSettings.DEFAULT_SAFETY_REREAD_MS;

        @AttributeDefinition(name = "Polling interval (ms)", min = "1",
                description = "How often every property is re-read when no netlink socket can be opened.")
        long poll_interval_ms() default LinuxSettings.DEFAULT_POLL_INTERVAL_MS;

        @AttributeDefinition(name = "Service ranking",
                description = "Ranking of the provider's services; the highest-ranked provider is used. The simulator ranks -100.")
        int service_ranking() default LinuxSettings.DEFAULT_RANKING;

        @AttributeDefinition(name = "Shutdown command", required = false,
                description = "The native shutdown command and its arguments; unset: detected (systemctl poweroff, "
                        + "poweroff, or reboot -p on Android). One string is split at white space.")
        String[] shutdown_command();

        @AttributeDefinition(name = "Reboot command", required = false,
                description = "The native reboot command and its arguments; unset: detected (systemctl reboot, "
                        + "reboot). One string is split at white space.")
        String[] reboot_command();

        @AttributeDefinition(name = "Command time-out (ms)", min = "1",
                description = "How long a native command may run before it is stopped and reported as failed.")
        long command_timeout_ms() default LinuxSettings.DEFAULT_COMMAND_TIMEOUT_MS;
    }

    private final BundleContext context;
    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();
    private Listeners listeners;
    private ChangeNotifications notifications;
    private PropertyFiles files;

    /**
     * Takes the configuration as its properties, not as {@link Config}: a typed configuration
     * would make its defaults component properties, and the provider could no longer tell a setting
     * the configuration makes from one it leaves to the framework property.
     */
    @Activate
    public LinuxProviderComponent(BundleContext context, Map<String, Object> properties) {
        this.context = context;
        LinuxSettings settings;
        try {
            settings = LinuxSettings.resolve(properties, context::getProperty);
        } catch (MalformedSettingException e) {
            LOG.error("Linux provider not started: {}; every command fails until it is corrected", e.getMessage());
            Refusal refusal = new Refusal(e.getMessage());
            register(VPropertyProvider.class, refusal, LinuxSettings.DEFAULT_RANKING, refusal.description());
            register(NativeShutdown.class, refusal, LinuxSettings.DEFAULT_RANKING, refusal.description());
            register(ConfigurationFault.class, refusal, null, refusal.description());
            return;
        }
        if (!Files.isDirectory(settings.root())) {
            if (!settings.explicitRoot()) {
                LOG.info("No vproperty directory {} here: the Linux provider registers nothing (set {}{} to use another)",
                        settings.root(), LinuxSettings.FRAMEWORK_PREFIX, LinuxSettings.ROOT);
                return;
            }
            LOG.error("vproperty root {} (from {}) does not exist or is not a directory; the Linux provider is "
                    + "registered as configured and every access fails until it appears", settings.root(),
                    settings.rootSource());
        }
        start(settings);
    }

    private void start(LinuxSettings settings) {
        listeners = new Listeners();
        files = new PropertyFiles(settings.root(), listeners);
        notifications = new ChangeNotifications(files, listeners, settings);
        notifications.start();
        PlatformDetection detected = PlatformDetection.detect();
        boolean configured = settings.shutdownCommand().isPresent() || settings.rebootCommand().isPresent();
        CommandShutdown nativeShutdown = new CommandShutdown(settings.shutdownCommand().orElse(detected.shutdown()),
                settings.rebootCommand().orElse(detected.reboot()), settings.commandTimeout(),
                configured ? "configured; detected " + detected.platform() : detected.platform());
        register(VPropertyProvider.class, files, settings.ranking(), files.description());
        register(NativeShutdown.class, nativeShutdown, settings.ranking(), nativeShutdown.description());
        LOG.info("Linux provider registered with ranking {}: {}; {}", settings.ranking(), files.description(),
                nativeShutdown.description());
    }

    /** Unregisters first, so nobody is handed a provider whose socket is being closed. */
    @Deactivate
    void deactivate() {
        for (ServiceRegistration<?> registration : registrations) {
            try {
                registration.unregister();
            } catch (IllegalStateException e) {
                LOG.debug("Service already unregistered: {}", e.getMessage());
            }
        }
        registrations.clear();
        if (files != null) {
            files.close();
        }
        if (notifications != null) {
            notifications.close();
        }
        if (listeners != null) {
            listeners.clear();
        }
    }

    private <S> void register(Class<S> type, S service, Integer ranking, String description) {
        Dictionary<String, Object> properties = new Hashtable<>();
        if (ranking != null) {
            properties.put(Constants.SERVICE_RANKING, ranking);
        }
        properties.put(Constants.SERVICE_DESCRIPTION, description);
        properties.put(VPropertyProvider.PROVIDER_PROPERTY, PROVIDER_NAME);
        registrations.add(context.registerService(type, service, properties));
    }
}
