package com.example.vshutdown.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.example.vshutdown.dist.VshutdownJar.Run;

/**
 * The master service tells its service manager how it is (sd_notify(3), README "Readiness"): a
 * datagram socket bound by the test stands for systemd's ({@code NOTIFY_SOCKET}); python3 binds
 * it, as the JDK cannot bind a Unix datagram socket. READY=1 only once the health checks are OK,
 * a watchdog ping while they answer, STOPPING=1 on SIGTERM.
 */
class ReadinessIT {
    @TempDir
    Path root;

    /** A fake NOTIFY_SOCKET: each datagram received is one line of its stdout, its lines joined by '|'. */
    private static final String RECEIVER = String.join("\n",
            "import socket, sys",
            "s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)",
            "s.bind(sys.argv[1])",
            "print('bound', flush=True)",
            "while True:",
            "    print(s.recv(4096).decode().replace('\\n', '|'), flush=True)");

    @Test
    void readyOnlyOnceHealthyWatchdogWhileItAnswersStoppingOnSigterm() throws Exception {
        Path socket = root.resolve("notify.sock");
        Process receiver = receiver(socket);
        VshutdownJar.Output received = new VshutdownJar.Output(receiver.getInputStream(), "notify socket");
        try {
            assertTrue(received.await("bound", 0, deadline()) >= 0, received::text);
            MasterService.prepare(root);
            try (MasterService service = MasterService.start(root, jar -> jar
                    .environment("NOTIFY_SOCKET", socket.toString())
                    .environment("WATCHDOG_USEC", "2000000")
                    .jvmOption("-Dvshutdown.sim.domains=1:ok"))) {
                // no platform yet: the master has no provider, so not ready, and it says why
                assertTrue(received.await("STATUS=waiting for: vshutdown master CRITICAL", 0, deadline()) >= 0,
                        received::text);
                assertFalse(received.text().contains("READY=1"), received::text);
                Run unhealthy = service.run("health");
                assertTrue(unhealthy.exitStatus() != 0, unhealthy::describe);
                assertTrue(unhealthy.stdout().contains("the master has no vproperty provider bound"),
                        unhealthy::describe);

                service.deploy(MasterService.simulatorAgents());
                service.deploy(MasterService.simulator(), "1.0.0");
                int ready = received.await("READY=1", 0, deadline());
                assertTrue(ready >= 0, received::text);
                assertTrue(received.await("WATCHDOG=1", ready, deadline()) >= 0, received::text);
                Run healthy = service.run("health", "--json");
                assertEquals(0, healthy.exitStatus(), healthy::describe);
                assertTrue(healthy.stdout().startsWith("{\"status\": \"OK\""), healthy::describe);

                service.stop();
            }
            assertTrue(received.await("STOPPING=1", 0, deadline()) >= 0, received::text);
        } finally {
            receiver.destroy();
            receiver.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static Process receiver(Path socket) throws IOException {
        Process python;
        try {
            python = new ProcessBuilder("python3", "-c", RECEIVER, socket.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            assumeTrue(false, "python3 binds the fake notification socket, and there is none here: " + e.getMessage());
            throw e;
        }
        return python;
    }

    private static long deadline() {
        return System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    }
}
