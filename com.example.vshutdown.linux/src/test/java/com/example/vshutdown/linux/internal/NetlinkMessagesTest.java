package com.example.vshutdown.linux.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;

class NetlinkMessagesTest {
    private static final Optional<String> ANY = Optional.empty();

    @Test
    void aNetlinkMessageWithANameNamesThatProperty() {
        assertEquals(List.of(Optional.of("nk.1.vm.state.requested")),
                NetlinkMessages.hints(NetlinkSender.message(0x10, bytes("nk.1.vm.state.requested\0"))));
        assertEquals(List.of(Optional.of("nk.1.vm.state.requested")),
                NetlinkMessages.hints(NetlinkSender.message(0x10, bytes("nk.1.vm.state.requested\n"))));
    }

    @Test
    void severalMessagesInOneDatagramGiveSeveralHintsInOrder() {
        ByteArrayOutputStream datagram = new ByteArrayOutputStream();
        datagram.writeBytes(NetlinkSender.message(0x10, bytes("nk.1.vm.state.running")));
        datagram.writeBytes(NetlinkSender.message(0x10, bytes("nk.2.vm.state.running\0")));
        assertEquals(List.of(Optional.of("nk.1.vm.state.running"), Optional.of("nk.2.vm.state.running")),
                NetlinkMessages.hints(datagram.toByteArray()));
    }

    @Test
    void aPayloadThatIsNoNameMeansReReadEverything() {
        assertEquals(List.of(ANY), NetlinkMessages.hints(NetlinkSender.message(0x10, new byte[0])));
        assertEquals(List.of(ANY), NetlinkMessages.hints(NetlinkSender.message(0x10, new byte[] {1, 2, 3, 4})));
        assertEquals(List.of(ANY), NetlinkMessages.hints(NetlinkSender.message(0x10, bytes("../etc/passwd"))));
        assertEquals(List.of(ANY), NetlinkMessages.hints(NetlinkSender.message(0x10, bytes("a b"))));
        assertEquals(List.of(ANY), NetlinkMessages.hints(NetlinkSender.message(0x10, bytes("x".repeat(300)))));
    }

    @Test
    void aDatagramWithoutNetlinkHeadersIsItsOwnPayload() {
        assertEquals(List.of(Optional.of("nk.3.vm.state.running")), NetlinkMessages.hints(bytes("nk.3.vm.state.running\0")));
        assertEquals(List.of(ANY), NetlinkMessages.hints(new byte[0]));
        assertEquals(List.of(ANY), NetlinkMessages.hints(new byte[] {(byte) 0xff, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}));
    }

    @Test
    void anOverrunReportMeansReReadEverything() {
        assertEquals(List.of(ANY), NetlinkMessages.hints(NetlinkSender.message(4, new byte[0])));
    }

    /** Issue 9 case 7: a driver that sends NLMSG_DONE or type 0 is not ignored. */
    @Test
    void everyControlTypeIsAHintNeverNothing() {
        for (int type = 0; type < 0x10; type++) {
            assertEquals(List.of(ANY), NetlinkMessages.hints(NetlinkSender.message(type, new byte[0])), "type " + type);
            // NLMSG_DONE's payload is an int: no name
            assertEquals(List.of(ANY), NetlinkMessages.hints(NetlinkSender.message(type, new byte[4])), "type " + type);
        }
        assertEquals(List.of(Optional.of("nk.1.vm.state.requested")),
                NetlinkMessages.hints(NetlinkSender.message(0, bytes("nk.1.vm.state.requested\0"))), "type 0 with a name");
        assertEquals(List.of(Optional.of("nk.1.vm.state.requested")),
                NetlinkMessages.hints(NetlinkSender.message(3, bytes("nk.1.vm.state.requested\0"))), "NLMSG_DONE with a name");
    }

    /** Issue 9 case 7: a payload that says more than a name must not pass for the name of no property. */
    @Test
    void aPayloadThatCarriesMoreThanANameMeansReReadEverything() {
        for (String payload : new String[] {"nk.1.vm.state.running=3", "nk.1.vm.state.running 3",
                "nk.1.vm.state.running:3", "nk.1.vm.state.running\0003", "{\"name\":\"nk.1.vm.state.running\"}",
                "nk.1.vm.state.running,nk.2.vm.state.running", "nk.1.vm.state.running\n3", "nk.1..vm", ".nk.1",
                "nk.1.", "nk.1.vm.state.running~"}) {
            assertEquals(List.of(ANY), NetlinkMessages.hints(NetlinkSender.message(0x10, bytes(payload))), payload);
            assertEquals(List.of(ANY), NetlinkMessages.hints(bytes(payload)), "without a header: " + payload);
        }
    }

    @Test
    void aDatagramAlwaysGivesAtLeastOneHint() {
        Random random = new Random(9);
        for (int i = 0; i < 10_000; i++) {
            byte[] datagram = new byte[random.nextInt(80)];
            random.nextBytes(datagram);
            if (datagram.length >= NetlinkSocket.NLMSG_HDRLEN && random.nextBoolean()) {
                // a consistent header, so that the message path is taken too
                ByteBuffer.wrap(datagram).order(ByteOrder.nativeOrder()).putInt(0, datagram.length)
                        .putShort(4, (short) random.nextInt(0x20));
            }
            assertFalse(NetlinkMessages.hints(datagram).isEmpty(), () -> "dropped: " + Arrays.toString(datagram));
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
