/*
 * A stub implementation of vshutdown_ddi.h for tests, and the shape of a real one: each function
 * hands the call to the layer below (here the simulated hypervisor of stub_hypervisor.h, on a
 * board the ddi) and keeps that layer's error text for vsd_last_error(). The state lives below,
 * not here, so every copy of this library that the provider loads sees the same vproperties.
 * Built by the Maven build together with the provider's JNI glue, never committed as a binary.
 *
 * Compile-time variants, to test a library that breaks the rules:
 *   -DVSD_STUB_WITHOUT_WAIT       vsd_wait is not exported (a missing required symbol)
 *   -DVSD_STUB_WITHOUT_HARD_STOP  vsd_hard_stop is not exported (the optional one)
 */
#include "vshutdown_ddi.h"

#include "stub_hypervisor.h"

#include <stdio.h>

/* This copy's channel: open between vsd_open and vsd_close. */
static struct hyp_channel channel;

static __thread char last_error[256];

/* Keeps the layer's error text on this thread, as vsd_last_error() must give it. */
static int relay(int rc) {
    if (rc == VSD_OK) {
        last_error[0] = '\0';
    } else {
        snprintf(last_error, sizeof last_error, "%s", hyp_last_error());
    }
    return rc;
}

uint32_t vsd_abi_version(void) {
    return VSD_ABI_VERSION;
}

int vsd_open(void) {
    return relay(hyp_open(&channel));
}

void vsd_close(void) {
    hyp_close(&channel);
}

int vsd_read(const char *name, char *value, uint32_t size, uint32_t *length) {
    return relay(hyp_read(&channel, name, value, size, length));
}

int vsd_write(const char *name, const char *value) {
    return relay(hyp_write(&channel, name, value));
}

int vsd_names(char *list, uint32_t size, uint32_t *length) {
    return relay(hyp_names(&channel, list, size, length));
}

#ifndef VSD_STUB_WITHOUT_WAIT
int vsd_wait(uint64_t *seq, uint32_t timeout_ms, char *name, uint32_t size) {
    return relay(hyp_wait(&channel, seq, timeout_ms, name, size));
}
#endif

#ifndef VSD_STUB_WITHOUT_HARD_STOP
int vsd_hard_stop(uint32_t domain) {
    return relay(hyp_hard_stop(&channel, domain));
}
#endif

const char *vsd_last_error(void) {
    return last_error;
}
