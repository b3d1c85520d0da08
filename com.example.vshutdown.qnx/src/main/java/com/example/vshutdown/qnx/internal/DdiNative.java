package com.example.vshutdown.qnx.internal;

import java.nio.file.Path;

/**
 * The native methods of {@code include/vshutdown_ddi_jni.c}, the JNI glue an integrator compiles
 * into their ddi library. Each one is a call of {@code vshutdown_ddi.h} with the same buffers and
 * return codes; {@link DdiLibrary} checks the answers.
 *
 * <p>The glue registers these methods in its {@code JNI_OnLoad}, so they call into the library
 * this class loader loaded last. A library is therefore loaded once per binding, from a private
 * copy ({@link LibraryCopy}), and {@link #generation()} tells a binding whether it is still the
 * one these methods reach.
 */
final class DdiNative {
    /** VSD_JNI_GLUE_VERSION of the glue these methods were written against. */
    static final int GLUE_VERSION = 1;

    // Written by the glue's JNI_OnLoad, during System.load, once it has registered the methods below.
    private static int glue;
    private static volatile long generation;

    private DdiNative() {
    }

    /**
     * Loads a library file and reports which glue registered itself.
     *
     * @return the glue's version, 0 if the library has no glue that registered these methods
     * @throws UnsatisfiedLinkError if the dynamic linker refuses the file
     */
    static synchronized int load(Path file) {
        glue = 0;
        System.load(file.toString());
        if (glue != 0) {
            generation++;
        }
        return glue;
    }

    /** Counts the libraries whose glue registered these methods; the last one answers. */
    static long generation() {
        return generation;
    }

    static native int abiVersion();

    /** The required functions of vshutdown_ddi.h the library lacks, separated by ", "; "" when none. */
    static native String missingFunctions();

    static native boolean hasHardStop();

    static native int open();

    static native void close();

    static native int read(byte[] name, byte[] value, int[] length);

    static native int write(byte[] name, byte[] value);

    static native int names(byte[] list, int[] length);

    static native int await(long[] seq, int timeoutMillis, byte[] name);

    static native int hardStop(int domain);

    /** vsd_last_error() of the calling thread, or null if the library returned NULL. */
    static native byte[] lastError();
}
