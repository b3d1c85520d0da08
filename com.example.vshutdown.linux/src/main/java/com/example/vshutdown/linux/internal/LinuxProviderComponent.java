package com.example.vshutdown.linux.internal;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.ComponentFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.example.vshutdown.spi.ConfigurationFault;
import com.example.vshutdown.support.offer.ProviderOffer;

/**
 * Decides what the Linux provider offers here, from its settings and the platform it finds; DS
 * registers it, as instances of this bundle's factory components:
 * <ul>
 * <li>where the vproperty root does not exist and nobody configured one, this is not a vproperty
 * platform: nothing, so the simulator (or another provider) serves;</li>
 * <li>where the root exists, or was configured (even if it is missing: then every access fails and
 * says so, instead of commands running on a platform the operator did not mean): the native
 * shutdown ({@link LinuxNativeShutdown}) and the vproperties ({@link LinuxVProperties}), at the
 * configured ranking;</li>
 * <li>where a setting is malformed: the {@link LinuxFault} that names it, and no services — the
 * refusal policy of {@link ConfigurationFault}.</li>
 * </ul>
 * A configuration change re-activates the component (no {@code @Modified}): the offer is withdrawn
 * and made anew, with a new socket and new commands.
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

    private final ProviderOffer offer;

    /**
     * Takes the configuration as its properties, not as {@link Config}: a typed configuration
     * would make its defaults component properties, and the provider could no longer tell a setting
     * the configuration makes from one it leaves to the framework property.
     */
    @Activate
    public LinuxProviderComponent(BundleContext context, Map<String, Object> properties,
            @Reference(name = "nativeShutdowns", target = "(component.factory=" + LinuxNativeShutdown.FACTORY + ")")
            ComponentFactory<LinuxNativeShutdown> nativeShutdowns,
            @Reference(name = "vproperties", target = "(component.factory=" + LinuxVProperties.FACTORY + ")")
            ComponentFactory<LinuxVProperties> vproperties,
            @Reference(name = "faults", target = "(component.factory=" + LinuxFault.FACTORY + ")")
            ComponentFactory<LinuxFault> faults) {
        offer = ProviderOffer.decide(PROVIDER_NAME, faults, () -> offer(LinuxSettings.resolve(properties,
                context::getProperty), List.of(nativeShutdowns, vproperties), faults));
    }

    private static ProviderOffer offer(LinuxSettings settings, List<ComponentFactory<?>> services,
            ComponentFactory<LinuxFault> faults) {
        if (!Files.isDirectory(settings.root())) {
            if (!settings.explicitRoot()) {
                LOG.info("No vproperty directory {} here: the Linux provider offers nothing (set {}{} to use another)",
                        settings.root(), LinuxSettings.FRAMEWORK_PREFIX, LinuxSettings.ROOT);
                return ProviderOffer.nothing();
            }
            LOG.error("vproperty root {} (from {}) does not exist or is not a directory; the Linux provider is "
                    + "offered as configured and every access fails until it appears", settings.root(),
                    settings.rootSource());
        }
        // the native shutdown first: whoever sees the vproperties appear finds the whole platform there
        ProviderOffer offer = ProviderOffer.services(PROVIDER_NAME, settings.ranking(), settings, services, faults);
        LOG.info("Linux provider offered with ranking {} for {}", settings.ranking(), settings.root());
        return offer;
    }

    @Deactivate
    void deactivate() {
        offer.close();
    }
}
