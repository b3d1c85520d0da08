package com.example.vshutdown.master.internal;

import java.nio.file.Path;

import com.example.vshutdown.master.internal.machine.Machine;
import com.example.vshutdown.support.offer.MalformedSettingException;
import com.example.vshutdown.support.offer.SettingSource;

/**
 * Where the master keeps what other processes on the machine must see (DESIGN.md "One master per
 * machine"): the run directory of the machine-wide lock, the state directory of the record of a
 * shutdown under way, and whether this master resumes a recorded shutdown when it starts (a
 * service does: its runtime sets {@code resume}; a one-shot command only reports one).
 *
 * @param runDir {@code run.dir}, framework property {@code vshutdown.run.dir}
 * @param stateDir {@code state.dir}, framework property {@code vshutdown.state.dir}
 * @param resume {@code resume}, framework property {@code vshutdown.master.resume}
 */
record MachineSettings(Path runDir, Path stateDir, boolean resume) {
    static final String RUN_DIR = "run.dir";
    static final String STATE_DIR = "state.dir";
    static final String RESUME = "resume";
    static final String DEFAULT_RUN_DIR = "/run/vshutdown";
    static final String DEFAULT_STATE_DIR = "/var/lib/vshutdown";

    static MachineSettings defaults() {
        return new MachineSettings(Path.of(DEFAULT_RUN_DIR), Path.of(DEFAULT_STATE_DIR), false);
    }

    static MachineSettings of(SettingSource source) throws MalformedSettingException {
        return new MachineSettings(source.path(RUN_DIR, DEFAULT_RUN_DIR), source.path(STATE_DIR, DEFAULT_STATE_DIR),
                source.flag(RESUME, false));
    }

    /** This process on the machine these directories are of. */
    Machine machine() {
        return Machine.of(runDir, stateDir);
    }
}
