/*
 * vshutdown_ddi_jni.c - the JNI glue between the vshutdown QNX provider and vshutdown_ddi.h.
 *
 * Compile this file into the same shared library as your implementation of vshutdown_ddi.h (the
 * README gives the qcc line); it needs the JDK's jni.h of your target. Do not change it: it is
 * the counterpart of the provider's Java class com.example.vshutdown.qnx.internal.DdiNative and
 * belongs to the bundle it ships in. Rebuild your library with the copy of this file from the
 * provider bundle you deploy; a library built with another version is refused with a message
 * that says so.
 *
 * It only carries calls across: buffers and return codes are those of vshutdown_ddi.h, and the
 * provider checks every answer against the header's contract itself.
 *
 * Loading. The provider loads a private copy of your library each time it binds one (a new
 * bundle revision, a new configuration), because the JVM ties a loaded library to one class
 * loader. JNI_OnLoad below registers the native methods of the class loader loading this copy,
 * so the copy loaded last is the one that answers; the provider closes the previous one first.
 *
 * Missing functions. The functions of vshutdown_ddi.h are referenced weakly: a library that lacks
 * one still loads, and the provider reports which ones are missing by name instead of the process
 * dying in the dynamic linker at the first call.
 */
#include <jni.h>
#include <stdlib.h>
#include <string.h>

#include "vshutdown_ddi.h"

#pragma weak vsd_abi_version
#pragma weak vsd_open
#pragma weak vsd_close
#pragma weak vsd_read
#pragma weak vsd_write
#pragma weak vsd_names
#pragma weak vsd_wait
#pragma weak vsd_hard_stop
#pragma weak vsd_last_error

/* The version of this glue; DdiNative.GLUE_VERSION must be the same. */
#define VSD_JNI_GLUE_VERSION 1

#define NATIVE_CLASS "com/example/vshutdown/qnx/internal/DdiNative"

/* Throws OutOfMemoryError for a buffer the glue could not allocate; the caller returns at once. */
static void out_of_memory(JNIEnv *env, const char *what) {
    jclass oom = (*env)->FindClass(env, "java/lang/OutOfMemoryError");
    if (oom != NULL) {
        (*env)->ThrowNew(env, oom, what);
    }
}

/* A C copy of a Java byte array that the caller has NUL-terminated; NULL (with an exception) on failure. */
static char *c_copy(JNIEnv *env, jbyteArray bytes) {
    jsize n = (*env)->GetArrayLength(env, bytes);
    char *copy = malloc((size_t) n + 1);
    if (copy == NULL) {
        out_of_memory(env, "vshutdown_ddi_jni: argument copy");
        return NULL;
    }
    (*env)->GetByteArrayRegion(env, bytes, 0, n, (jbyte *) copy);
    copy[n] = '\0'; /* the Java side terminates already; this only guards the copy */
    return copy;
}

/* Copies at most `wanted` bytes of an answer back into the caller's array. */
static void copy_back(JNIEnv *env, jbyteArray to, const char *from, jsize size, jlong wanted) {
    jsize n = wanted < 0 ? 0 : (wanted < size ? (jsize) wanted : size);
    (*env)->SetByteArrayRegion(env, to, 0, n, (const jbyte *) from);
}

static jint JNICALL abi_version(JNIEnv *env, jclass cls) {
    (void) env;
    (void) cls;
    return (jint) vsd_abi_version();
}

/* The names of the required functions this library lacks, separated by ", "; "" when none. */
static jstring JNICALL missing_functions(JNIEnv *env, jclass cls) {
    (void) cls;
    char text[160] = "";
    const struct {
        const char *name;
        int present;
    } required[] = {
        {"vsd_abi_version", vsd_abi_version != NULL}, {"vsd_open", vsd_open != NULL},
        {"vsd_close", vsd_close != NULL}, {"vsd_read", vsd_read != NULL}, {"vsd_write", vsd_write != NULL},
        {"vsd_names", vsd_names != NULL}, {"vsd_wait", vsd_wait != NULL}, {"vsd_last_error", vsd_last_error != NULL},
    };
    for (size_t i = 0; i < sizeof required / sizeof required[0]; i++) {
        if (!required[i].present) {
            if (text[0] != '\0') {
                strcat(text, ", ");
            }
            strcat(text, required[i].name);
        }
    }
    return (*env)->NewStringUTF(env, text);
}

static jboolean JNICALL has_hard_stop(JNIEnv *env, jclass cls) {
    (void) env;
    (void) cls;
    return vsd_hard_stop != NULL ? JNI_TRUE : JNI_FALSE;
}

static jint JNICALL open_library(JNIEnv *env, jclass cls) {
    (void) env;
    (void) cls;
    return vsd_open();
}

static void JNICALL close_library(JNIEnv *env, jclass cls) {
    (void) env;
    (void) cls;
    vsd_close();
}

static jint JNICALL read_property(JNIEnv *env, jclass cls, jbyteArray name, jbyteArray value, jintArray length) {
    (void) cls;
    jsize size = (*env)->GetArrayLength(env, value);
    char *c_name = c_copy(env, name);
    char *buffer = c_name == NULL ? NULL : malloc((size_t) size);
    if (buffer == NULL) {
        if (c_name != NULL) {
            out_of_memory(env, "vshutdown_ddi_jni: vsd_read buffer");
        }
        free(c_name);
        return VSD_E_IO;
    }
    uint32_t n = 0;
    int rc = vsd_read(c_name, buffer, (uint32_t) size, &n);
    jint out = (jint) n;
    (*env)->SetIntArrayRegion(env, length, 0, 1, &out);
    if (rc == VSD_OK) {
        copy_back(env, value, buffer, size, (jlong) n + 1);
    }
    free(buffer);
    free(c_name);
    return rc;
}

