package com.example.vshutdown.health.internal;

import java.util.List;

import org.apache.felix.hc.api.FormattingResultLog;
import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import com.example.vshutdown.spi.ConfigurationFault;

/**
 * Whether any provider (or the master's provider choice) reports a configuration fault: while one
 * is registered the master and the agents refuse to act, so it is critical.
 */
@Component(property = {
        HealthCheck.NAME + "=vshutdown configuration",
        HealthCheck.TAGS + "=" + HealthCommand.TAG,
        HealthCheck.RESULT_CACHE_TTL_IN_MS + ":Long=1"})
public final class FaultsCheck implements HealthCheck {
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    private volatile List<ConfigurationFault> faults;

    @Override
    public Result execute() {
        FormattingResultLog log = new FormattingResultLog();
        List<ConfigurationFault> current = faults;
        if (current.isEmpty()) {
            log.info("no configuration fault");
        }
        for (ConfigurationFault fault : current) {
            log.critical("configuration fault: {}", fault.message());
        }
        return new Result(log);
    }
}
