package com.example.vshutdown.qnx.internal;

import java.io.File;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.sun.jna.Function;
import com.sun.jna.Memory;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;

/**
 * The Java binding of {@code include/vshutdown_ddi.h}: the one place that knows the C functions,
 * their buffers and return codes. Every failure becomes a {@link DdiException} that names the
 * library, the call and the property. It holds no state of its own beyond the resolved functions;
 * opening, closing and who may call when is {@link QnxVProperties}'s business.
 *
 * <p>Strings cross as explicit UTF-8 byte arrays, never through JNA's default encoding, which
 * depends on the JVM's locale.
 */
final class DdiLibrary {
    /** The library's default name: {@code libvshutdown_ddi.so} on the library search path. */
    static final String DEFAULT_NAME = "vshutdown_ddi";
    /** VSD_ABI_VERSION of the header this binding was written against. */
    static final int ABI_VERSION = 1;
    static final int NAME_MAX = 255;
    static final int VALUE_MAX = 4095;

    private static final Logger LOG = LoggerFactory.getLogger(DdiLibrary.class);
    private static final String[] REQUIRED = {"vsd_abi_version", "vsd_open", "vsd_close", "vsd_read", "vsd_write",
        "vsd_names", "vsd_wait", "vsd_last_error"};
    private static final String HARD_STOP = "vsd_hard_stop";
    /** A list of names larger than this is taken for a broken length, not for a platform. */
    private static final int NAMES_MAX_BYTES = 16 << 20;
    /** Retries of a call whose answer grew between VSD_E_RANGE and the retry. */
    private static final int RANGE_RETRIES = 4;
    /** Properties whose non-UTF-8 value was reported already: a wait re-reads them often. */
    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

    private final String display;
    private final Map<String, Function> functions;
    private final Optional<Function> hardStop;

    private DdiLibrary(String display, Map<String, Function> functions, Optional<Function> hardStop) {
        this.display = display;
        this.functions = functions;
        this.hardStop = hardStop;
    }

