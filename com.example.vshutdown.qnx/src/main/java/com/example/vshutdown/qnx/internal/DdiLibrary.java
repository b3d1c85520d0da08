package com.example.vshutdown.qnx.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Java side of {@code include/vshutdown_ddi.h}: the one place that knows the C functions,
 * their buffers and return codes, reached through the JNI glue of {@link DdiNative}. Every failure
 * becomes a {@link DdiException} that names the library, the call and the property. It holds no
 * state of its own beyond what the library offers; opening, closing and who may call when is
 * {@link QnxVProperties}'s business.
 *
 * <p>Strings cross as explicit UTF-8 byte arrays, never in the JVM's default encoding, which
 * depends on the locale.
 */
final class DdiLibrary {
    /** VSD_ABI_VERSION of the header this binding was written against. */
    static final int ABI_VERSION = 1;
    static final int NAME_MAX = 255;
    static final int VALUE_MAX = 4095;

    private static final Logger LOG = LoggerFactory.getLogger(DdiLibrary.class);
    private static final String HARD_STOP = "vsd_hard_stop";
    /** A list of names larger than this is taken for a broken length, not for a platform. */
    private static final int NAMES_MAX_BYTES = 16 << 20;
    /** Retries of a call whose answer grew between VSD_E_RANGE and the retry. */
    private static final int RANGE_RETRIES = 4;
    /** Properties whose non-UTF-8 value was reported already: a wait re-reads them often. */
    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

    private final String display;
    private final long generation;
    private final boolean hardStop;

    private DdiLibrary(String display, long generation, boolean hardStop) {
        this.display = display;
        this.generation = generation;
        this.hardStop = hardStop;
    }

    /**
     * Loads a copy of the library, checks that it carries this provider's glue and every required
     * function, and checks the ABI version.
     *
     * @param library a name ({@code vshutdown_ddi} finds {@code libvshutdown_ddi.so}) or an absolute path
     * @param searchPath directories searched for a name before {@code java.library.path}
     * @param copies where the copy is loaded from
     */
    static DdiLibrary load(String library, List<String> searchPath, LibraryCopy copies) throws DdiException {
        Path file = LibraryCopy.find(library, searchPath, System.getProperty("java.library.path"));
        String display = file.toString().equals(library) ? "'" + library + "'" : "'" + library + "' (" + file + ")";
        int glue = copies.load(file, display);
        if (glue == 0) {
            throw DdiException.unusable("the ddi library " + display + " does not contain the JNI glue of this "
                    + "provider: compile include/vshutdown_ddi_jni.c of this bundle into it", "JNI_OnLoad");
        }
        if (glue != DdiNative.GLUE_VERSION) {
            throw DdiException.unusable("the ddi library " + display + " was built with version " + glue
                    + " of vshutdown_ddi_jni.c; this provider needs version " + DdiNative.GLUE_VERSION
                    + ": rebuild it with the file of this bundle", "JNI_OnLoad");
        }
        long generation = DdiNative.generation();
        String missing = DdiNative.missingFunctions();
        if (!missing.isEmpty()) {
            throw DdiException.unusable("the ddi library " + display + " lacks the function"
                    + (missing.contains(",") ? "s " : " ") + missing + " that vshutdown_ddi.h requires",
                    missing.split(",")[0]);
        }
        int abi = DdiNative.abiVersion();
        if (abi != ABI_VERSION) {
            throw DdiException.unusable("the ddi library " + display + " implements vshutdown_ddi.h ABI version "
                    + Integer.toUnsignedString(abi) + "; this provider needs version " + ABI_VERSION,
                    "vsd_abi_version");
        }
        return new DdiLibrary(display, generation, DdiNative.hasHardStop());
    }

    /** The library as messages name it: as configured, with the file it was loaded from. */
    String display() {
        return display;
    }

    void open() throws DdiException {
        bound("vsd_open", null);
        check("vsd_open", null, DdiNative.open());
    }

    void close() {
        if (DdiNative.generation() == generation) {
            DdiNative.close();
        } else {
            LOG.error("vsd_close of the ddi library {} not called: another library has been loaded since", display);
        }
    }

