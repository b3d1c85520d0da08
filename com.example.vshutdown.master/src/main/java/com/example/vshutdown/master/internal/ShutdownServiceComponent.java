package com.example.vshutdown.master.internal;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.util.promise.Promise;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.example.vshutdown.api.DomainInfo;
import com.example.vshutdown.api.ShutdownException;
import com.example.vshutdown.api.ShutdownListener;
import com.example.vshutdown.api.ShutdownRequest;
import com.example.vshutdown.api.ShutdownResult;
import com.example.vshutdown.api.ShutdownService;
import com.example.vshutdown.protocol.InvalidValueException;
import com.example.vshutdown.protocol.Values;
import com.example.vshutdown.spi.ConfigurationFault;
import com.example.vshutdown.spi.NativeShutdown;
import com.example.vshutdown.spi.VPropertyProvider;

/**
 * {@link ShutdownService} as a DS component. The providers are dynamic, greedy and optional: the
 * highest-ranked one is always bound, a better one replaces it at once, and while none exists the
 * service stays registered and says so instead of disappearing from under its users.
 */
@Component(service = ShutdownService.class, configurationPid = "com.example.vshutdown.master")
@Designate(ocd = MasterConfig.class)
public class ShutdownServiceComponent implements ShutdownService {
    private static final Logger LOG = LoggerFactory.getLogger(ShutdownServiceComponent.class);

    private volatile VPropertyProvider provider;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, target = NativeShutdown.LOCAL_ONLY)
    private volatile NativeShutdown nativeShutdown;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    private volatile List<ConfigurationFault> faults;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    private volatile List<ShutdownListener> listeners;

    private final Coordinator coordinator;

    @Activate
    public ShutdownServiceComponent(BundleContext context, MasterConfig config) {
        int master = masterDomain(context, config);
        coordinator = new Coordinator(new Bound(), master, new Timing(
                Duration.ofMillis(Math.max(1, config.safety_reread_ms())),
                Duration.ofMillis(Math.max(1, config.progress_interval_ms()))));
        LOG.info("Master shutdown application active; master domain {}", master);
    }

    private static int masterDomain(BundleContext context, MasterConfig config) {
        if (config.master_domain() >= 0) {
            return config.master_domain();
        }
        String property = context.getProperty(MasterConfig.MASTER_DOMAIN_PROPERTY);
        if (property == null) {
            return 0;
        }
        try {
            return Values.parseDomainId(property.strip());
        } catch (InvalidValueException e) {
            // the master must know which domain is its own: never guess, refuse to start
            throw new IllegalArgumentException(MasterConfig.MASTER_DOMAIN_PROPERTY + ": " + e.getMessage());
        }
    }

    @Deactivate
    void deactivate() {
        coordinator.close();
    }

    /** Greedy: a better-ranked provider is bound before the one it replaces is unbound. */
    @Reference(name = "provider", cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindProvider(VPropertyProvider bound) {
        provider = bound;
        // a shutdown in progress moves to it at once rather than at its next safety re-read
        coordinator.providerChanged();
    }

    void unbindProvider(VPropertyProvider unbound) {
        if (provider == unbound) {
            provider = null;
        }
        coordinator.providerChanged();
    }

    /** The services bound now, read by the coordinator once per operation. */
    private final class Bound implements Bindings {
        @Override
        public Optional<VPropertyProvider> provider() {
            return Optional.ofNullable(provider);
        }

        @Override
        public Optional<NativeShutdown> nativeShutdown() {
            return Optional.ofNullable(nativeShutdown);
        }

        @Override
        public Optional<String> configurationFault() {
            List<ConfigurationFault> current = faults;
            return current == null || current.isEmpty() ? Optional.empty() : Optional.of(current.get(0).message());
        }

        @Override
        public List<ShutdownListener> listeners() {
            List<ShutdownListener> current = listeners;
            return current == null ? List.of() : current;
        }
    }

    @Override
    public Promise<ShutdownResult> submit(ShutdownRequest request) throws ShutdownException {
        return coordinator.submit(request);
    }

    @Override
    public ShutdownResult run(ShutdownRequest request) throws ShutdownException {
        return coordinator.run(request);
    }

    @Override
    public boolean cancel() {
        return coordinator.cancel();
    }

    @Override
    public Optional<ShutdownRequest> current() {
        return coordinator.current();
    }

    @Override
    public List<DomainInfo> domains() throws ShutdownException {
        return coordinator.domains();
    }

    @Override
    public int masterDomain() {
        return coordinator.masterDomain();
    }
}