static jint JNICALL write_property(JNIEnv *env, jclass cls, jbyteArray name, jbyteArray value) {
    (void) cls;
    char *c_name = c_copy(env, name);
    char *c_value = c_name == NULL ? NULL : c_copy(env, value);
    int rc = c_value == NULL ? VSD_E_IO : vsd_write(c_name, c_value);
    free(c_value);
    free(c_name);
    return rc;
}

static jint JNICALL list_names(JNIEnv *env, jclass cls, jbyteArray list, jintArray length) {
    (void) cls;
    jsize size = (*env)->GetArrayLength(env, list);
    char *buffer = malloc((size_t) size);
    if (buffer == NULL) {
        out_of_memory(env, "vshutdown_ddi_jni: vsd_names buffer");
        return VSD_E_IO;
    }
    uint32_t n = 0;
    int rc = vsd_names(buffer, (uint32_t) size, &n);
    jint out = (jint) n;
    (*env)->SetIntArrayRegion(env, length, 0, 1, &out);
    if (rc == VSD_OK) {
        copy_back(env, list, buffer, size, (jlong) n);
    }
    free(buffer);
    return rc;
}

/* Blocks in vsd_wait with no JNI resource held, so the garbage collector is never kept waiting. */
static jint JNICALL await_change(JNIEnv *env, jclass cls, jlongArray seq, jint timeout_ms, jbyteArray name) {
    (void) cls;
    jsize size = (*env)->GetArrayLength(env, name);
    char buffer[VSD_NAME_MAX + 1];
    if (size > (jsize) sizeof buffer) {
        size = (jsize) sizeof buffer;
    }
    memset(buffer, 0, sizeof buffer);
    jlong count = 0;
    (*env)->GetLongArrayRegion(env, seq, 0, 1, &count);
    uint64_t c_count = (uint64_t) count;
    int rc = vsd_wait(&c_count, (uint32_t) timeout_ms, buffer, (uint32_t) size);
    if (rc == VSD_OK) {
        count = (jlong) c_count;
        (*env)->SetLongArrayRegion(env, seq, 0, 1, &count);
        copy_back(env, name, buffer, size, size);
    }
    return rc;
}

static jint JNICALL hard_stop(JNIEnv *env, jclass cls, jint domain) {
    (void) env;
    (void) cls;
    return vsd_hard_stop == NULL ? VSD_E_NOTSUP : vsd_hard_stop((uint32_t) domain);
}

/* vsd_last_error() of the calling thread as bytes; null if the library breaks the header and returns NULL. */
static jbyteArray JNICALL last_error(JNIEnv *env, jclass cls) {
    (void) cls;
    const char *text = vsd_last_error();
    if (text == NULL) {
        return NULL;
    }
    size_t n = strnlen(text, 1024);
    jbyteArray bytes = (*env)->NewByteArray(env, (jsize) n);
    if (bytes != NULL) {
        (*env)->SetByteArrayRegion(env, bytes, 0, (jsize) n, (const jbyte *) text);
    }
    return bytes;
}

static const JNINativeMethod METHODS[] = {
    {"abiVersion", "()I", (void *) abi_version},
    {"missingFunctions", "()Ljava/lang/String;", (void *) missing_functions},
    {"hasHardStop", "()Z", (void *) has_hard_stop},
    {"open", "()I", (void *) open_library},
    {"close", "()V", (void *) close_library},
    {"read", "([B[B[I)I", (void *) read_property},
    {"write", "([B[B)I", (void *) write_property},
    {"names", "([B[I)I", (void *) list_names},
    {"await", "([JI[B)I", (void *) await_change},
    {"hardStop", "(I)I", (void *) hard_stop},
    {"lastError", "()[B", (void *) last_error},
};

/*
 * Registers the methods above on DdiNative of the class loader that loads this copy, then tells
 * it which glue it got. If the class does not match (another provider version), nothing is told:
 * the provider then reports that the library lacks a glue it can use.
 */
JNIEXPORT jint JNICALL JNI_OnLoad(JavaVM *vm, void *reserved) {
    (void) reserved;
    JNIEnv *env;
    if ((*vm)->GetEnv(vm, (void **) &env, JNI_VERSION_1_6) != JNI_OK) {
        return JNI_ERR;
    }
    jclass cls = (*env)->FindClass(env, NATIVE_CLASS);
    if (cls == NULL) {
        (*env)->ExceptionClear(env);
        return JNI_VERSION_1_6;
    }
    if ((*env)->RegisterNatives(env, cls, METHODS, (jint) (sizeof METHODS / sizeof METHODS[0])) != 0) {
        (*env)->ExceptionClear(env);
        return JNI_VERSION_1_6;
    }
    jfieldID glue = (*env)->GetStaticFieldID(env, cls, "glue", "I");
    if (glue == NULL) {
        (*env)->ExceptionClear(env);
        return JNI_VERSION_1_6;
    }
    (*env)->SetStaticIntField(env, cls, glue, VSD_JNI_GLUE_VERSION);
    return JNI_VERSION_1_6;
}
