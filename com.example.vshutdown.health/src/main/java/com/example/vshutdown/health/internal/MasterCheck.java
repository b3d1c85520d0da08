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
 * Whether the master can shut the platform down: it is active and has bound a vproperty provider
 * (the one {@code -Dvshutdown.provider} chose, if any) and the local native shutdown. Where no
 * master runs (an agent runtime) there is nothing to judge.
 */
@Component(property = {
        HealthCheck.NAME + "=vshutdown master",
        HealthCheck.TAGS + "=" + HealthCommand.TAG,
        // judged afresh each time: the command is how an operator looks after a change
        HealthCheck.RESULT_CACHE_TTL_IN_MS + ":Long=1"})
public final class MasterCheck implements HealthCheck {
    /** The master's component, as its bundle names it (the class name: DS's default). */
    static final String MASTER = "com.example.vshutdown.master.internal.ShutdownServiceComponent";

    private final ServiceComponentRuntime scr;

    @Activate
    public MasterCheck(@Reference ServiceComponentRuntime scr) {
        this.scr = scr;
    }

    @Override
    public Result execute() {
        FormattingResultLog log = new FormattingResultLog();
        Optional<List<ComponentConfigurationDTO>> masters = Components.configurations(scr, MASTER);
        if (masters.isEmpty()) {
            log.info("no master in this runtime");
            return new Result(log);
        }
        if (masters.get().isEmpty()) {
            log.critical("the master is disabled");
        }
        for (ComponentConfigurationDTO master : masters.get()) {
            if (!Components.satisfied(master)) {
                log.critical("the master is not active: {}", Components.why(master));
                continue;
            }
            if (Components.bound(master, "provider")) {
                log.info("the master has a vproperty provider");
            } else {
                log.critical("the master has no vproperty provider bound");
            }
            if (Components.bound(master, "nativeShutdown")) {
                log.info("the master has its native shutdown");
            } else {
                log.critical("the master has no native shutdown bound");
            }
        }
        return new Result(log);
    }
}
