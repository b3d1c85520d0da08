package com.example.vshutdown.control.client;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.List;
import java.util.stream.Collectors;

import com.example.vshutdown.control.wire.Frames;
import com.example.vshutdown.lines.CommandLine;
import com.example.vshutdown.lines.Sigint;

/**
 * The {@code vshutdown} command line: the main class of {@code vshutdown.jar}. Where a master
 * service answers on the control socket, the arguments run there as one Gogo command line (the
 * same line an embedded run would run) and no OSGi framework starts here; where none answers, the
 * jar's embedded app runs them as before (the bnd launcher starting Felix). The socket is the
 * system property {@value Frames#SOCKET_PROPERTY}, else {@value Frames#DEFAULT_SOCKET}.
 */
public final class Main {
    /** The bnd launcher of the executable jar, which starts the embedded app. */
    private static final String EMBEDDED_LAUNCHER = "aQute.launcher.pre.EmbeddedLauncher";
    /** System properties that only an embedded run reads; the service has its own settings. */
    private static final String SETTINGS_PREFIX = "vshutdown.";
    private static final String CLIENT_PREFIX = "vshutdown.control.";
    /**
     * {@code false}: the line runs in a service or not at all. For callers that must never start a
     * coordinator of their own, such as the master service's stop in its systemd unit: when the
     * service has crashed, an embedded run there would take the slaves down on a mere restart.
     */
    static final String EMBEDDED_PROPERTY = "vshutdown.control.embedded";
    /** The bnd launcher's settings of the framework storage, and the framework's own. */
    private static final String LAUNCHER_STORAGE = "launch.storage.dir";
    private static final String LAUNCHER_KEEP = "launch.keep";
    private static final String STORAGE = "org.osgi.framework.storage";

    /** The kept framework storage of an embedded run, held until the process ends. */
    private static FrameworkCache.Lease storage;

    private Main() {
    }

    public static void main(String[] args) throws Throwable {
        Path socket = Path.of(System.getProperty(Frames.SOCKET_PROPERTY, Frames.DEFAULT_SOCKET));
        Reach reach = Reach.of(socket);
        if (reach instanceof Reach.NoService none) {
            if ("false".equals(System.getProperty(EMBEDDED_PROPERTY))) {
                System.err.println("vshutdown: no master service answers (" + none.why() + ") and " + EMBEDDED_PROPERTY
                        + "=false: nothing ran");
                System.exit(RemoteLine.FAILED);
            }
            embedded(args);
            return;
        }
        if (reach instanceof Reach.Unreachable unreachable) {
            System.err.println(unreachable.message());
            System.exit(RemoteLine.FAILED);
        }
        Reach.Connected connected = (Reach.Connected) reach;
        String refusal = refusal(List.of(args), socket);
        if (refusal != null) {
            connected.channel().close();
            System.err.println(refusal);
            System.exit(RemoteLine.BAD_INPUT);
        }
        RemoteLine remote = new RemoteLine(connected.channel(), CommandLine.join(List.of(args)), System.out,
                System.err);
        int status;
        // trapped before the line goes out: a Ctrl-C from then on is the line's
        try (Sigint trap = Sigint.trap(remote::interrupt)) {
            status = remote.run();
        }
        System.out.flush();
        System.exit(status);
    }

    /** Why these arguments must not go to the service, or null. */
    private static String refusal(List<String> args, Path socket) {
        if (args.isEmpty()) {
            return "vshutdown: a master service runs on this machine (control socket " + socket + "): give the "
                    + "command line to run in it, e.g. 'domains'; the interactive shell opens only where no service "
                    + "runs";
        }
        String embeddedOnly = System.getProperties().stringPropertyNames().stream()
                .filter(name -> name.startsWith(SETTINGS_PREFIX) && !name.startsWith(CLIENT_PREFIX))
                .sorted().map(name -> "-D" + name).collect(Collectors.joining(", "));
        if (!embeddedOnly.isEmpty()) {
            // e.g. -Dvshutdown.sim.domains: silently dropped, a demo line would act on the real platform
            return "vshutdown: " + embeddedOnly + " only sets up an embedded run, but the line would run in the master "
                    + "service on " + socket + " with the service's own settings: drop it";
        }
        return null;
    }

    /** Runs the arguments in the jar's own framework, as the jar did before it had a client. */
    private static void embedded(String[] args) throws Throwable {
        keepFrameworkStorage();
        MethodHandle main;
        try {
            main = MethodHandles.publicLookup().findStatic(Class.forName(EMBEDDED_LAUNCHER), "main",
                    MethodType.methodType(void.class, String[].class));
        } catch (ClassNotFoundException e) {
            System.err.println("vshutdown: no master service answers and this jar holds no embedded app to run the "
                    + "line in");
            System.exit(RemoteLine.FAILED);
            return;
        }
        main.invoke(args);
    }

    /**
     * Points the bnd launcher at this jar's kept framework storage ({@link FrameworkCache}), unless
     * the caller chose a storage or no cache can be had (then the launcher makes a fresh one).
     */
    private static void keepFrameworkStorage() {
        if (System.getProperty(STORAGE) != null || System.getProperty(LAUNCHER_STORAGE) != null) {
            return;
        }
        CodeSource source = Main.class.getProtectionDomain().getCodeSource();
        Path jar;
        try {
            jar = source == null ? null : Path.of(source.getLocation().toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return;
        }
        if (jar == null || !Files.isRegularFile(jar)) {
            return;
        }
        FrameworkCache.defaultRoot().flatMap(root -> FrameworkCache.acquire(root, jar)).ifPresent(lease -> {
            storage = lease;
            System.setProperty(LAUNCHER_STORAGE, lease.storage().toString());
            System.setProperty(LAUNCHER_KEEP, "true");
        });
    }
}
