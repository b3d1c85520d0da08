package com.example.vshutdown.simulator.internal;

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

import com.example.vshutdown.protocol.InvalidValueException;
import com.example.vshutdown.protocol.Values;
import com.example.vshutdown.spi.ConfigurationFault;
import com.example.vshutdown.support.offer.MalformedSettingException;
import com.example.vshutdown.support.offer.ProviderOffer;
import com.example.vshutdown.support.offer.SettingSource;

/**
 * Decides what the simulator offers, from its settings; DS registers it, as instances of this
 * bundle's factory components:
 * <ul>
 * <li>a well-formed platform: the master's native shutdown ({@link SimulatedNativeShutdown}, which
 * ends the app) and the vproperties ({@link SimulatedPlatform}), at the lowest ranking; once they
 * are registered, the platform starts its guests, whose agents the agent bundle hosts
 * ({@link HostedGuests});</li>
 * <li>malformed settings: the {@link SimulatorFault} that names the setting and the entry, and no
 * services, so the master reports the misconfiguration instead of running on a platform the
 * operator did not describe (the refusal policy of {@link ConfigurationFault}).</li>
 * </ul>
 * A configuration change re-activates the component (no {@code @Modified}): the platform is
 * withdrawn and closed, and a new one offered.
 */
@Component(name = SimulatorComponent.PID, configurationPid = SimulatorComponent.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, service = {}, immediate = true)
@Designate(ocd = SimulatorComponent.Config.class)
public final class SimulatorComponent {
    /** The component name and configuration pid. */
    public static final String PID = "com.example.vshutdown.simulator";

    /** Lowest: the simulator fits no real platform, so any real provider outranks it. */
    public static final int RANKING = -100;

    /** The platform's name ({@link com.example.vshutdown.spi.VPropertyProvider#PROVIDER_PROPERTY}). */
    static final String NAME = "simulator";

    /** The framework properties' prefix: {@value SimulatorSpec#DOMAINS_PROPERTY} is {@code domains}. */
    static final String FRAMEWORK_PREFIX = "vshutdown.sim.";
    static final String DOMAINS = "domains";
    /** A setting of earlier versions, which chose the simulator's own agents: now an error. */
    static final String REMOVED_AGENTS = "agents";

    @ObjectClassDefinition(id = PID, name = "vshutdown simulated platform",
            description = "An in-memory hypervisor with simulated slave domains. Its native shutdown ends the app.")
    public @interface Config {
        @AttributeDefinition(name = "Domains", required = false,
                description = "Comma-separated <id>:<behaviour>[:<argument>] with behaviour ok[:ms], ignore,"
                        + " block[:reason], stopped, invalid, bounce[:ms], late:ms, vanish[:ms], fail[:reason],"
                        + " hang or appear:ms. When set, it overrides the framework property "
                        + SimulatorSpec.DOMAINS_PROPERTY + "; when neither is set: " + SimulatorSpec.DEFAULT_DOMAINS)
        String domains();
    }

    private final ProviderOffer offer;

    @Activate
    public SimulatorComponent(BundleContext context, Map<String, Object> properties,
            @Reference(name = "nativeShutdowns", target = "(component.factory=" + SimulatedNativeShutdown.FACTORY + ")")
            ComponentFactory<SimulatedNativeShutdown> nativeShutdowns,
            @Reference(name = "vproperties", target = "(component.factory=" + SimulatedPlatform.FACTORY + ")")
            ComponentFactory<SimulatedPlatform> vproperties,
            @Reference(name = "faults", target = "(component.factory=" + SimulatorFault.FACTORY + ")")
            ComponentFactory<SimulatorFault> faults) {
        offer = ProviderOffer.decide(NAME, faults, () -> ProviderOffer.services(NAME, RANKING,
                settings(new SettingSource(PID, FRAMEWORK_PREFIX, properties, context::getProperty),
                        context.getProperty(SimulatorSpec.MASTER_DOMAIN_PROPERTY)),
                List.of(nativeShutdowns, vproperties), faults));
        // only now: the guests' agents look for the vproperties as soon as they start
        offer.instance(SimulatedPlatform.class).ifPresent(SimulatedPlatform::startGuests);
    }

    @Deactivate
    void deactivate() {
        offer.close();
    }

    /**
     * Which platform the settings describe: the configured list wins over the framework property,
     * which wins over the default; the master's domain comes from the framework property that the
     * master reads too, so both agree on it. The agents setting of earlier versions chose the
     * simulator's own stand-in agents, which are gone: a leftover one is refused rather than
     * ignored, so that nobody runs a platform they did not ask for.
     */
    static SimulatorSpec settings(SettingSource source, String frameworkMaster) throws MalformedSettingException {
        if (source.value(REMOVED_AGENTS) != null) {
            throw new MalformedSettingException(source.name(REMOVED_AGENTS) + ": this setting was removed; the simulated"
                    + " domains' agents are always the shipped agent's (the agent bundle runs one for each guest): "
                    + "remove it");
        }
        int master = 0;
        if (frameworkMaster != null) {
            try {
                master = Values.parseDomainId(frameworkMaster.strip());
            } catch (InvalidValueException e) {
                throw new MalformedSettingException(SimulatorSpec.MASTER_DOMAIN_PROPERTY + ": " + e.getMessage());
            }
        }
        Object domains = source.value(DOMAINS);
        if (domains == null) {
            return SimulatorSpec.parse("default " + SimulatorSpec.DOMAINS_PROPERTY, SimulatorSpec.defaultDomains(master),
                    master);
        }
        if (!(domains instanceof String list)) {
            throw source.malformed(DOMAINS, domains, "is not text");
        }
        return SimulatorSpec.parse(source.name(DOMAINS), list, master);
    }
}
