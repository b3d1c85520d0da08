package com.example.vshutdown.dist;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import com.example.vshutdown.dist.VshutdownJar.Run;
import com.example.vshutdown.dist.VshutdownJar.Running;

/**
 * A master service ({@code vshutdown-master.jar}) run as a process for a test, in a directory of its
 * own: {@code etc/} its configuration directory, {@code deploy/} its deploy directory,
 * {@code run/control.sock} its control socket; and clients ({@code vshutdown.jar}) that reach it.
 * Files are put into the watched directories whole (written aside, then renamed), as an operator's
 * tools should, so that the service never reads half a file. Waits are for what the service logs.
 */
final class MasterService implements AutoCloseable {
    /** A test's service runs at most this long; it is destroyed after, failing the test. */
    private static final Duration BOUND = Duration.ofMinutes(4);
    private static final long KILL_WAIT_SECONDS = 30;

    final Path root;
    final Path config;
    final Path deploy;
    final Path socket;
    private final Running process;

    private MasterService(Path root, Running process) {
        this.root = root;
        this.config = root.resolve("etc");
        this.deploy = root.resolve("deploy");
        this.socket = root.resolve("run").resolve("control.sock");
        this.process = process;
    }

    /** The directories of a service in {@code root}, which is made searchable by every user. */
    static Path prepare(Path root) throws IOException {
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createDirectories(root.resolve("etc"));
        Files.createDirectories(root.resolve("deploy"));
        return root;
    }

    /** Starts the service in a prepared root and waits until its control socket listens. */
    static MasterService start(Path root, UnaryOperator<VshutdownJar> options) throws Exception {
        MasterService service = starting(root, options);
        service.awaitLog("Control socket " + service.socket + " listening");
        return service;
    }

    /** Starts the service in a prepared root, without waiting for anything. */
    static MasterService starting(Path root, UnaryOperator<VshutdownJar> options) throws IOException {
        VshutdownJar service = VshutdownJar.masterService().timeout(BOUND)
                .jvmOption("-Dvshutdown.config.dir=" + root.resolve("etc"))
                .jvmOption("-Dvshutdown.deploy.dir=" + root.resolve("deploy"))
                .jvmOption("-Dvshutdown.control.socket=" + root.resolve("run").resolve("control.sock"))
                // every bundle event (the OSGi log's, README "Logging"), to wait for a deployment to be done
                .jvmOption("-Dorg.ops4j.pax.logging.service.frameworkEventsLogLevel=INFO")
                .jvmOption("-Dvshutdown.log.levels=Events.Service=warn");
        return new MasterService(root, options.apply(service).start());
    }

    /** A client, {@code vshutdown.jar <arguments>}, that talks to this service. */
    VshutdownJar client(String... arguments) {
        return VshutdownJar.command(arguments).controlSocket(socket).timeout(Duration.ofSeconds(60));
    }

    /** Runs a client to its end. */
    Run run(String... arguments) throws IOException, InterruptedException {
        return client(arguments).run();
    }

    /**
     * Runs a client again and again until its run shows what {@code expected} looks for, and returns
     * that run; fails when the bound passes first. For a setting whose only sign is what commands
     * show (the master's component logs only when it is next used).
     */
    Run awaitRun(java.util.function.Predicate<Run> expected, String... arguments) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Run run = run(arguments);
        while (!expected.test(run)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("never seen: " + run.describe() + System.lineSeparator() + describe());
            }
            run = run(arguments);
        }
        return run;
    }

    /** Waits until the service has logged {@code marker}; returns where it starts in its log. */
    int awaitLog(String marker) throws InterruptedException {
        return process.awaitStderr(marker, 0);
    }

    /** Waits until the service has logged {@code marker} after position {@code from} of its log. */
    int awaitLog(String marker, int from) throws InterruptedException {
        return process.awaitStderr(marker, from);
    }

    /** What the service has logged so far. */
    String log() {
        return process.stderr().text();
    }

    /**
     * How many lines of the service's log so far, at info or above, hold {@code text}: the lines an
     * operator reads (the tests turn some loggers to debug to wait for events).
     */
    int count(String text) {
        return (int) log().lines().filter(line -> line.contains(text) && !line.startsWith("DEBUG ")).count();
    }

    Process process() {
        return process.process();
    }

    String describe() {
        return process.describe();
    }

    /** Writes a configuration file of the configuration directory as a whole. */
    void configure(String file, String text) throws IOException {
        place(config, file, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Copies a bundle into the deploy directory as a whole. */
    void deploy(Path bundle) throws IOException {
        place(deploy, bundle.getFileName().toString(), out -> Files.copy(bundle, out));
    }

    /** Puts a copy of a bundle with another Bundle-Version into the deploy directory, as a whole. */
    void deploy(Path bundle, String version) throws IOException {
        place(deploy, bundle.getFileName().toString(), out -> withVersion(bundle, version, out));
    }

    void undeploy(String file) throws IOException {
        Files.delete(deploy.resolve(file));
    }

    private interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private static void place(Path directory, String name, Content content) throws IOException {
        // a dot file of another extension: neither watcher of the service takes it for one of its own
        Path aside = directory.resolve("." + name + ".part");
        try (OutputStream out = Files.newOutputStream(aside)) {
            content.writeTo(out);
        }
        Files.move(aside, directory.resolve(name), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
    }

    private static void withVersion(Path bundle, String version, OutputStream target) throws IOException {
        try (InputStream in = Files.newInputStream(bundle); JarInputStream jar = new JarInputStream(in)) {
            Manifest manifest = new Manifest(jar.getManifest());
            manifest.getMainAttributes().put(new Attributes.Name("Bundle-Version"), version);
            try (JarOutputStream out = new JarOutputStream(target, manifest)) {
                for (JarEntry entry = jar.getNextJarEntry(); entry != null; entry = jar.getNextJarEntry()) {
                    out.putNextEntry(new JarEntry(entry.getName()));
                    jar.transferTo(out);
                    out.closeEntry();
                }
            }
        }
    }

    /** The jars the build put next to the app: the example bundle, the simulator and its agent bundle. */
    static Path example() {
        return Paths.get(System.getProperty("vshutdown.example.jar", "target/example/com.example.vshutdown.example.jar"));
    }

    static Path simulator() {
        return Paths.get(System.getProperty("vshutdown.simulator.dir", "target/simulator"))
                .resolve("com.example.vshutdown.simulator.jar");
    }

    static Path simulatorAgents() {
        return Paths.get(System.getProperty("vshutdown.simulator.dir", "target/simulator"))
                .resolve("com.example.vshutdown.agent.jar");
    }

    /** Stops the service as a service manager does (SIGTERM) and waits for it to end. */
    Run stop() throws IOException, InterruptedException {
        if (process().isAlive()) {
            new ProcessBuilder("kill", "-TERM", Long.toString(process().pid())).inheritIO().start()
                    .waitFor(KILL_WAIT_SECONDS, TimeUnit.SECONDS);
        }
        return process.awaitExit();
    }

    /** Ends the service at once, as a crash would: no clean-up of its own. */
    void kill() throws InterruptedException {
        process().destroyForcibly();
        process().waitFor(KILL_WAIT_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (process().isAlive()) {
            stop();
        }
    }
}
