/*
 * The test's hand on the simulated hypervisor (stub_hypervisor.h), for the Java class
 * com.example.vshutdown.qnx.itest.StubControl: setting properties as the hypervisor does,
 * reading them as it sees them, injecting failures and watching the provider's channel open and
 * close. It shares the hypervisor with every copy of the stub ddi library in the process.
 */
#include <jni.h>
#include <stdlib.h>

#include "stub_hypervisor.h"
#include "vshutdown_ddi.h"

#define STUB_CONTROL(name) Java_com_example_vshutdown_qnx_itest_StubControl_##name

/* A NUL-terminated C copy of a byte array; NULL for a null array. */
static char *c_copy(JNIEnv *env, jbyteArray bytes) {
    if (bytes == NULL) {
        return NULL;
    }
    jsize n = (*env)->GetArrayLength(env, bytes);
    char *copy = calloc((size_t) n + 1, 1);
    if (copy != NULL) {
        (*env)->GetByteArrayRegion(env, bytes, 0, n, (jbyte *) copy);
    }
    return copy;
}

JNIEXPORT jint JNICALL STUB_CONTROL(hypSet)(JNIEnv *env, jclass cls, jbyteArray name, jbyteArray value) {
    (void) cls;
    char *c_name = c_copy(env, name);
    char *c_value = c_copy(env, value);
    int rc = c_name == NULL || (value != NULL && c_value == NULL) ? VSD_E_IO : hyp_set(c_name, c_value);
    free(c_value);
    free(c_name);
    return rc;
}

JNIEXPORT jint JNICALL STUB_CONTROL(hypGet)(JNIEnv *env, jclass cls, jbyteArray name, jbyteArray value,
                                            jintArray length) {
    (void) cls;
    jsize size = (*env)->GetArrayLength(env, value);
    char *c_name = c_copy(env, name);
    char *buffer = malloc((size_t) size);
    uint32_t n = 0;
    int rc = c_name == NULL || buffer == NULL ? VSD_E_IO : hyp_get(c_name, buffer, (uint32_t) size, &n);
    if (rc == VSD_OK) {
        (*env)->SetByteArrayRegion(env, value, 0, (jsize) n, (const jbyte *) buffer);
        jint out = (jint) n;
        (*env)->SetIntArrayRegion(env, length, 0, 1, &out);
    }
    free(buffer);
    free(c_name);
    return rc;
}

JNIEXPORT jint JNICALL STUB_CONTROL(hypList)(JNIEnv *env, jclass cls, jbyteArray list, jintArray length) {
    (void) cls;
    jsize size = (*env)->GetArrayLength(env, list);
    char *buffer = malloc((size_t) size);
    uint32_t n = 0;
    int rc = buffer == NULL ? VSD_E_IO : hyp_list(buffer, (uint32_t) size, &n);
    jint out = (jint) n;
    (*env)->SetIntArrayRegion(env, length, 0, 1, &out);
    if (rc == VSD_OK) {
        (*env)->SetByteArrayRegion(env, list, 0, (jsize) n, (const jbyte *) buffer);
    }
    free(buffer);
    return rc;
}

JNIEXPORT jint JNICALL STUB_CONTROL(hypFail)(JNIEnv *env, jclass cls, jbyteArray call, jint code,
                                             jbyteArray message, jint count) {
    (void) cls;
    char *c_call = c_copy(env, call);
    char *c_message = c_copy(env, message);
    int rc = c_call == NULL || c_message == NULL ? VSD_E_IO : hyp_fail(c_call, code, c_message, count);
    free(c_message);
    free(c_call);
    return rc;
}

JNIEXPORT void JNICALL STUB_CONTROL(hypReset)(JNIEnv *env, jclass cls) {
    (void) env;
    (void) cls;
    hyp_reset();
}

JNIEXPORT jint JNICALL STUB_CONTROL(hypOpenCount)(JNIEnv *env, jclass cls) {
    (void) env;
    (void) cls;
    return hyp_open_count();
}

JNIEXPORT jint JNICALL STUB_CONTROL(hypAwaitOpenCount)(JNIEnv *env, jclass cls, jint count, jint timeout_ms) {
    (void) env;
    (void) cls;
    return hyp_await_open_count(count, (uint32_t) timeout_ms);
}
