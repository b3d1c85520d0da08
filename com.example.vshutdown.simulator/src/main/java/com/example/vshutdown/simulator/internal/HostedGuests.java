package com.example.vshutdown.simulator.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.osgi.framework.Constants;
import org.osgi.service.component.ComponentFactory;
import org.osgi.service.component.ComponentInstance;

import com.example.vshutdown.spi.NativeShutdown;
import com.example.vshutdown.spi.VPropertyProvider;
import com.example.vshutdown.support.offer.ProviderOffer;

/**
 * Where the simulated guests' agents run in the framework: the agent bundle's hosted agents. While
 * a guest's agent runs, DS registers its native shutdown ({@link HostedGuest}) with its domain, the
 * simulator's ranking and name, and {@link NativeShutdown#HOSTED_AGENT_PROPERTY}; the agent bundle
 * runs an agent for each, on the vproperties of the same name, this platform's. No ConfigAdmin is
 * involved; without the agent bundle nobody answers in the simulated domains.
 *
 * <p>Withdrawals are made outside this object's lock: stopping an agent waits for its check, which
 * may be calling the guest.
 */
final class HostedGuests implements GuestHost {
    private final ComponentFactory<HostedGuest> factory;
    // Guarded by this.
    private final Map<Integer, ComponentInstance<HostedGuest>> running = new HashMap<>();
    private boolean closed;

    HostedGuests(ComponentFactory<HostedGuest> factory) {
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    @Override
    public synchronized void agentStarts(int domain, NativeShutdown guest) {
        if (closed || running.containsKey(domain)) {
            return;
        }
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(Constants.SERVICE_RANKING, Integer.valueOf(SimulatorComponent.RANKING));
        properties.put(VPropertyProvider.PROVIDER_PROPERTY, SimulatorComponent.NAME);
        properties.put(NativeShutdown.DOMAIN_PROPERTY, Integer.valueOf(domain));
        properties.put(NativeShutdown.HOSTED_AGENT_PROPERTY, Boolean.TRUE);
        properties.put(ProviderOffer.SETTINGS, guest);
        running.put(domain, factory.newInstance(properties));
    }

    @Override
    public void agentEnds(int domain, NativeShutdown guest) {
        ComponentInstance<HostedGuest> ended;
        synchronized (this) {
            ended = running.remove(domain);
        }
        if (ended != null) {
            ended.dispose();
        }
    }

    @Override
    public void close() {
        List<ComponentInstance<HostedGuest>> ended;
        synchronized (this) {
            closed = true;
            ended = new ArrayList<>(running.values());
            running.clear();
        }
        ended.forEach(ComponentInstance::dispose);
    }
}
