package com.example.vshutdown.health.internal;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.felix.hc.api.Result;
import org.apache.felix.hc.api.execution.HealthCheckExecutionResult;
import org.apache.felix.hc.api.execution.HealthCheckExecutor;
import org.apache.felix.hc.api.execution.HealthCheckSelector;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells systemd (a unit of {@code Type=notify}, which sets {@code NOTIFY_SOCKET}) how the runtime
 * is: {@code READY=1} once the launcher has started every bundle and every health check is OK (the master has
 * its provider and native shutdown; every configured agent is bound to its domain), with
 * {@code STATUS=} saying what it waits for until then; {@code STOPPING=1} when the framework stops.
 *
 * <p>Under {@code WatchdogSec=} ({@code WATCHDOG_USEC}) it sends {@code WATCHDOG=1} every half
 * period when the checks have run to their end: the framework, SCR and the executor answer. A check
 * that is not OK does not stop the pings (it is a status line): restarting a runtime that waits for
 * a provider or a configuration fixes nothing, restarting one that hangs does.
 */
@Component(immediate = true, service = {})
public final class SystemdReadiness {
    private static final Logger LOG = LoggerFactory.getLogger(SystemdReadiness.class);
    /** How often the health is looked at until the runtime is ready. */
    private static final long UNTIL_READY_MILLIS = 500;

    private final HealthCheckExecutor executor;
    private final NotifySocket socket;
    private final ScheduledExecutorService timer;
    /** Written by SCR's thread, read by the timer's. */
    private volatile boolean started;
    /** The timer's own. */
    private boolean ready;
    private String status = "";

    @Activate
    public SystemdReadiness(@Reference HealthCheckExecutor executor) {
        this.executor = executor;
        this.socket = socket(System.getenv("NOTIFY_SOCKET"));
        if (socket == null) {
            timer = null;
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> new Thread(runnable, "vshutdown systemd notify"));
        timer.scheduleWithFixedDelay(this::untilReady, 0, UNTIL_READY_MILLIS, TimeUnit.MILLISECONDS);
        long watchdogMicros = watchdog(System.getenv("WATCHDOG_USEC"), System.getenv("WATCHDOG_PID"));
        if (watchdogMicros > 0) {
            timer.scheduleAtFixedRate(this::watchdog, watchdogMicros / 2, watchdogMicros / 2, TimeUnit.MICROSECONDS);
        }
    }

    private static NotifySocket socket(String value) {
        if (value == null) {
            return null;
        }
        try {
            return NotifySocket.of(value);
        } catch (IllegalArgumentException e) {
            LOG.error("{}; systemd is not told when this runtime is ready", e.getMessage());
            return null;
        }
    }

    /** The watchdog period in microseconds, 0 without one (or when it is another process's: WATCHDOG_PID). */
    static long watchdog(String usec, String pid) {
        if (usec == null || (pid != null && !pid.equals(Long.toString(ProcessHandle.current().pid())))) {
            return 0;
        }
        try {
            return Math.max(0, Long.parseLong(usec.strip()));
        } catch (NumberFormatException e) {
            LOG.error("WATCHDOG_USEC '{}' is not a number of microseconds; no watchdog pings", usec);
            return 0;
        }
    }

    /** The bnd launcher has started every bundle of the runtime: its service gets {@code launcher.ready}. */
    @Reference(name = "launcher", service = Object.class, target = "(launcher.ready=true)",
            cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, unbind = "launcherGone")
    void launcherReady(Object launcher) {
        started = true;
    }

    void launcherGone(Object launcher) {
        started = false;
    }

    private void untilReady() {
        if (ready) {
            return;
        }
        HealthReport report = HealthCommand.report(run());
        if (started && report.ok()) {
            ready = true;
            notify("READY=1\nSTATUS=ready: every health check is OK");
        } else {
            String now = started ? "waiting for: " + report.failing() : "starting";
            if (!now.equals(status)) {
                status = now;
                notify("STATUS=" + now);
            }
        }
    }

    private void watchdog() {
        List<HealthCheckExecutionResult> results = run();
        boolean answered = results.stream().noneMatch(result -> result.hasTimedOut()
                || result.getHealthCheckResult().getStatus() == Result.Status.HEALTH_CHECK_ERROR);
        if (answered) {
            notify("WATCHDOG=1");
        } else {
            LOG.warn("Health checks did not answer; no watchdog ping: {}", HealthCommand.report(results).failing());
        }
    }

    private List<HealthCheckExecutionResult> run() {
        return executor.execute(HealthCheckSelector.tags(HealthCommand.TAG));
    }

    private void notify(String message) {
        try {
            socket.send(message);
        } catch (IOException | RuntimeException | LinkageError e) {
            LOG.warn("systemd notification '{}' not sent: {}", message.lines().findFirst().orElse(""), e.toString());
        }
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        if (timer == null) {
            return;
        }
        timer.shutdownNow();
        timer.awaitTermination(5, TimeUnit.SECONDS);
        notify("STOPPING=1");
    }

}
