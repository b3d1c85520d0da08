/*
 * A stub implementation of vshutdown_ddi.h for tests: the vproperties live in this process's
 * memory. It follows the header's contract exactly, so the provider is tested through the same
 * binding that loads a platform's real library. Built by the Maven build (gcc -shared -fPIC),
 * never committed as a binary.
 *
 * Test-only functions (not part of vshutdown_ddi.h; a real library does not have them):
 *   int  vsd_stub_set(const char *name, const char *value)
 *        sets a property as the hypervisor would (value NULL removes it) and wakes vsd_wait:
 *        preloads the platform and plays the slave side. Returns a VSD_* code.
 *   int  vsd_stub_fail(const char *call, int code, const char *message, int count)
 *        the next count calls of the function named call (e.g. "vsd_write") return code with
 *        message as their vsd_last_error(); count -1 fails every call until vsd_stub_reset.
 *   void vsd_stub_reset(void)
 *        forgets every property and injected failure (the open count stays: it is the provider's).
 *   int  vsd_stub_open_count(void)
 *        1 while the library is open, 0 otherwise: tests check that a stopped provider closed it.
 *
 * Compile-time variants, to test a library that breaks the rules:
 *   -DVSD_STUB_WITHOUT_WAIT       vsd_wait is not exported (a missing required symbol)
 *   -DVSD_STUB_WITHOUT_HARD_STOP  vsd_hard_stop is not exported (the optional one)
 */
#include "vshutdown_ddi.h"

#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_PROPERTIES 256
#define MAX_FAILURES 8

struct property {
    char name[VSD_NAME_MAX + 1];
    char value[VSD_VALUE_MAX + 1];
};

