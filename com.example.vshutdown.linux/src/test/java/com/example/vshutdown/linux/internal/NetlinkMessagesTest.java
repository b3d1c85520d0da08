package com.example.vshutdown.linux.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

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
    void anOverrunReportMeansReReadEverythingAndOtherControlMessagesNothing() {
        assertEquals(List.of(ANY), NetlinkMessages.hints(NetlinkSender.message(4, new byte[0])));
        // the no-op the provider sends itself to wake its receiver on close
        assertEquals(List.of(), NetlinkMessages.hints(NetlinkSender.message(NetlinkSocket.NLMSG_NOOP, new byte[0])));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
