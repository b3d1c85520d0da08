package com.example.vshutdown.systemtest;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import com.example.vshutdown.protocol.VProperties;

/**
 * The test-side hypervisor of a simulated Linux platform in a temporary directory. It keeps the
 * running counters (property files it replaces atomically, as only the hypervisor writes them),
 * notices every other write to the property directory (inotify, through the JDK's watch service)
 * and, like the vproperty driver, multicasts the name of each changed property on a real
 * NETLINK_USERSOCK socket. It boots a slave domain by starting its agent JVM, and learns that the
 * guest went down as a real hypervisor does: from the guest itself, whose native command (a script
 * of this class) records the request and, where asked, ends the agent's JVM.
 *
 * <p>Threads: the watch thread forwards notifications at once; the event thread handles what the
 * guests do, one thing at a time, in order. State is guarded by {@code this}; waiting tests are
 * woken by {@code notifyAll} on it.
 */
final class Hypervisor implements AutoCloseable {
    /** What a guest's native shutdown or reboot does besides recording itself. */
    enum Guest {
        /** Ends the agent's JVM, as a real shutdown ends the guest OS; the hypervisor sees the process end. */
        ENDS_ITS_JVM("end"),
        /** Only records the request; the hypervisor stops (and, for a reboot, starts) the domain at once. */
        RECORDS_ONLY("record");

        final String word;

        Guest(String word) {
            this.word = word;
        }
    }

    private static final Duration AGENT_READY = Duration.ofSeconds(60);

    final Path dir;
    final Path prop;
    final Path logs;
    private final PlatformDirectory files;
    final int group = ThreadLocalRandom.current().nextInt(2, 33);
    private final NetlinkMulticast netlink;
    private final LinkedBlockingQueue<Runnable> events = new LinkedBlockingQueue<>();
    private final Thread eventThread;
    private final DirectoryWatch watch;
    private final Map<Integer, Domain> domains = new TreeMap<>();
    private final List<String> journal = Collections.synchronizedList(new ArrayList<>());
    private final List<Jvm> jvms = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean dropping;
    private final AtomicInteger dropped = new AtomicInteger();
    private volatile boolean closed;

    /** One slave domain: its counter, its agent and what its guest did. Guarded by the hypervisor. */
    private static final class Domain {
        final int id;
        long running;
        Guest guest;
        Jvm agent;
        String pendingVerb;
        long logOffset;
        final List<Long> nativeStarts = new ArrayList<>();
        final List<long[]> advances = new ArrayList<>();

        Domain(int id, long running) {
            this.id = id;
            this.running = running;
        }
    }

    private Hypervisor(PlatformDirectory files) throws IOException {
        this.files = files;
        dir = files.dir;
        prop = files.prop;
        logs = files.logs;
        netlink = new NetlinkMulticast(group);
        eventThread = new Thread(this::handleEvents, "hypervisor-events");
        eventThread.setDaemon(true);
        eventThread.start();
        watch = new DirectoryWatch(Map.of(prop, this::propertyWritten, files.guests, this::guestRecorded),
                journal::add);
    }

    static Hypervisor start() throws IOException {
        return new Hypervisor(new PlatformDirectory());
    }

    // ---- the platform

    /** Creates a domain with its running counter. */
    synchronized void domain(int id, long running) throws IOException {
        domains.put(id, new Domain(id, running));
        publish(VProperties.running(id), running + "\n");
    }

    /** Replaces a property's content as the hypervisor does, e.g. with a malformed value. */
    void property(String name, String content) throws IOException {
        publish(name, content);
    }

    synchronized long running(int id) {
        return domains.get(id).running;
    }

    /** Waits, within the bound, until the domain's running counter reaches the value. */
    synchronized boolean awaitRunning(int id, long atLeast, Duration bound) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (domains.get(id).running < atLeast) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    /** When the guest's native command started, in microseconds since the epoch, one per request. */
    synchronized List<Long> nativeStarts(int id) {
        return List.copyOf(domains.get(id).nativeStarts);
    }

    /** Every advance of the running counter: the new value and when it became visible (epoch µs). */
    synchronized List<long[]> advances(int id) {
        return List.copyOf(domains.get(id).advances);
    }

    synchronized Jvm agent(int id) {
        return domains.get(id).agent;
    }

    /** Drops every notification from now on (or not): the safety re-reads must cover them. */
    void dropNotifications(boolean drop) {
        dropping = drop;
    }

    int dropped() {
        return dropped.get();
    }

    /** Makes a property file that nobody can write, undone on close. */
    void makeUnwritable(String name) throws IOException, InterruptedException {
        files.makeUnwritable(name);
    }

    List<String> masterLog() throws IOException {
        return files.masterRecord();
    }

    List<String> journal() {
        return List.copyOf(journal);
    }

    // ---- the processes

    /** What the master's one-shot app needs to use this platform through the Linux provider. */
    List<String> masterOptions() {
        return files.masterOptions(group);
    }

    /** Runs the master's one-shot app to its end, within the bound. */
    Jvm master(Duration bound, String... arguments) throws IOException, InterruptedException {
        Jvm master = Jvm.start(Jvm.jar("vshutdown.jar"), masterOptions(), List.of(arguments), logs,
                "master-" + jvms.size());
        jvms.add(master);
        if (!master.awaitExit(bound)) {
            master.stop();
            throw new AssertionError("the master did not finish within " + bound + ": " + master.describe());
        }
        return master;
    }