    /**
     * Loads the library, resolves every required function and checks the ABI version.
     *
     * @param library a name ({@code vshutdown_ddi} finds {@code libvshutdown_ddi.so}) or an absolute path
     * @param searchPath directories searched for a name before {@code jna.library.path} and the system's
     */
    static DdiLibrary load(String library, List<String> searchPath) throws DdiException {
        for (String dir : searchPath) {
            NativeLibrary.addSearchPath(library, dir);
        }
        NativeLibrary lib;
        try {
            lib = NativeLibrary.getInstance(library, DdiLibrary.class.getClassLoader());
        } catch (UnsatisfiedLinkError e) {
            String where = new File(library).isAbsolute() ? "" : " (searched: library.path " + searchPath
                    + ", jna.library.path, the system's library path)";
            throw DdiException.unusable("cannot load the ddi library '" + library + "'" + where + ": "
                    + loaderReason(e), "dlopen");
        }
        File file = lib.getFile();
        String display = file == null || file.getPath().equals(library) ? "'" + library + "'"
                : "'" + library + "' (" + file.getPath() + ")";
        Map<String, Function> functions = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (String symbol : REQUIRED) {
            try {
                functions.put(symbol, lib.getFunction(symbol));
            } catch (UnsatisfiedLinkError e) {
                missing.add(symbol);
            }
        }
        if (!missing.isEmpty()) {
            throw DdiException.unusable("the ddi library " + display + " lacks the function"
                    + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing)
                    + " that vshutdown_ddi.h requires", missing.get(0));
        }
        Optional<Function> hardStop;
        try {
            hardStop = Optional.of(lib.getFunction(HARD_STOP));
        } catch (UnsatisfiedLinkError e) {
            hardStop = Optional.empty();
        }
        DdiLibrary binding = new DdiLibrary(display, functions, hardStop);
        int abi = functions.get("vsd_abi_version").invokeInt(new Object[0]);
        if (abi != ABI_VERSION) {
            throw DdiException.unusable("the ddi library " + display + " implements vshutdown_ddi.h ABI version "
                    + Integer.toUnsignedString(abi) + "; this provider needs version " + ABI_VERSION,
                    "vsd_abi_version");
        }
        return binding;
    }

    /** The library as messages name it: as configured, with the file it was loaded from. */
    String display() {
        return display;
    }

    void open() throws DdiException {
        check("vsd_open", null, call("vsd_open"));
    }

    void close() {
        functions.get("vsd_close").invokeVoid(new Object[0]);
    }

    /** The value of a property, or empty if it does not exist. */
    Optional<String> read(String property) throws DdiException {
        byte[] name = cString("vsd_read", property, property, NAME_MAX, false);
        int size = 64;
        for (int attempt = 0; attempt < RANGE_RETRIES; attempt++) {
            try (Memory buffer = new Memory(size)) {
                IntByReference length = new IntByReference();
                int rc = call("vsd_read", name, buffer, size, length);
                if (rc == DdiException.E_NOENT) {
                    return Optional.empty();
                }
                if (rc == DdiException.E_RANGE) {
                    size = larger("vsd_read", property, size, length.getValue() + 1L, VALUE_MAX + 1L);
                    continue;
                }
                check("vsd_read", property, rc);
                return Optional.of(value(property, buffer, size, length.getValue()));
            }
        }
        throw DdiException.malformed(display, "vsd_read", property, "VSD_E_RANGE again after " + RANGE_RETRIES
                + " larger buffers");
    }

    void write(String property, String value) throws DdiException {
        byte[] name = cString("vsd_write", property, property, NAME_MAX, false);
        byte[] text = cString("vsd_write", property, value, VALUE_MAX, true);
        check("vsd_write", property, call("vsd_write", name, text));
    }

    /** The names of every property that exists now. */
    List<String> names() throws DdiException {
        int size = 4096;
        for (int attempt = 0; attempt < RANGE_RETRIES; attempt++) {
            try (Memory buffer = new Memory(size)) {
                IntByReference length = new IntByReference();
                int rc = call("vsd_names", buffer, size, length);
                if (rc == DdiException.E_RANGE) {
                    // room to spare: properties may be created between the answer and the retry
                    size = larger("vsd_names", null, size, length.getValue() + 1024L, NAMES_MAX_BYTES);
                    continue;
                }
                check("vsd_names", null, rc);
                int used = length.getValue();
                if (used < 1 || used > size) {
                    throw DdiException.malformed(display, "vsd_names", null, "length " + Integer.toUnsignedString(used)
                            + " outside the buffer of " + size + " bytes");
                }
                try {
                    return parseNames(buffer.getByteArray(0, used));
                } catch (IllegalArgumentException e) {
                    throw DdiException.malformed(display, "vsd_names", null, e.getMessage());
                }
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
        LongByReference count = new LongByReference(seq);
        try (Memory name = new Memory(NAME_MAX + 1L)) {
            int rc = call("vsd_wait", count, timeoutMillis, name, NAME_MAX + 1);
            if (rc == DdiException.E_TIMEDOUT) {
                return Optional.empty();
            }
            check("vsd_wait", null, rc);
            byte[] bytes = name.getByteArray(0, NAME_MAX + 1);
            int end = indexOfNul(bytes, bytes.length);
            if (end < 0) {
                throw DdiException.malformed(display, "vsd_wait", null, "the changed name is not NUL-terminated");
            }
            return Optional.of(new Change(count.getValue(), new String(bytes, 0, end, StandardCharsets.UTF_8)));
        }
    }

    boolean canHardStop() {
        return hardStop.isPresent();
    }

    void hardStop(int domain) throws DdiException {
        Function function = hardStop.orElseThrow(() -> DdiException.failed(display, HARD_STOP, "domain " + domain,
                DdiException.E_NOTSUP, "the library does not export " + HARD_STOP));
        int rc = function.invokeInt(new Object[] {domain});
        if (rc != DdiException.OK) {
            throw failure(HARD_STOP, "domain " + domain, rc);
        }
    }

    /**
     * The useful part of JNA's message: it starts with "Unable to load library 'x':" and then lists
     * what each attempt said, first the dynamic linker's own reason, which is the one an operator
     * can act on (file missing, wrong architecture, an unresolved dependency).
     */
    static String loaderReason(UnsatisfiedLinkError e) {
        String message = String.valueOf(e.getMessage());
        String[] lines = message.strip().split("\\R");
        return DdiException.oneLine(lines.length > 1 ? lines[1] : lines[0]);
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

    private String value(String property, Memory buffer, int size, int length) throws DdiException {
        if (length < 0 || length >= size) {
            throw DdiException.malformed(display, "vsd_read", property, "length " + Integer.toUnsignedString(length)
                    + " does not fit the buffer of " + size + " bytes with its NUL");
        }
        byte[] bytes = buffer.getByteArray(0, length + 1);
        if (bytes[length] != 0 || indexOfNul(bytes, length) >= 0) {
            throw DdiException.malformed(display, "vsd_read", property, "the value is not " + length
                    + " bytes followed by a NUL");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, length)).toString();
        } catch (CharacterCodingException e) {
            // Passed on with replacement characters: the protocol then refuses the value as malformed
            // for this one domain, where failing the read would fail the whole shutdown.
            if (WARNED.add(property)) {
                LOG.warn("vsd_read({}) in the ddi library {} returned a value that is not UTF-8 text", property,
                        display);
            }
            return new String(bytes, 0, length, StandardCharsets.UTF_8);
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

    private int call(String symbol, Object... args) {
        return functions.get(symbol).invokeInt(args);
    }

    private void check(String call, String property, int rc) throws DdiException {
        if (rc != DdiException.OK) {
            throw failure(call, property, rc);
        }
    }

    /** Reads vsd_last_error() at once, on the thread that made the failing call, as the header requires. */
    private DdiException failure(String call, String property, int rc) {
        Pointer text = functions.get("vsd_last_error").invokePointer(new Object[0]);
        return DdiException.failed(display, call, property, rc, text == null ? "" : text.getString(0, "UTF-8"));
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
