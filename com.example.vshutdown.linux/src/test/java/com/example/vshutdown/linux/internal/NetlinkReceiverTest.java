package com.example.vshutdown.linux.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.example.vshutdown.support.listeners.VPropertyListeners;

/** The receiver on a real kernel socket (NETLINK_USERSOCK multicast: root or CAP_NET_ADMIN). */
class NetlinkReceiverTest {
    /** Far longer than the test's own bound: only the wake-up can end a receive in time. */
    private static final long HOUR = Duration.ofHours(1).toMillis();

    @Test
    @Timeout(30)
    void stoppingEndsABlockedReceiveAtOnceNotAtItsTimeOut() throws Exception {
        VPropertyListeners listeners = new VPropertyListeners();
        Hints hints = new Hints();
        listeners.subscribe(hints);
        int group = NetlinkSender.someGroup();
        NetlinkReceiver receiver = NetlinkReceiver.start(2, group, HOUR, listeners, e -> {
            throw new AssertionError("the socket failed", e);
        });
        // one message through, so the receiver is known to be blocked in its next receive
        try (NetlinkSender sender = new NetlinkSender(2, group)) {
            sender.sendName("nk.1.vm.state.running");
            assertEquals(Optional.of("nk.1.vm.state.running"), hints.next(Duration.ofSeconds(10)));
        }

        assertTrue(receiver.stop(), "the receiving thread ended");
        assertTrue(hints.isEmpty(), "its own wake-up is never told as a notification");
    }
}