    /** The value of a property, or empty if it does not exist. */
    Optional<String> read(String property) throws DdiException {
        byte[] name = cString("vsd_read", property, property, NAME_MAX, false);
        int size = 64;
        for (int attempt = 0; attempt < RANGE_RETRIES; attempt++) {
            bound("vsd_read", property);
            byte[] buffer = new byte[size];
            int[] length = new int[1];
            int rc = DdiNative.read(name, buffer, length);
            if (rc == DdiException.E_NOENT) {
                return Optional.empty();
            }
            if (rc == DdiException.E_RANGE) {
                size = larger("vsd_read", property, size, Integer.toUnsignedLong(length[0]) + 1, VALUE_MAX + 1L);
                continue;
            }
            check("vsd_read", property, rc);
            return Optional.of(value(property, buffer, length[0]));
        }
        throw DdiException.malformed(display, "vsd_read", property, "VSD_E_RANGE again after " + RANGE_RETRIES
                + " larger buffers");
    }

    void write(String property, String value) throws DdiException {
        byte[] name = cString("vsd_write", property, property, NAME_MAX, false);
        byte[] text = cString("vsd_write", property, value, VALUE_MAX, true);
        bound("vsd_write", property);
        check("vsd_write", property, DdiNative.write(name, text));
    }

    /** The names of every property that exists now. */
    List<String> names() throws DdiException {
        int size = 4096;
        for (int attempt = 0; attempt < RANGE_RETRIES; attempt++) {
            bound("vsd_names", null);
            byte[] buffer = new byte[size];
            int[] length = new int[1];
            int rc = DdiNative.names(buffer, length);
            if (rc == DdiException.E_RANGE) {
                // room to spare: properties may be created between the answer and the retry
                size = larger("vsd_names", null, size, Integer.toUnsignedLong(length[0]) + 1024, NAMES_MAX_BYTES);
                continue;
            }
            check("vsd_names", null, rc);
            int used = length[0];
            if (used < 1 || used > size) {
                throw DdiException.malformed(display, "vsd_names", null, "length " + Integer.toUnsignedString(used)
                        + " outside the buffer of " + size + " bytes");
            }
            try {
                return parseNames(Arrays.copyOf(buffer, used));
            } catch (IllegalArgumentException e) {
                throw DdiException.malformed(display, "vsd_names", null, e.getMessage());
            }
        }
        throw DdiException.malformed(display, "vsd_names", null, "VSD_E_RANGE again after " + RANGE_RETRIES
                + " larger buffers");
    }

    /** What one vsd_wait saw: the new change count and the changed property, "" when unknown. */
    record Change(long seq, String name) {
    }

    /** Waits at most {@code timeoutMillis} for a change after {@code seq}; empty on time-out. */
    Optional<Change> await(long seq, int timeoutMillis) throws DdiException {
        bound("vsd_wait", null);
        long[] count = {seq};
        byte[] name = new byte[NAME_MAX + 1];
        int rc = DdiNative.await(count, timeoutMillis, name);
        if (rc == DdiException.E_TIMEDOUT) {
            return Optional.empty();
        }
        check("vsd_wait", null, rc);
        int end = indexOfNul(name, name.length);
        if (end < 0) {
            throw DdiException.malformed(display, "vsd_wait", null, "the changed name is not NUL-terminated");
        }
        return Optional.of(new Change(count[0], new String(name, 0, end, StandardCharsets.UTF_8)));
    }

    boolean canHardStop() {
        return hardStop;
    }

    void hardStop(int domain) throws DdiException {
        if (!hardStop) {
            throw DdiException.failed(display, HARD_STOP, "domain " + domain, DdiException.E_NOTSUP,
                    "the library does not export " + HARD_STOP);
        }
        bound(HARD_STOP, "domain " + domain);
        check(HARD_STOP, "domain " + domain, DdiNative.hardStop(domain));
    }

