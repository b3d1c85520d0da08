package com.example.vshutdown.qnx.internal;

import java.io.File;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
 * Decides what the QNX provider offers here, from its settings and the OS it finds; DS registers
 * it, as instances of this bundle's factory components:
 * <ul>
 * <li>off QNX, unless enabled by a setting, or where a setting disables it: nothing, so another
 * provider (or the simulator) serves;</li>
 * <li>where it runs, once it has bound and opened the library ({@link QnxBinding}): the native
 * shutdown ({@link QnxNativeShutdown}) and the vproperties ({@link QnxVProperties}), at the
 * configured ranking;</li>
 * <li>where the library that it should run on is missing, lacks a function or fails to open: the
 * {@link QnxFault} that names the library and the call, and no services, so the provider stays
 * down rather than half working;</li>
 * <li>where a setting is malformed: the {@link QnxFault} that names it, and no services — the
 * refusal policy of {@link ConfigurationFault}.</li>
 * </ul>
 * A configuration change re-activates the component (no {@code @Modified}): the offer is withdrawn,
 * which closes the library, and made anew.
 */
@Component(name = QnxProviderComponent.PID, configurationPid = QnxProviderComponent.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, service = {}, immediate = true)
@Designate(ocd = QnxProviderComponent.Config.class)
public final class QnxProviderComponent {
    /** The component name and configuration pid. */
    public static final String PID = "com.example.vshutdown.qnx";

    /** The name this provider publishes, by which an operator can pick it: -Dvshutdown.provider=qnx. */
    public static final String PROVIDER_NAME = "qnx";

    private static final Logger LOG = LoggerFactory.getLogger(QnxProviderComponent.class);

    @ObjectClassDefinition(id = PID, name = "vshutdown QNX provider",
            description = "vproperties through the QNX ddi layer (the C interface of include/vshutdown_ddi.h) "
                    + "and the native shutdown and reboot of QNX. Each setting may also be given as the framework "
                    + "property vshutdown.qnx.<setting>, which the configuration overrides.")
    public @interface Config {
        @AttributeDefinition(name = "Enabled", required = false,
                description = "auto: only when the framework runs on QNX; true: anywhere (tests, ports); false: never.")
        String enabled() default "auto";

        @AttributeDefinition(name = "Library", required = false,
                description = "The ddi library: a name (vshutdown_ddi loads libvshutdown_ddi.so from the library "
                        + "path) or an absolute path.")
        String library() default QnxSettings.DEFAULT_LIBRARY;

        @AttributeDefinition(name = "Library path", required = false,
                description = "Directories searched for a library given by name, before java.library.path.")
        String[] library_path();

        @AttributeDefinition(name = "Wait time-out (ms)", min = "1", max = "60000",
                description = "How long one vsd_wait blocks at most; stopping the provider takes about as long.")
        long wait_timeout_ms() default QnxSettings.DEFAULT_WAIT_MS;

        @AttributeDefinition(name = "Service ranking",
                description = "service.ranking of the services; the master binds the highest-ranked provider.")
        int service_ranking() default QnxSettings.DEFAULT_RANKING;

        @AttributeDefinition(name = "Shutdown command", required = false,
                description = "The master's native shutdown: the program and its arguments. One string is split at "
                        + "white space.")
        String[] shutdown_command() default {"shutdown", "-S", "system"};

        @AttributeDefinition(name = "Reboot command", required = false,
                description = "The master's native reboot: the program and its arguments. One string is split at "
                        + "white space.")
        String[] reboot_command() default {"shutdown", "-S", "reboot"};

        @AttributeDefinition(name = "Native time-out (ms)", min = "1",
                description = "How long the native command may run before it is stopped, with every process it "
                        + "started, and reported as failed.")
        long native_timeout_ms() default QnxSettings.DEFAULT_NATIVE_TIMEOUT_MS;
    }

    private final ProviderOffer offer;

    /**
     * Takes the configuration as its properties, not as {@link Config}: a typed configuration
     * would make its defaults component properties and coerce what it is given ({@code "+5"},
     * a long into an int), and the provider could no longer refuse a malformed setting, nor tell
     * one the configuration makes from one it leaves to the framework property.
     */
    @Activate
    public QnxProviderComponent(BundleContext context, Map<String, Object> properties,
            @Reference(name = "nativeShutdowns", target = "(component.factory=" + QnxNativeShutdown.FACTORY + ")")
            ComponentFactory<QnxNativeShutdown> nativeShutdowns,
            @Reference(name = "vproperties", target = "(component.factory=" + QnxVProperties.FACTORY + ")")
            ComponentFactory<QnxVProperties> vproperties,
            @Reference(name = "faults", target = "(component.factory=" + QnxFault.FACTORY + ")")
            ComponentFactory<QnxFault> faults) {
        offer = ProviderOffer.decide(PROVIDER_NAME, faults, () -> offer(context,
                QnxSettings.resolve(properties, context::getProperty), List.of(nativeShutdowns, vproperties), faults));
    }

    private static ProviderOffer offer(BundleContext context, QnxSettings settings, List<ComponentFactory<?>> services,
            ComponentFactory<QnxFault> faults) {
        if (!settings.enabled()) {
            LOG.info("The QNX provider offers nothing: {}", settings.reason());
            return ProviderOffer.nothing();
        }
        // the bundle's own storage: copies of the library are loaded from there (see LibraryCopy)
        LibraryCopy copies = new LibraryCopy(Optional.ofNullable(context.getDataFile("ddi")).map(File::toPath),
                DdiNative::load);
        QnxBinding binding;
        try {
            binding = QnxBinding.bind(settings, copies);
        } catch (DdiException e) {
            return ProviderOffer.cannotStart(PROVIDER_NAME, faults, e.getMessage());
        } catch (RuntimeException | LinkageError e) {
            // the glue failing in a way it does not report (a native method it did not register)
            return ProviderOffer.cannotStart(PROVIDER_NAME, faults, "binding the ddi library '" + settings.library()
                    + "' failed: " + e);
        }
        // the native shutdown first: whoever sees the vproperties appear finds the whole platform there
        ProviderOffer offer = ProviderOffer.services(PROVIDER_NAME, settings.ranking(), binding, services, faults);
        binding.closeUnlessTaken();
        LOG.info("QNX provider offered with ranking {} ({})", settings.ranking(), settings.reason());
        return offer;
    }

    @Deactivate
    void deactivate() {
        offer.close();
    }
}
