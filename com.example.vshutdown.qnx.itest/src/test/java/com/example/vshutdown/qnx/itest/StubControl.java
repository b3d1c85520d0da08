package com.example.vshutdown.qnx.itest;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The test's hand on the stub's simulated hypervisor (src/test/c/stub_hypervisor.h): setting
 * properties as the hypervisor does, reading them as it sees them, failure injection, and whether
 * the provider has its channel open. Every copy of the stub ddi library the provider loads talks
 * to the same hypervisor, so this sees what the provider sees; it never stands in for the
 * provider's binding.
 */
final class StubControl {
    /** Return codes of vshutdown_ddi.h the tests inject or meet. */
    static final int VSD_E_NOENT = -1;
    static final int VSD_E_ACCES = -6;
    static final int VSD_E_IO = -7;

    private static final StubControl INSTANCE = new StubControl();

    private StubControl() {
    }

    /**
     * The stub's controls, or empty if the library under test is not one of the stub's ddi
     * libraries (an integrator's port).
     */
    static Optional<StubControl> of(String library) {
        File file = new File(library);
        if (!file.getName().startsWith("libvshutdown_ddi_") || !file.getParentFile().equals(nativeDirectory())) {
            return Optional.empty();
        }
        Loaded.check();
        return Optional.of(INSTANCE);
    }

    static File nativeDirectory() {
        return new File(System.getProperty("vshutdown.qnx.itest.native", "target/native")).getAbsoluteFile();
    }

    /** Sets a property as the hypervisor would; null removes it. */
    StubControl set(String name, String value) {
        return setBytes(name, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    /** Sets a property to raw bytes, for values that are not text. */
    StubControl setBytes(String name, byte[] value) {
        check("set " + name, hypSet(c(name.getBytes(StandardCharsets.UTF_8)), value == null ? null : c(value)));
        return this;
    }

    /** Makes the next {@code count} calls of a ddi function fail with {@code code} and {@code message}. */
    void fail(String call, int code, String message, int count) {
        check("fail " + call, hypFail(c(call.getBytes(StandardCharsets.UTF_8)), code,
                c(message.getBytes(StandardCharsets.UTF_8)), count));
    }

    /** Forgets every property and injected failure. */
    void reset() {
        hypReset();
    }

    /** How many copies of the ddi library have their channel open (between vsd_open and vsd_close). */
    int openCount() {
        return hypOpenCount();
    }

    /** Waits until {@code count} channels are open, at most {@code millis}; returns how many are then. */
    int awaitOpenCount(int count, long millis) {
        return hypAwaitOpenCount(count, (int) Math.min(Integer.MAX_VALUE, millis));
    }

    /** Reads a property as the hypervisor sees it; empty if absent. */
    Optional<String> get(String name) {
        byte[] buffer = new byte[8192];
        int[] length = new int[1];
        int rc = hypGet(c(name.getBytes(StandardCharsets.UTF_8)), buffer, length);
        if (rc == VSD_E_NOENT) {
            return Optional.empty();
        }
        check("get " + name, rc);
        return Optional.of(new String(buffer, 0, length[0], StandardCharsets.UTF_8));
    }

    /** Every property's name, as the hypervisor sees them. */
    List<String> names() {
        byte[] buffer = new byte[1 << 16];
        int[] length = new int[1];
        check("list", hypList(buffer, length));
        List<String> names = new ArrayList<>();
        for (int start = 0, end; start < length[0] - 1; start = end + 1) {
            end = start;
            while (buffer[end] != 0) {
                end++;
            }
            names.add(new String(buffer, start, end - start, StandardCharsets.UTF_8));
        }
        return names;
    }

    private static byte[] c(byte[] bytes) {
        byte[] terminated = new byte[bytes.length + 1];
        System.arraycopy(bytes, 0, terminated, 0, bytes.length);
        return terminated;
    }

    private static void check(String what, int rc) {
        if (rc != 0) {
            throw new IllegalStateException("the stub hypervisor refused to " + what + ": " + rc);
        }
    }

    /**
     * Loads libvsd_stub_control.so once per class loader, from a copy of its own: every test
     * method gets a framework, and so a class loader, of its own, and the JVM lets a library file
     * be loaded by one class loader only (the reason the provider loads copies too).
     */
    private static final class Loaded {
        static {
            try {
                Path copies = Files.createDirectories(nativeDirectory().toPath().resolve("copies"));
                Path copy = Files.createTempFile(copies, "control-", ".so");
                try {
                    Files.copy(nativeDirectory().toPath().resolve("libvsd_stub_control.so"), copy,
                            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    System.load(copy.toString());
                } finally {
                    Files.delete(copy);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        static void check() {
            // loading happens once, in the static initialiser
        }
    }

    private static native int hypSet(byte[] name, byte[] value);

    private static native int hypGet(byte[] name, byte[] value, int[] length);

    private static native int hypList(byte[] list, int[] length);

    private static native int hypFail(byte[] call, int code, byte[] message, int count);

    private static native void hypReset();

    private static native int hypOpenCount();

    private static native int hypAwaitOpenCount(int count, int timeoutMillis);
}
