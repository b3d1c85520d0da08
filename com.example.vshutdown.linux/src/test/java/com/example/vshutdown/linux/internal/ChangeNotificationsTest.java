package com.example.vshutdown.linux.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.example.vshutdown.support.listeners.VPropertyListeners;
import com.example.vshutdown.support.offer.MalformedSettingException;

/**
 * Notifications through a real kernel netlink socket (NETLINK_USERSOCK multicast, which needs root
 * or CAP_NET_ADMIN to listen to), the safety re-read behind it, and polling where no socket opens.
 */
class ChangeNotificationsTest {
    private static final Duration BOUND = Duration.ofSeconds(10);
    /** Protocol numbers the kernel has nothing registered for: a socket of one cannot be opened. */
    private static final int UNUSED_PROTOCOL = 31;

    @TempDir
    Path dir;
    Path root;
    final int group = NetlinkSender.someGroup();
    final VPropertyListeners listeners = new VPropertyListeners();
    final Hints hints = new Hints();
    PropertyFiles files;
    ChangeNotifications notifications;

    @BeforeEach
    void setUp() throws IOException {
        root = Files.createDirectory(dir.resolve("prop"));
        Files.writeString(root.resolve("nk.1.vm.state.running"), "1\n");
        files = new PropertyFiles(root);
        listeners.subscribe(hints);
    }

    @AfterEach
    void tearDown() {
        if (notifications != null) {
            notifications.close();
        }
    }

    private void start(Map<String, Object> settings) throws MalformedSettingException {
        Map<String, Object> all = new HashMap<>(settings);
        all.putIfAbsent("netlink.group", group);
        notifications = new ChangeNotifications(files, listeners, LinuxSettings.resolve(all, key -> null));
        notifications.start();
    }

    @Test
    void aNotificationOfThePlatformReachesTheListenersWithItsName() throws Exception {
        start(Map.of("safety.reread.ms", 60_000L));
        assertTrue(notifications.listening(), notifications.how());
        assertEquals("netlink protocol 2 group " + group + ", safety re-read every 60000 ms", notifications.how());
        try (NetlinkSender sender = new NetlinkSender(2, group)) {
            sender.sendName("nk.1.vm.state.requested");
            assertEquals(Optional.of("nk.1.vm.state.requested"), hints.next(BOUND));
            sender.sendRaw(new byte[] {1, 2, 3});
            assertEquals(Optional.empty(), hints.next(BOUND));
        }
    }

    /** Issue 9 case 7, through the kernel: nothing a driver sends is dropped. */
    @Test
    void aMessageThatNamesNoPropertyIsToldAsReReadEverythingNotDropped() throws Exception {
        start(Map.of("safety.reread.ms", 60_000L));
        try (NetlinkSender sender = new NetlinkSender(2, group)) {
            sender.sendRaw(NetlinkSender.message(3, new byte[4]));
            assertEquals(Optional.empty(), hints.next(BOUND), "NLMSG_DONE");
            sender.sendRaw(NetlinkSender.message(0, new byte[0]));
            assertEquals(Optional.empty(), hints.next(BOUND), "type 0");
            sender.sendRaw(NetlinkSender.message(0x10, "nk.1.vm.state.running=3\0".getBytes(StandardCharsets.US_ASCII)));
            assertEquals(Optional.empty(), hints.next(BOUND), "a name with a value");
            sender.sendName("nk.1.vm.state.running");
            assertEquals(Optional.of("nk.1.vm.state.running"), hints.next(BOUND), "and a name is still a name");
        }
    }

    @Test
    void lostNotificationsOfAnOverrunAreToldAsReReadEverything() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        // the first listener holds the receiver up while the socket's buffer overflows
        listeners.subscribe(name -> {
            try {
                release.await(BOUND.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        start(Map.of("safety.reread.ms", 60_000L));
        try (NetlinkSender sender = new NetlinkSender(2, group)) {
            for (int i = 0; i < 5000; i++) {
                sender.sendName("nk.1.vm.state.running");
            }
        }
        release.countDown();
        assertTrue(hints.await(Optional.empty(), BOUND), "an overrun is told");
    }

    @Test
    void theSafetyReReadFindsAChangeThatWasNeverNotified() throws Exception {
        start(Map.of("safety.reread.ms", 100L));
        assertTrue(notifications.listening());
        Files.writeString(root.resolve("nk.1.vm.state.running"), "2\n");
        assertEquals(Optional.empty(), hints.next(BOUND));
    }

    @Test
    void whereNoSocketCanBeOpenedItPolls() throws Exception {
        start(Map.of("netlink.protocol", UNUSED_PROTOCOL, "poll.interval.ms", 50L, "safety.reread.ms", 60_000L));
        assertFalse(notifications.listening());
        assertEquals("polling every 50 ms: no netlink socket", notifications.how());
        Files.writeString(root.resolve("nk.1.vm.state.running"), "2\n");
        assertEquals(Optional.empty(), hints.next(BOUND));
    }
}
