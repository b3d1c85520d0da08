package com.example.vshutdown.health.internal;

import java.util.List;
import java.util.Optional;

import org.apache.felix.hc.api.FormattingResultLog;
import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;

/**
 * Whether every configured shutdown agent (one per configuration of the agent's factory pid) is
 * bound to its domain: active, with its vproperty provider and its native shutdown. An agent
 * without them does nothing when its domain is asked to shut down.
 */
@Component(property = {
        HealthCheck.NAME + "=vshutdown agents",
        HealthCheck.TAGS + "=" + HealthCommand.TAG,
        HealthCheck.RESULT_CACHE_TTL_IN_MS + ":Long=1"})
public final class AgentsCheck implements HealthCheck {
    /** The agent's component name and factory pid. */
    static final String AGENT = "com.example.vshutdown.agent";

    private final ServiceComponentRuntime scr;

    @Activate
    public AgentsCheck(@Reference ServiceComponentRuntime scr) {
        this.scr = scr;
    }

    @Override
    public Result execute() {
        FormattingResultLog log = new FormattingResultLog();
        Optional<List<ComponentConfigurationDTO>> agents = Components.configurations(scr, AGENT);
        if (agents.isEmpty()) {
            log.info("no shutdown agent in this runtime");
        } else if (agents.get().isEmpty()) {
            log.info("no shutdown agent configured");
        } else {
            for (ComponentConfigurationDTO agent : agents.get()) {
                Object domain = agent.properties.get("domain.id");
                if (Components.satisfied(agent)) {
                    log.info("the agent of domain {} is bound", domain);
                } else {
                    log.critical("the agent of domain {} is not bound: {}", domain, Components.why(agent));
                }
            }
        }
        return new Result(log);
    }
}
