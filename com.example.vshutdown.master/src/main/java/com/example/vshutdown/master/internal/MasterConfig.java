package com.example.vshutdown.master.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The master's configuration as a configuration tool shows it. The master reads its settings
 * through {@link MasterSettings}, which also takes each one from the framework property
 * {@code vshutdown.master.<name>} when the configuration does not set it; the defaults live there.
 */
@ObjectClassDefinition(id = MasterSettings.PID, name = "vshutdown master",
        description = "The master shutdown application. Each setting may also be given as the framework property "
                + "vshutdown.master.<setting> (master.domain: vshutdown.master.domain), which the configuration "
                + "overrides. A slave's own time-out is the key domain.<id>.timeout.ms (framework property "
                + "vshutdown.master.domain.<id>.timeout.ms): it is waited for that long from its request, instead "
                + "of the command's -t. A malformed setting makes every vshutdown fail with exit status 2.")
@interface MasterConfig {
    @AttributeDefinition(name = "Master domain",
            description = "Id of the master's own domain, never asked to shut down; -1 takes the framework "
                    + "property vshutdown.master.domain, else 0.")
    int master_domain() default -1;

    @AttributeDefinition(name = "Stop order", required = false,
            description = "Groups of a system-wide shutdown, asked one after another: ';' between groups, ',' "
                    + "between the ids of a group, '*' once for every domain not named, e.g. '*;5;3' (storage "
                    + "domain 3 last). Default '*': every request at once.")
    String stop_order() default StopOrder.OTHERS;

    @AttributeDefinition(name = "Participant maximum (ms)",
            description = "How long each ShutdownParticipant may postpone the master's native shutdown or reboot.")
    long participant_max_ms() default Policy.DEFAULT_PARTICIPANT_MAX_MS;

    @AttributeDefinition(name = "Group grace (ms)",
            description = "The least wait a domain of a later group (or one asked after the deadline passed, "
                    + "with -f) gets from its request, whatever is left of -t.")
    long group_grace_ms() default Policy.DEFAULT_GROUP_GRACE_MS;

    @AttributeDefinition(name = "Provider grace (ms)",
            description = "How long a shutdown waits for a vproperty provider when none is bound (its bundle is "
                    + "being updated) before it ends as 'provider lost'; never past the shutdown's bounds.")
    long provider_grace_ms() default Policy.DEFAULT_PROVIDER_GRACE_MS;

    @AttributeDefinition(name = "Run directory", required = false,
            description = "Where the machine-wide lock (vshutdown.lock, holding its holder's pid) is taken for the "
                    + "whole of a shutdown; framework property vshutdown.run.dir. Default " + MachineSettings.DEFAULT_RUN_DIR
                    + ". Unused on a simulated platform.")
    String run_dir();

    @AttributeDefinition(name = "State directory", required = false,
            description = "Where the intent of a shutdown under way is recorded (shutdown.intent); framework property "
                    + "vshutdown.state.dir. Default " + MachineSettings.DEFAULT_STATE_DIR
                    + ". Unused on a simulated platform.")
    String state_dir();

    @AttributeDefinition(name = "Resume a recorded shutdown",
            description = "Whether this master resumes a shutdown that a master left recorded (a service does; a "
                    + "one-shot command only reports it and refuses a new one until 'vshutdown --cancel').")
    boolean resume() default false;

    @AttributeDefinition(name = "Safety re-read (ms)",
            description = "How often pending domains are re-read without a change notification, in case one was lost.")
    long safety_reread_ms() default MasterSettings.DEFAULT_SAFETY_REREAD_MS;

    @AttributeDefinition(name = "Progress interval (ms)",
            description = "How often a long wait reports who is still pending.")
    long progress_interval_ms() default MasterSettings.DEFAULT_PROGRESS_INTERVAL_MS;
}
