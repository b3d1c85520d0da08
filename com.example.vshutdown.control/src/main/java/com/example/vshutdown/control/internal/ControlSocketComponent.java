package com.example.vshutdown.control.internal;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.Job;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.example.vshutdown.control.wire.Frames;
import com.example.vshutdown.support.offer.MalformedSettingException;
import com.example.vshutdown.support.offer.SettingSource;

/**
 * The master service's control socket: a Unix domain socket (no network listener at all) on which
 * each connection runs one Gogo command line in a session of its own ({@link ControlSession}), for
 * the {@code vshutdown} command line. Where the socket cannot be opened the service runs on without
 * it, saying why in one line: nothing is shut down for want of a control socket.
 *
 * <p>Settings come from the configuration {@value #PID}, else from the framework properties
 * {@value #SOCKET_NAME} and {@value #GROUP_NAME}, else the defaults: the platform's one rule
 * ({@link SettingSource}). A malformed or unknown setting is one line, and the service runs without
 * a socket rather than on a guess. A new configuration re-activates the component: the socket is
 * closed and opened anew; lines already running end on their connections.
 */
@Component(name = ControlSocketComponent.PID, configurationPid = ControlSocketComponent.PID, service = {},
        immediate = true)
@Designate(ocd = ControlSocketComponent.Config.class)
public final class ControlSocketComponent {
    static final String PID = "com.example.vshutdown.control";
    static final String SOCKET_NAME = Frames.SOCKET_PROPERTY;
    static final String GROUP_NAME = "vshutdown.control.group";
    private static final String PREFIX = "vshutdown.control.";
    private static final String SOCKET = "socket";
    private static final String GROUP = "group";

    private static final Logger LOG = LoggerFactory.getLogger(ControlSocketComponent.class);
    /** How long a stopping service waits for the lines it runs, so that their clients get their status. */
    private static final long STOP_GRACE_SECONDS = 10;

    @ObjectClassDefinition(id = PID, name = "vshutdown control socket",
            description = "The Unix domain socket through which the vshutdown command line runs command lines in "
                    + "the master service.")
    @interface Config {
        @AttributeDefinition(name = "Socket path", required = false,
                description = "Path of the socket; empty takes the framework property " + Frames.SOCKET_PROPERTY
                        + ", else " + Frames.DEFAULT_SOCKET + ".")
        String socket() default "";

        @AttributeDefinition(name = "Group", required = false,
                description = "Group of the socket (mode 0660): its members may run command lines in the service. "
                        + "Empty takes the framework property " + GROUP_NAME + ", else the service's own group.")
        String group() default "";
    }

    private final ExecutorService sessions = Executors.newCachedThreadPool(named("vshutdown-control"));
    private final SocketFile socket;

    /**
     * Takes the configuration as its properties, not as {@link Config}, as every component of the
     * platform does: {@link SettingSource} tells a setting the configuration makes from one it
     * leaves to the framework property, and refuses a key it does not know.
     *
     * @param stopOnExit only needed to be there: a client reaches a service whose framework stops
     *        cleanly when the process is told to end
     */
    @Activate
    public ControlSocketComponent(BundleContext context, Map<String, Object> properties,
            @Reference(name = "processor") CommandProcessor processor,
            @Reference(name = "stopOnExit") StopOnExit stopOnExit) {
        SettingSource source = new SettingSource(PID, PREFIX, properties, context::getProperty);
        SocketFile opened = null;
        Path path = null;
        try {
            source.refuseUnknown(Set.of(SOCKET, GROUP)::contains);
            path = source.path(SOCKET, Frames.DEFAULT_SOCKET);
            opened = SocketFile.listen(path, source.text(GROUP));
            LOG.info("Control socket {} listening (mode {}, group {})", path, SocketFile.MODE, opened.group());
        } catch (MalformedSettingException e) {
            LOG.error("No control socket: {}; the service runs without it until this is corrected", e.getMessage());
        } catch (SocketFile.NotOpenedException e) {
            LOG.error("{}", e.getMessage());
        } catch (IOException | RuntimeException e) {
            LOG.error("Control socket {} cannot be opened: {}; the service runs without it", path, e.toString());
        }
        socket = opened;
        if (socket != null) {
            sessions.execute(() -> accept(processor));
        }
    }

    private void accept(CommandProcessor processor) {
        while (true) {
            SocketChannel connection;
            try {
                connection = socket.server().accept();
            } catch (ClosedChannelException e) {
                return; // closed by deactivate
            } catch (IOException e) {
                LOG.error("Control socket {} stopped accepting connections: {}", socket.path(), e.toString());
                return;
            }
            sessions.execute(new ControlSession(connection, processor, sessions));
        }
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                LOG.warn("Control socket {} could not be removed: {}", socket.path(), e.toString());
            }
        }
        sessions.shutdown();
        if (Job.Utils.current() != null) {
            return; // a line run here stops this bundle: it cannot wait for itself
        }
        // the framework may be stopping under a line (the simulated native shutdown ends the app):
        // its client still gets the output and the exit status
        if (!sessions.awaitTermination(STOP_GRACE_SECONDS, TimeUnit.SECONDS)) {
            // not interrupted: an interrupt would cancel a shutdown that is under way for a reason of ours
            LOG.warn("Control socket: lines still running {} s after the socket closed go on without waiting",
                    STOP_GRACE_SECONDS);
        }
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