    /** Boots a slave domain's guest: starts its agent JVM and waits until the agent watches its request. */
    Jvm boot(int id, Guest guest) throws IOException, InterruptedException {
        Jvm agent = startAgent(id, guest);
        if (!agent.awaitStderr("Shutdown agent for domain " + id + " started", AGENT_READY)) {
            throw new AssertionError("the agent of domain " + id + " did not start: " + agent.describe());
        }
        return agent;
    }

    private Jvm startAgent(int id, Guest guest) throws IOException {
        List<String> options = files.agentOptions(id, guest.word, group);
        Jvm agent;
        synchronized (this) {
            agent = Jvm.start(Jvm.jar("vshutdown.agent.jar"), options, List.of(), logs,
                    "agent-" + id + "-" + jvms.size());
            jvms.add(agent);
            Domain domain = domains.get(id);
            domain.agent = agent;
            domain.guest = guest;
        }
        agent.process.onExit().thenRun(() -> events.add(() -> agentEnded(id, agent)));
        journal.add("booted domain " + id + " (agent pid " + agent.process.pid() + ")");
        return agent;
    }

    // ---- what the guests do

    /** A write by the master or an agent; the hypervisor's own writes are notified where it makes them. */
    private void propertyWritten(String name) {
        if (VProperties.domainOfRunning(name).isEmpty()) {
            notifyChange(name);
        }
    }

    private void guestRecorded(String name) {
        if (name.endsWith(".log")) {
            int id = Integer.parseInt(name.substring(0, name.length() - 4));
            events.add(() -> readGuestLog(id));
        }
    }

    private void handleEvents() {
        try {
            while (!closed) {
                Runnable event = events.take();
                try {
                    event.run();
                } catch (RuntimeException e) {
                    journal.add("event failed: " + e);
                }
            }
        } catch (InterruptedException e) {
            // closing
        }
    }

    /** New lines of a guest's record: {@code <epoch seconds.micros> <shutdown|reboot>}. */
    private synchronized void readGuestLog(int id) {
        Domain domain = domains.get(id);
        List<String> lines = new ArrayList<>();
        try (RandomAccessFile file = new RandomAccessFile(files.guestRecord(id).toFile(), "r")) {
            file.seek(domain.logOffset);
            byte[] rest = new byte[(int) (file.length() - domain.logOffset)];
            file.readFully(rest);
            String text = new String(rest, StandardCharsets.US_ASCII);
            int complete = text.lastIndexOf('\n') + 1;
            domain.logOffset += complete;
            lines.addAll(List.of(text.substring(0, complete).split("\n")));
        } catch (IOException e) {
            journal.add("cannot read the record of domain " + id + ": " + e);
            return;
        }
        for (String line : lines) {
            if (line.isEmpty()) {
                continue;
            }
            String[] parts = line.split(" ");
            domain.nativeStarts.add(Math.round(Double.parseDouble(parts[0].replace(',', '.')) * 1e6));
            journal.add("domain " + id + ": native " + parts[1]);
            if (domain.guest == Guest.RECORDS_ONLY) {
                goDown(domain, parts[1]);
            } else {
                domain.pendingVerb = parts[1];
            }
        }
    }

    /** The agent's JVM ended: after its native command the guest went down; otherwise only the agent died. */
    private synchronized void agentEnded(int id, Jvm agent) {
        Domain domain = domains.get(id);
        if (domain.agent != agent || closed) {
            return;
        }
        readGuestLog(id);
        domain.agent = null;
        if (domain.pendingVerb == null) {
            journal.add("the agent of domain " + id + " ended without a native command: the VM keeps running");
            return;
        }
        String verb = domain.pendingVerb;
        domain.pendingVerb = null;
        goDown(domain, verb);
    }

    private void goDown(Domain domain, String verb) {
        advance(domain);
        if (verb.equals("reboot")) {
            if (domain.guest == Guest.ENDS_ITS_JVM) {
                try {
                    startAgent(domain.id, domain.guest);
                } catch (IOException e) {
                    journal.add("cannot boot domain " + domain.id + " again: " + e);
                }
            }
            advance(domain);
        }
    }

    /** One step of the counter: a stop when it was odd, a start when it was even. */
    private synchronized void advance(Domain domain) {
        domain.running++;
        String name = VProperties.running(domain.id);
        try {
            publish(name, domain.running + "\n");
        } catch (IOException e) {
            journal.add("cannot advance domain " + domain.id + ": " + e);
            return;
        }
        domain.advances.add(new long[] {domain.running, nowMicros()});
        journal.add("domain " + domain.id + " " + (domain.running % 2 == 1 ? "started" : "stopped") + " (running "
                + domain.running + ")");
        notifyAll();
    }

    /** Replaces the file at once (a reader never sees it half written), then notifies its name. */
    private void publish(String name, String content) throws IOException {
        Path next = files.scratch.resolve(name);
        Files.writeString(next, content);
        Files.move(next, prop.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        notifyChange(name);
    }

    private void notifyChange(String name) {
        if (dropping) {
            dropped.incrementAndGet();
            journal.add("dropped the notification of " + name);
            return;
        }
        netlink.send(name);
    }

    static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    /** Ends every process it started, undoes what it made unwritable and removes the directory. */
    @Override
    public void close() throws Exception {
        closed = true;
        watch.close();
        eventThread.interrupt();
        // first the thread that may boot a guest, then every process: none is started after the list is taken
        eventThread.join(5000);
        List<Jvm> started;
        synchronized (jvms) {
            started = new ArrayList<>(jvms);
        }
        for (Jvm jvm : started) {
            jvm.stop();
        }
        netlink.close();
        files.close();
    }
}
