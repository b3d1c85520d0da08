package com.example.vshutdown.qnx.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The parts of the binding that need no library: the names list and the error messages. */
class DdiMessagesTest {
    private static byte[] bytes(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void aNamesListIsSplitAtItsNuls() {
        assertEquals(List.of("nk.1.vm.state.running", "nk.1.vm.state.requested"),
                DdiLibrary.parseNames(bytes("nk.1.vm.state.running\0nk.1.vm.state.requested\0\0")));
        assertEquals(List.of(), DdiLibrary.parseNames(bytes("\0")));
    }

    @Test
    void aListThatBreaksTheContractIsRefusedSayingHow() {
        assertEquals("the list does not end with a NUL",
                assertThrows(IllegalArgumentException.class, () -> DdiLibrary.parseNames(bytes("a\0b"))).getMessage());
        assertEquals("the last name is not followed by the closing NUL",
                assertThrows(IllegalArgumentException.class, () -> DdiLibrary.parseNames(bytes("a\0b\0")))
                        .getMessage());
        assertEquals("an empty name at byte 2",
                assertThrows(IllegalArgumentException.class, () -> DdiLibrary.parseNames(bytes("a\0\0b\0\0")))
                        .getMessage());
        assertEquals("the list does not end with a NUL",
                assertThrows(IllegalArgumentException.class, () -> DdiLibrary.parseNames(new byte[0])).getMessage());
        String longName = "n".repeat(256);
        assertEquals("a name of 256 bytes at byte 0 (VSD_NAME_MAX is 255)",
                assertThrows(IllegalArgumentException.class, () -> DdiLibrary.parseNames(bytes(longName + "\0\0")))
                        .getMessage());
    }

    @Test
    void aFailedCallNamesTheCallThePropertyTheCodeTheReasonAndTheLibrary() {
        DdiException e = DdiException.failed("'vshutdown_ddi' (/usr/lib/libvshutdown_ddi.so)", "vsd_read",
                "nk.3.vm.state.running", DdiException.E_ACCES, "domain 0 may not read\nnk.3");

        assertEquals("vsd_read(nk.3.vm.state.running) failed: VSD_E_ACCES (-6): domain 0 may not read nk.3 "
                + "[ddi library 'vshutdown_ddi' (/usr/lib/libvshutdown_ddi.so)]", e.getMessage());
        assertEquals("vsd_read", e.call());
        assertEquals(java.util.Optional.of("nk.3.vm.state.running"), e.property());
    }

    @Test
    void everyCodeOfTheHeaderHasItsName() {
        assertEquals(List.of("VSD_OK", "VSD_E_NOENT", "VSD_E_RANGE", "VSD_E_TIMEDOUT", "VSD_E_INVAL", "VSD_E_NOTSUP",
                "VSD_E_ACCES", "VSD_E_IO", "VSD_E_STATE", "unknown return code"),
                java.util.stream.IntStream.rangeClosed(0, 9).mapToObj(i -> DdiException.codeName(-i)).toList());
        assertEquals("vsd_names() failed: unknown return code (42) [ddi library 'x']",
                DdiException.failed("'x'", "vsd_names", null, 42, "").getMessage());
    }
}
