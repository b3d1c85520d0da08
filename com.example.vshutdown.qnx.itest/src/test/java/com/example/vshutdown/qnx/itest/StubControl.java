package com.example.vshutdown.qnx.itest;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import com.sun.jna.Function;
import com.sun.jna.Memory;
import com.sun.jna.NativeLibrary;
import com.sun.jna.ptr.IntByReference;

/**
 * The test's hand on the stub library: the hypervisor's side (setting properties the master only
 * reads), failure injection and a look at whether the provider has it open. It loads the same file
 * as the provider, so both share the stub's state; it never stands in for the provider's binding.
 */
final class StubControl {
    /** Return codes of vshutdown_ddi.h the tests inject. */
    static final int VSD_E_ACCES = -6;
    static final int VSD_E_IO = -7;

    private final NativeLibrary library;

    private StubControl(NativeLibrary library) {
        this.library = library;
    }

    /** The stub at a path, or empty if that library is not the stub (an integrator's port). */
    static Optional<StubControl> of(String path) {
        NativeLibrary library = NativeLibrary.getInstance(path, StubControl.class.getClassLoader());
        try {
            library.getFunction("vsd_stub_set");
        } catch (UnsatisfiedLinkError e) {
            return Optional.empty();
        }
        return Optional.of(new StubControl(library));
    }

    /** Sets a property as the hypervisor would; null removes it. */
    StubControl set(String name, String value) {
        return setBytes(name, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    /** Sets a property to raw bytes, for values that are not text. */
    StubControl setBytes(String name, byte[] value) {
        int rc = function("vsd_stub_set").invokeInt(new Object[] {c(name.getBytes(StandardCharsets.UTF_8)),
            value == null ? null : c(value)});
        check("vsd_stub_set", rc);
        return this;
    }

    /** Makes the next {@code count} calls of a ddi function fail with {@code code} and {@code message}. */
    void fail(String call, int code, String message, int count) {
        check("vsd_stub_fail", function("vsd_stub_fail").invokeInt(new Object[] {
            c(call.getBytes(StandardCharsets.UTF_8)), code, c(message.getBytes(StandardCharsets.UTF_8)), count}));
    }

    void reset() {
        function("vsd_stub_reset").invokeVoid(new Object[0]);
    }

    /** 1 while the provider has the library open (between vsd_open and vsd_close). */
    int openCount() {
        return function("vsd_stub_open_count").invokeInt(new Object[0]);
    }

    /** Reads a property straight from the stub, as the hypervisor sees it; empty if absent. */
    Optional<String> get(String name) {
        try (Memory buffer = new Memory(8192)) {
            IntByReference length = new IntByReference();
            int rc = function("vsd_read").invokeInt(new Object[] {c(name.getBytes(StandardCharsets.UTF_8)), buffer,
                8192, length});
            if (rc == -1) {
                return Optional.empty();
            }
            if (rc == -8) {
                // vsd_read needs the library open; the hypervisor's view does not: open it for one look
                throw new IllegalStateException("the stub is not open: look while the provider runs");
            }
            check("vsd_read", rc);
            return Optional.of(new String(buffer.getByteArray(0, length.getValue()), StandardCharsets.UTF_8));
        }
    }

    private Function function(String name) {
        return library.getFunction(name);
    }

    private static byte[] c(byte[] bytes) {
        byte[] terminated = new byte[bytes.length + 1];
        System.arraycopy(bytes, 0, terminated, 0, bytes.length);
        return terminated;
    }

    private static void check(String call, int rc) {
        if (rc != 0) {
            throw new IllegalStateException(call + " of the stub returned " + rc);
        }
    }
}