struct failure {
    char call[32];
    int code;
    char message[200];
    int remaining; /* -1: for ever */
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t changed; /* CLOCK_MONOTONIC, set up once by init_once */
static pthread_once_t once = PTHREAD_ONCE_INIT;
static struct property properties[MAX_PROPERTIES];
static int property_count;
static struct failure failures[MAX_FAILURES];
static uint64_t change_count;
static uint64_t last_change_seq;          /* the count right after the last change */
static char last_change_name[VSD_NAME_MAX + 1];
static int opened;

static __thread char last_error[256];

static void init_once(void) {
    pthread_condattr_t attr;
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_cond_init(&changed, &attr);
    pthread_condattr_destroy(&attr);
}

static int fail(int code, const char *format, ...) {
    va_list args;
    va_start(args, format);
    vsnprintf(last_error, sizeof last_error, format, args);
    va_end(args);
    return code;
}

/* With the lock held: an injected failure for this call, or VSD_OK. */
static int injected(const char *call) {
    for (int i = 0; i < MAX_FAILURES; i++) {
        struct failure *f = &failures[i];
        if (f->remaining != 0 && strcmp(f->call, call) == 0) {
            if (f->remaining > 0) {
                f->remaining--;
            }
            return fail(f->code, "%s", f->message);
        }
    }
    return VSD_OK;
}

/* With the lock held: the checks every call after vsd_open makes first. */
static int enter(const char *call) {
    last_error[0] = '\0';
    int rc = injected(call);
    if (rc != VSD_OK) {
        return rc;
    }
    return opened ? VSD_OK : fail(VSD_E_STATE, "%s called while the library is not open", call);
}

static int check_name(const char *name) {
    if (name == NULL || name[0] == '\0') {
        return fail(VSD_E_INVAL, "empty property name");
    }
    if (strlen(name) > VSD_NAME_MAX) {
        return fail(VSD_E_INVAL, "property name longer than %u bytes", VSD_NAME_MAX);
    }
    return VSD_OK;
}

static struct property *find(const char *name) {
    for (int i = 0; i < property_count; i++) {
        if (strcmp(properties[i].name, name) == 0) {
            return &properties[i];
        }
    }
    return NULL;
}

/* With the lock held: counts a change and wakes every waiter. */
static void note_change(const char *name) {
    change_count++;
    last_change_seq = change_count;
    snprintf(last_change_name, sizeof last_change_name, "%s", name);
    pthread_cond_broadcast(&changed);
}

/* With the lock held: creates, replaces or (value NULL) removes a property. */
static int store(const char *name, const char *value) {
    int rc = check_name(name);
    if (rc != VSD_OK) {
        return rc;
    }
    if (value != NULL && strlen(value) > VSD_VALUE_MAX) {
        return fail(VSD_E_INVAL, "value of %s longer than %u bytes", name, VSD_VALUE_MAX);
    }
    struct property *p = find(name);
    if (value == NULL) {
        if (p != NULL) {
            *p = properties[--property_count];
            note_change(name);
        }
        return VSD_OK;
    }
    if (p == NULL) {
        if (property_count == MAX_PROPERTIES) {
            return fail(VSD_E_IO, "the stub holds at most %d properties", MAX_PROPERTIES);
        }
        p = &properties[property_count++];
        snprintf(p->name, sizeof p->name, "%s", name);
    }
    snprintf(p->value, sizeof p->value, "%s", value);
    note_change(name);
    return VSD_OK;
}

uint32_t vsd_abi_version(void) {
    return VSD_ABI_VERSION;
}

int vsd_open(void) {
    pthread_once(&once, init_once);
    pthread_mutex_lock(&lock);
    last_error[0] = '\0';
    int rc = injected("vsd_open");
    if (rc == VSD_OK) {
        opened = 1;
    }
    pthread_mutex_unlock(&lock);
    return rc;
}

void vsd_close(void) {
    pthread_mutex_lock(&lock);
    opened = 0;
    pthread_mutex_unlock(&lock);
}

int vsd_read(const char *name, char *value, uint32_t size, uint32_t *length) {
    pthread_mutex_lock(&lock);
    int rc = enter("vsd_read");
    if (rc == VSD_OK) {
        rc = check_name(name);
    }
    if (rc == VSD_OK && (value == NULL || length == NULL)) {
        rc = fail(VSD_E_INVAL, "NULL buffer");
    }
    if (rc == VSD_OK) {
        struct property *p = find(name);
        if (p == NULL) {
            rc = fail(VSD_E_NOENT, "no property %s", name);
        } else {
            uint32_t n = (uint32_t) strlen(p->value);
            *length = n;
            if (n + 1 > size) {
                rc = fail(VSD_E_RANGE, "value of %s needs %u bytes", name, n + 1);
            } else {
                memcpy(value, p->value, n + 1);
            }
        }
    }
    pthread_mutex_unlock(&lock);
    return rc;
}

int vsd_write(const char *name, const char *value) {
    pthread_mutex_lock(&lock);
    int rc = enter("vsd_write");
    if (rc == VSD_OK) {
        rc = value == NULL ? fail(VSD_E_INVAL, "NULL value") : store(name, value);
    }
    pthread_mutex_unlock(&lock);
    return rc;
}

int vsd_names(char *list, uint32_t size, uint32_t *length) {
    pthread_mutex_lock(&lock);
    int rc = enter("vsd_names");
    if (rc == VSD_OK && (list == NULL || length == NULL)) {
        rc = fail(VSD_E_INVAL, "NULL buffer");
    }
    if (rc == VSD_OK) {
        uint32_t needed = 1;
        for (int i = 0; i < property_count; i++) {
            needed += (uint32_t) strlen(properties[i].name) + 1;
        }
        *length = needed;
        if (needed > size) {
            rc = fail(VSD_E_RANGE, "the list needs %u bytes", needed);
        } else {
            char *at = list;
            for (int i = 0; i < property_count; i++) {
                size_t n = strlen(properties[i].name) + 1;
                memcpy(at, properties[i].name, n);
                at += n;
            }
            *at = '\0';
        }
    }
    pthread_mutex_unlock(&lock);
    return rc;
}

#ifndef VSD_STUB_WITHOUT_WAIT
int vsd_wait(uint64_t *seq, uint32_t timeout_ms, char *name, uint32_t size) {
    pthread_mutex_lock(&lock);
    int rc = enter("vsd_wait");
    if (rc == VSD_OK && (seq == NULL || name == NULL || size == 0)) {
        rc = fail(VSD_E_INVAL, "NULL argument");
    }
    if (rc == VSD_OK) {
        struct timespec deadline;
        clock_gettime(CLOCK_MONOTONIC, &deadline);
        deadline.tv_sec += timeout_ms / 1000;
        deadline.tv_nsec += (long) (timeout_ms % 1000) * 1000000L;
        if (deadline.tv_nsec >= 1000000000L) {
            deadline.tv_sec++;
            deadline.tv_nsec -= 1000000000L;
        }
        while (change_count == *seq && opened) {
            if (pthread_cond_timedwait(&changed, &lock, &deadline) == ETIMEDOUT) {
                break;
            }
        }
        if (!opened) {
            rc = fail(VSD_E_STATE, "the library was closed during vsd_wait");
        } else if (change_count == *seq) {
            rc = fail(VSD_E_TIMEDOUT, "nothing changed within %u ms", timeout_ms);
        } else {
            /* the name only when exactly one change happened since the caller's count */
            int one = last_change_seq == change_count && change_count - *seq == 1;
            if (one && strlen(last_change_name) < size) {
                memcpy(name, last_change_name, strlen(last_change_name) + 1);
            } else {
                name[0] = '\0';
            }
            *seq = change_count;
        }
    }
    pthread_mutex_unlock(&lock);
    return rc;
}
#endif

#ifndef VSD_STUB_WITHOUT_HARD_STOP
int vsd_hard_stop(uint32_t domain) {
    char name[64];
    snprintf(name, sizeof name, "nk.%u.vm.state.running", domain);
    pthread_mutex_lock(&lock);
    int rc = enter("vsd_hard_stop");
    if (rc == VSD_OK) {
        struct property *p = find(name);
        char *end = NULL;
        unsigned long long running = p == NULL ? 0 : strtoull(p->value, &end, 10);
        if (p == NULL) {
            rc = fail(VSD_E_NOENT, "no domain %u", domain);
        } else if (end == p->value || *end != '\0') {
            rc = fail(VSD_E_IO, "the running counter of domain %u is malformed", domain);
        } else if (running % 2 == 1) {
            char next[32];
            snprintf(next, sizeof next, "%llu", running + 1);
            rc = store(name, next);
        }
    }
    pthread_mutex_unlock(&lock);
    return rc;
}
#endif

const char *vsd_last_error(void) {
    return last_error;
}

/* ---- test-only functions ---- */

int vsd_stub_set(const char *name, const char *value) {
    pthread_once(&once, init_once);
    pthread_mutex_lock(&lock);
    int rc = store(name, value);
    pthread_mutex_unlock(&lock);
    return rc;
}

int vsd_stub_fail(const char *call, int code, const char *message, int count) {
    pthread_mutex_lock(&lock);
    int rc = fail(VSD_E_IO, "no room for another injected failure");
    for (int i = 0; i < MAX_FAILURES; i++) {
        if (failures[i].remaining == 0) {
            snprintf(failures[i].call, sizeof failures[i].call, "%s", call);
            snprintf(failures[i].message, sizeof failures[i].message, "%s", message);
            failures[i].code = code;
            failures[i].remaining = count;
            rc = VSD_OK;
            break;
        }
    }
    pthread_mutex_unlock(&lock);
    return rc;
}

void vsd_stub_reset(void) {
    pthread_once(&once, init_once);
    pthread_mutex_lock(&lock);
    property_count = 0;
    memset(failures, 0, sizeof failures);
    note_change("");
    pthread_mutex_unlock(&lock);
}

int vsd_stub_open_count(void) {
    pthread_mutex_lock(&lock);
    int n = opened;
    pthread_mutex_unlock(&lock);
    return n;
}