    /** Splits "a\0b\0\0" into its names; anything else breaks the header's contract. */
    static List<String> parseNames(byte[] list) {
        if (list.length == 0 || list[list.length - 1] != 0) {
            throw new IllegalArgumentException("the list does not end with a NUL");
        }
        List<String> names = new ArrayList<>();
        int start = 0;
        while (start < list.length - 1) {
            int end = indexOfNul(list, start, list.length);
            if (end == start) {
                throw new IllegalArgumentException("an empty name at byte " + start);
            }
            if (end - start > NAME_MAX) {
                throw new IllegalArgumentException("a name of " + (end - start) + " bytes at byte " + start
                        + " (VSD_NAME_MAX is " + NAME_MAX + ")");
            }
            if (end == list.length - 1) {
                throw new IllegalArgumentException("the last name is not followed by the closing NUL");
            }
            names.add(new String(list, start, end - start, StandardCharsets.UTF_8));
            start = end + 1;
        }
        return names;
    }

    private String value(String property, byte[] buffer, int length) throws DdiException {
        if (length < 0 || length >= buffer.length) {
            throw DdiException.malformed(display, "vsd_read", property, "length " + Integer.toUnsignedString(length)
                    + " does not fit the buffer of " + buffer.length + " bytes with its NUL");
        }
        if (buffer[length] != 0 || indexOfNul(buffer, length) >= 0) {
            throw DdiException.malformed(display, "vsd_read", property, "the value is not " + length
                    + " bytes followed by a NUL");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(buffer, 0, length)).toString();
        } catch (CharacterCodingException e) {
            // Passed on with replacement characters: the protocol then refuses the value as malformed
            // for this one domain, where failing the read would fail the whole shutdown.
            if (WARNED.add(property)) {
                LOG.warn("vsd_read({}) in the ddi library {} returned a value that is not UTF-8 text", property,
                        display);
            }
            return new String(buffer, 0, length, StandardCharsets.UTF_8);
        }
    }

    private int larger(String call, String property, int size, long needed, long max) throws DdiException {
        if (needed <= size || needed > max) {
            throw DdiException.malformed(display, call, property, "VSD_E_RANGE asking for " + needed
                    + " bytes with a buffer of " + size + " (at most " + max + " are possible)");
        }
        return (int) needed;
    }

    /** A NUL-terminated UTF-8 copy of an argument, refused before the call if the header forbids it. */
    private byte[] cString(String call, String property, String text, int max, boolean emptyAllowed)
            throws DdiException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length == 0 && !emptyAllowed) {
            throw DdiException.refused(display, call, property, "the name is empty");
        }
        if (bytes.length > max) {
            throw DdiException.refused(display, call, property, bytes.length + " bytes, more than the " + max
                    + " vshutdown_ddi.h allows");
        }
        if (indexOfNul(bytes, bytes.length) >= 0) {
            throw DdiException.refused(display, call, property, "it contains a NUL character");
        }
        byte[] terminated = new byte[bytes.length + 1];
        System.arraycopy(bytes, 0, terminated, 0, bytes.length);
        return terminated;
    }

    private void check(String call, String property, int rc) throws DdiException {
        if (rc != DdiException.OK) {
            throw failure(call, property, rc);
        }
    }

    /**
     * Refuses a call once another library has been loaded: the native methods would reach that
     * one. The provider closes a binding before it loads the next, so this only catches a bug.
     */
    private void bound(String call, String property) throws DdiException {
        if (DdiNative.generation() != generation) {
            throw DdiException.failed(display, call, property, DdiException.E_STATE,
                    "another ddi library has been loaded since this one");
        }
    }

    /** Reads vsd_last_error() at once, on the thread that made the failing call, as the header requires. */
    private DdiException failure(String call, String property, int rc) {
        byte[] text = DdiNative.lastError();
        return DdiException.failed(display, call, property, rc,
                text == null ? "" : new String(text, StandardCharsets.UTF_8));
    }

    private static int indexOfNul(byte[] bytes, int end) {
        return indexOfNul(bytes, 0, end);
    }

    private static int indexOfNul(byte[] bytes, int start, int end) {
        for (int i = start; i < end; i++) {
            if (bytes[i] == 0) {
                return i;
            }
        }
        return -1;
    }
}
