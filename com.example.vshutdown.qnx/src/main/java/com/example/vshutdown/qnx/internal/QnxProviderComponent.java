package com.example.vshutdown.qnx.internal;

import java.io.File;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;

import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.example.vshutdown.spi.ConfigurationFault;
import com.example.vshutdown.spi.NativeShutdown;
import com.example.vshutdown.spi.VPropertyProvider;

/**
 * Offers the QNX provider's services where they fit: on QNX, or wherever configuration enables it.
 *
 * <p>It registers them itself instead of letting DS do it, because what it registers depends on
 * what it finds: a library that binds and answers gives a {@link VPropertyProvider} and a
 * {@link NativeShutdown}; a library that is missing, lacks a function or fails to open gives only a
 * {@link ConfigurationFault} naming the library and the call, so the provider stays down rather
 * than half working, and the master says why instead of "no provider".
 */
@Component(name = QnxProviderComponent.PID, configurationPid = QnxProviderComponent.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, service = {}, immediate = true)
@Designate(ocd = QnxProviderComponent.Config.class)
public final class QnxProviderComponent {
    /** The component name and configuration pid. */
    public static final String PID = "com.example.vshutdown.qnx";
    /** Service property naming the provider, as the simulator's does, for listings and test filters. */
    static final String PROVIDER_PROPERTY = "vshutdown.provider";

    private static final Logger LOG = LoggerFactory.getLogger(QnxProviderComponent.class);

    @ObjectClassDefinition(id = PID, name = "vshutdown QNX provider",
            description = "vproperties through the QNX ddi layer (the C interface of include/vshutdown_ddi.h) "
                    + "and the native shutdown and reboot of QNX.")
    public @interface Config {
        @AttributeDefinition(name = "Enabled", required = false,
                description = "auto: only when the framework runs on QNX; true: anywhere (tests, ports); false: "
                        + "never. Empty takes the framework property " + QnxSettings.ENABLED_PROPERTY + ", else auto.")
        String enabled() default "";

        @AttributeDefinition(name = "Library", required = false,
                description = "The ddi library: a name (vshutdown_ddi loads libvshutdown_ddi.so from the library "
                        + "path) or an absolute path. Empty takes the framework property "
                        + QnxSettings.LIBRARY_PROPERTY + ", else vshutdown_ddi.")
        String library() default "";

        @AttributeDefinition(name = "Library path", required = false,
                description = "Directories searched for a library given by name, before java.library.path.")
        String[] library_path() default {};

        @AttributeDefinition(name = "Wait time-out (ms)", min = "1", max = "60000",
                description = "How long one vsd_wait blocks at most; stopping the provider takes about as long.")
        long wait_timeout_ms() default 500;

        @AttributeDefinition(name = "Service ranking",
                description = "service.ranking of the services; the master binds the highest-ranked provider.")
        int service_ranking() default 100;

        @AttributeDefinition(name = "Shutdown command",
                description = "The master's native shutdown: the program and its arguments.")
        String[] shutdown_command() default {"shutdown", "-S", "system"};

        @AttributeDefinition(name = "Reboot command",
                description = "The master's native reboot: the program and its arguments.")
        String[] reboot_command() default {"shutdown", "-S", "reboot"};

        @AttributeDefinition(name = "Native time-out (ms)", min = "1",
                description = "How long the native command may take before it is reported as failed "
                        + "(it is left running).")
        long native_timeout_ms() default 30000;
    }

    private final BundleContext context;
    private final LibraryCopy copies;
    // Guarded by this.
    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();
    private QnxVProperties provider;

    @Activate
    public QnxProviderComponent(BundleContext context, Config config) {
        this.context = context;
        // the bundle's own storage: copies of the library are loaded from there (see LibraryCopy)
        this.copies = new LibraryCopy(Optional.ofNullable(context.getDataFile("ddi")).map(File::toPath),
                DdiNative::load);
        apply(config);
    }

    @Modified
    synchronized void modified(Config config) {
        withdraw();
        apply(config);
    }

    @Deactivate
    synchronized void deactivate() {
        withdraw();
    }

    private synchronized void apply(Config config) {
        QnxSettings settings;
        try {
            settings = QnxSettings.of(config, context::getProperty);
        } catch (IllegalArgumentException e) {
            fault("QNX provider not started: configuration " + PID + ": " + e.getMessage());
            return;
        }
        if (!settings.enabled()) {
            LOG.info("QNX provider not offered: {}", settings.reason());
            return;
        }
        try {
            DdiLibrary ddi = DdiLibrary.load(settings.library(), settings.libraryPath(), copies);
            provider = QnxVProperties.open(ddi, settings.waitTimeout());
        } catch (DdiException e) {
            fault("QNX provider not started: " + e.getMessage());
            return;
        } catch (RuntimeException | LinkageError e) {
            // the glue failing in a way it does not report (a native method it did not register)
            fault("QNX provider not started: binding the ddi library '" + settings.library() + "' failed: " + e);
            return;
        }
        NativeShutdown nativeShutdown = new QnxNativeShutdown(settings.shutdownCommand(), settings.rebootCommand(),
                settings.nativeTimeout());
        // the native shutdown first: whoever sees the provider appear finds the whole platform there
        registrations.add(context.registerService(NativeShutdown.class, nativeShutdown,
                properties(settings.ranking(), nativeShutdown.description())));
        registrations.add(context.registerService(VPropertyProvider.class, provider,
                properties(settings.ranking(), provider.description())));
        LOG.info("QNX provider offered with service.ranking {} ({}): {}; {}", settings.ranking(), settings.reason(),
                provider.description(), nativeShutdown.description());
    }

    private void fault(String message) {
        LOG.error("{}", message);
        registrations.add(context.registerService(ConfigurationFault.class, new QnxFault(message),
                properties(null, message)));
    }

    /** Unregisters first, so nobody is handed a provider whose library is being closed. */
    private void withdraw() {
        for (ServiceRegistration<?> registration : registrations) {
            try {
                registration.unregister();
            } catch (IllegalStateException e) {
                LOG.debug("Service already unregistered: {}", e.getMessage());
            }
        }
        registrations.clear();
        if (provider != null) {
            provider.close();
            provider = null;
        }
    }

    private static Dictionary<String, Object> properties(Integer ranking, String description) {
        Dictionary<String, Object> properties = new Hashtable<>();
        if (ranking != null) {
            properties.put(Constants.SERVICE_RANKING, ranking);
        }
        properties.put(Constants.SERVICE_DESCRIPTION, description);
        properties.put(PROVIDER_PROPERTY, "qnx");
        return properties;
    }
}
