package com.example.vshutdown.master.internal;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
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
import com.example.vshutdown.api.ShutdownParticipant;
import com.example.vshutdown.api.ShutdownRequest;
import com.example.vshutdown.api.ShutdownResult;
import com.example.vshutdown.api.ShutdownService;
import com.example.vshutdown.spi.ConfigurationFault;
import com.example.vshutdown.spi.NativeShutdown;
import com.example.vshutdown.spi.VPropertyProvider;

/**
 * {@link ShutdownService} as a DS component. The providers are dynamic, greedy and optional: the
 * highest-ranked one is always bound, a better one replaces it at once, and while none exists the
 * service stays registered and says so instead of disappearing from under its users. It is
 * immediate: a master service must find and resume a recorded shutdown when it starts, not when
 * somebody first asks for the service.
 */
@Component(service = ShutdownService.class, configurationPid = MasterSettings.PID, immediate = true)
@Designate(ocd = MasterConfig.class)
public class ShutdownServiceComponent implements ShutdownService {
    private static final Logger LOG = LoggerFactory.getLogger(ShutdownServiceComponent.class);

    private volatile VPropertyProvider provider;
    /** The providers bound now whose service says they are simulated; by identity. */
    private final Set<VPropertyProvider> simulated = Collections.newSetFromMap(new IdentityHashMap<>());

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, target = NativeShutdown.LOCAL_ONLY)
    private volatile NativeShutdown nativeShutdown;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    private volatile List<ConfigurationFault> faults;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    private volatile List<ShutdownListener> listeners;

    /** The participants by their reference; ordered when read, as a ranking may change while registered. */
    private final Map<ServiceReference<ShutdownParticipant>, Bindings.Participant> participants =
            new ConcurrentHashMap<>();

    private final Coordinator coordinator;

    /**
     * Takes the configuration as its properties, not as {@link MasterConfig}: a typed configuration
     * would make its defaults component properties, and the master could no longer tell a setting the
     * configuration makes from one it leaves to the framework property.
     */
    @Activate
    public ShutdownServiceComponent(BundleContext context, Map<String, Object> properties) {
        MasterSettings settings = MasterSettings.resolve(properties, context::getProperty);
        coordinator = new Coordinator(new Bound(), settings);
        LOG.info("Master shutdown application active; master domain {}, stop order {}, {}{}", settings.masterDomain(),
                settings.policy().order(), coordinator.machine(), settings.machine().resume()
                        ? "; resumes a recorded shutdown" : "");
        // a service resumes what a master left recorded, once a provider of a real platform is bound
        coordinator.resumeRecorded();
    }

    @Deactivate
    void deactivate() {
        coordinator.close();
    }

    /** Greedy: a better-ranked provider is bound before the one it replaces is unbound. */
    @Reference(name = "provider", cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindProvider(VPropertyProvider bound, Map<String, Object> properties) {
        synchronized (simulated) {
            if (Boolean.TRUE.equals(properties.get(VPropertyProvider.SIMULATED_PROPERTY))) {
                simulated.add(bound);
            }
        }
        provider = bound;
        // a shutdown in progress moves to it at once rather than at its next safety re-read
        coordinator.providerChanged();
        coordinator.resumeRecorded();
    }

    void unbindProvider(VPropertyProvider unbound) {
        if (provider == unbound) {
            provider = null;
        }
        synchronized (simulated) {
            // a shutdown decides what it runs on when it starts, and keeps to that
            simulated.remove(unbound);
        }
        coordinator.providerChanged();
    }

    @Reference(name = "participant", cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindParticipant(ShutdownParticipant participant, ServiceReference<ShutdownParticipant> reference) {
        participants.put(reference, new Bindings.Participant(participantName(reference), participant));
    }

    void unbindParticipant(ShutdownParticipant participant, ServiceReference<ShutdownParticipant> reference) {
        participants.remove(reference);
    }

    /** Its DS component name; else its bundle and service id, which tell two participants of one bundle apart. */
    private static String participantName(ServiceReference<?> reference) {
        Object component = reference.getProperty("component.name");
        if (component instanceof String name) {
            return name;
        }
        Bundle bundle = reference.getBundle();
        return (bundle == null ? "unregistered" : bundle.getSymbolicName()) + " (service "
                + reference.getProperty("service.id") + ")";
    }

    /** The services bound now, read by the coordinator once per operation. */
    private final class Bound implements Bindings {
        @Override
        public Optional<VPropertyProvider> provider() {
            return Optional.ofNullable(provider);
        }

        @Override
        public boolean simulated(VPropertyProvider bound) {
            synchronized (simulated) {
                return simulated.contains(bound);
            }
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

        /** Best ranking first, then the older service: the framework's order of references, reversed. */
        @Override
        public List<Participant> participants() {
            Map<ServiceReference<ShutdownParticipant>, Participant> now = new TreeMap<>(Collections.reverseOrder());
            now.putAll(participants);
            return List.copyOf(now.values());
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
    public Optional<ShutdownResult> withdraw() throws ShutdownException {
        return coordinator.withdraw();
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
