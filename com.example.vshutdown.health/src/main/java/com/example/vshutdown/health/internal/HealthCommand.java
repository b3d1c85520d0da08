package com.example.vshutdown.health.internal;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

import org.apache.felix.hc.api.Result;
import org.apache.felix.hc.api.ResultLog;
import org.apache.felix.hc.api.execution.HealthCheckExecutionResult;
import org.apache.felix.hc.api.execution.HealthCheckExecutor;
import org.apache.felix.hc.api.execution.HealthCheckSelector;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code health [--json]}: runs this runtime's health checks (tag {@value #TAG}) through Felix's
 * executor and prints what they found; fails, so that the exit status of a one-shot or of the
 * {@code vshutdown} command line is not 0, unless every check is OK. Felix's own {@code hc:exec}
 * runs the same checks with its own output and always succeeds.
 */
@Component(service = HealthCommand.class, property = {
        "osgi.command.scope=vshutdown",
        "osgi.command.function=health"})
public final class HealthCommand {
    /** The tag of the checks of this bundle. */
    static final String TAG = "vshutdown";

    private final HealthCheckExecutor executor;

    @Activate
    public HealthCommand(@Reference HealthCheckExecutor executor) {
        this.executor = executor;
    }

    @Descriptor("run the health checks of this runtime: the master's vproperty provider and native shutdown, "
            + "configuration faults, every configured agent bound to its domain; fails unless all are OK")
    public void health(
            @Descriptor("print one JSON document instead of lines")
            @Parameter(names = {"--json"}, presentValue = "true", absentValue = "false") boolean json) {
        HealthReport report = report(executor.execute(HealthCheckSelector.tags(TAG)));
        PrintStream out = System.out; // the session's: Gogo gives each command thread its own
        out.println(json ? report.json() : report.text());
        if (!report.ok()) {
            throw new IllegalStateException("not healthy: " + report.failing());
        }
    }

    static HealthReport report(List<HealthCheckExecutionResult> results) {
        List<HealthReport.Check> checks = new ArrayList<>();
        for (HealthCheckExecutionResult result : results) {
            Result outcome = result.getHealthCheckResult();
            List<HealthReport.Message> messages = new ArrayList<>();
            for (ResultLog.Entry entry : outcome) {
                if (!entry.isDebug()) {
                    messages.add(new HealthReport.Message(entry.getStatus().name(), entry.getMessage()));
                }
            }
            checks.add(new HealthReport.Check(result.getHealthCheckMetadata().getName(), outcome.getStatus().name(),
                    messages));
        }
        checks.sort((a, b) -> a.name().compareTo(b.name()));
        return new HealthReport(checks);
    }
}
