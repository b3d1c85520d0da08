package com.example.vshutdown.support.command;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

import com.example.vshutdown.spi.NativeShutdown;
import com.example.vshutdown.spi.ShutdownVetoedException;

/**
 * The local domain's native shutdown and reboot as two OS commands, each run by {@link NativeCommand}
 * under the policy {@link NativeShutdown} states. A command that fails is a veto when its own words
 * say that the guest refused (e.g. systemd's inhibitor locks), so that an agent reports it as
 * {@code blocked} rather than {@code failed}.
 *
 * <p>A provider's native shutdown component extends it and only declares itself, with the
 * commands its settings name: the running is all here.
 */
public class CommandShutdown implements NativeShutdown {
    private final String origin;
    private final NativeCommand shutdown;
    private final NativeCommand reboot;
    private final Duration bound;
    private final Predicate<String> vetoed;

    /**
     * @param origin where the commands come from ("Linux with systemd", "configured"), for the description
     * @param shutdown the shutdown command: the program and its arguments
     * @param reboot the reboot command
     * @param bound how long either may run before it is stopped and reported
     * @param vetoed whether what a failed command printed means that the guest refused to go down
     */
    public CommandShutdown(String origin, List<String> shutdown, List<String> reboot, Duration bound,
            Predicate<String> vetoed) {
        this.origin = Objects.requireNonNull(origin, "origin");
        this.shutdown = new NativeCommand("shutdown", shutdown, bound);
        this.reboot = new NativeCommand("reboot", reboot, bound);
        this.bound = bound;
        this.vetoed = Objects.requireNonNull(vetoed, "vetoed");
    }

    @Override
    public final String description() {
        return "native shutdown (" + origin + "): '" + shutdown.line() + "', reboot: '" + reboot.line()
                + "', each stopped after " + bound.toMillis() + " ms";
    }

    @Override
    public final void shutdown() throws IOException {
        run(shutdown);
    }

    @Override
    public final void reboot() throws IOException {
        run(reboot);
    }

    private void run(NativeCommand command) throws IOException {
        try {
            command.run();
        } catch (CommandFailedException e) {
            if (!e.printed().isEmpty() && vetoed.test(e.printed())) {
                throw new ShutdownVetoedException(e.getMessage());
            }
            throw e;
        }
    }
}
