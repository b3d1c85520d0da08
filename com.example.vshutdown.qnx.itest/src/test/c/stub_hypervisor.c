/*
 * The simulated hypervisor of the tests (see stub_hypervisor.h): the vproperties, the change
 * count that vsd_wait follows, the failures a test injects and the open channels, in this
 * process's memory, once per process. It follows vshutdown_ddi.h's contract exactly, so the
 * provider is tested through the same binding that loads a platform's real library. Built by the
 * Maven build, never committed as a binary.
 */
#include "stub_hypervisor.h"

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
static pthread_cond_t changed; /* CLOCK_MONOTONIC, set up by the constructor below */
static struct property properties[MAX_PROPERTIES];
static int property_count;
static struct failure failures[MAX_FAILURES];
static uint64_t change_count;
static uint64_t last_change_seq;          /* the count right after the last change */
static char last_change_name[VSD_NAME_MAX + 1];
static int open_channels;

static __thread char last_error[256];

__attribute__((constructor)) static void init(void) {
    pthread_condattr_t attr;
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_cond_init(&changed, &attr);
    pthread_condattr_destroy(&attr);
}

const char *hyp_last_error(void) {
    return last_error;
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

/* With the lock held: the checks every call through an open channel makes first. */
static int enter(struct hyp_channel *channel, const char *call) {
    last_error[0] = '\0';
    int rc = injected(call);
    if (rc != VSD_OK) {
        return rc;
    }
    return channel->open ? VSD_OK : fail(VSD_E_STATE, "%s called while the library is not open", call);
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

/* With the lock held: vsd_read's answer. */
static int get(const char *name, char *value, uint32_t size, uint32_t *length) {
    int rc = check_name(name);
    if (rc == VSD_OK && (value == NULL || length == NULL)) {
        rc = fail(VSD_E_INVAL, "NULL buffer");
    }
    if (rc != VSD_OK) {
        return rc;
    }
    struct property *p = find(name);
    if (p == NULL) {
        return fail(VSD_E_NOENT, "no property %s", name);
    }
    uint32_t n = (uint32_t) strlen(p->value);
    *length = n;
    if (n + 1 > size) {
        return fail(VSD_E_RANGE, "value of %s needs %u bytes", name, n + 1);
    }
    memcpy(value, p->value, n + 1);
    return VSD_OK;
}

/* With the lock held: vsd_names' answer. */
static int list(char *out, uint32_t size, uint32_t *length) {
    if (out == NULL || length == NULL) {
        return fail(VSD_E_INVAL, "NULL buffer");
    }
    uint32_t needed = 1;
    for (int i = 0; i < property_count; i++) {
        needed += (uint32_t) strlen(properties[i].name) + 1;
    }
    *length = needed;
    if (needed > size) {
        return fail(VSD_E_RANGE, "the list needs %u bytes", needed);
    }
    char *at = out;
    for (int i = 0; i < property_count; i++) {
        size_t n = strlen(properties[i].name) + 1;
        memcpy(at, properties[i].name, n);
        at += n;
    }
    *at = '\0';
    return VSD_OK;
}

/* With the lock held: waits on `changed` until `deadline` (CLOCK_MONOTONIC); 0 once it passed. */
static int wait_until(const struct timespec *deadline) {
    return pthread_cond_timedwait(&changed, &lock, deadline) != ETIMEDOUT;
}

static struct timespec deadline_in(uint32_t timeout_ms) {
    struct timespec deadline;
    clock_gettime(CLOCK_MONOTONIC, &deadline);
    deadline.tv_sec += timeout_ms / 1000;
    deadline.tv_nsec += (long) (timeout_ms % 1000) * 1000000L;
    if (deadline.tv_nsec >= 1000000000L) {
        deadline.tv_sec++;
        deadline.tv_nsec -= 1000000000L;
    }
    return deadline;
}

/* ---- the ddi side ---- */

int hyp_open(struct hyp_channel *channel) {
    pthread_mutex_lock(&lock);
    last_error[0] = '\0';
    int rc = injected("vsd_open");
    if (rc == VSD_OK && !channel->open) {
        channel->open = 1;
        open_channels++;
        pthread_cond_broadcast(&changed);
    }
    pthread_mutex_unlock(&lock);
    return rc;
}

void hyp_close(struct hyp_channel *channel) {
    pthread_mutex_lock(&lock);
    if (channel->open) {
        channel->open = 0;
        open_channels--;
        pthread_cond_broadcast(&changed);
    }
    pthread_mutex_unlock(&lock);
}

int hyp_read(struct hyp_channel *channel, const char *name, char *value, uint32_t size, uint32_t *length) {
    pthread_mutex_lock(&lock);
    int rc = enter(channel, "vsd_read");
    if (rc == VSD_OK) {
        rc = get(name, value, size, length);
    }
    pthread_mutex_unlock(&lock);
    return rc;
}

int hyp_write(struct hyp_channel *channel, const char *name, const char *value) {
    pthread_mutex_lock(&lock);
    int rc = enter(channel, "vsd_write");
    if (rc == VSD_OK) {
        rc = value == NULL ? fail(VSD_E_INVAL, "NULL value") : store(name, value);
    }
    pthread_mutex_unlock(&lock);
    return rc;
}

int hyp_names(struct hyp_channel *channel, char *out, uint32_t size, uint32_t *length) {
    pthread_mutex_lock(&lock);
    int rc = enter(channel, "vsd_names");
    if (rc == VSD_OK) {
        rc = list(out, size, length);
    }
    pthread_mutex_unlock(&lock);
    return rc;
}

int hyp_wait(struct hyp_channel *channel, uint64_t *seq, uint32_t timeout_ms, char *name, uint32_t size) {
    pthread_mutex_lock(&lock);
    int rc = enter(channel, "vsd_wait");
    if (rc == VSD_OK && (seq == NULL || name == NULL || size == 0)) {
        rc = fail(VSD_E_INVAL, "NULL argument");
    }
    if (rc == VSD_OK) {
        struct timespec deadline = deadline_in(timeout_ms);
        while (change_count == *seq && channel->open && wait_until(&deadline)) {
        }
        if (!channel->open) {
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

int hyp_hard_stop(struct hyp_channel *channel, uint32_t domain) {
    char name[64];
    snprintf(name, sizeof name, "nk.%u.vm.state.running", domain);
    pthread_mutex_lock(&lock);
    int rc = enter(channel, "vsd_hard_stop");
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

/* ---- the test's side ---- */

int hyp_set(const char *name, const char *value) {
    pthread_mutex_lock(&lock);
    int rc = store(name, value);
    pthread_mutex_unlock(&lock);
    return rc;
}

int hyp_get(const char *name, char *value, uint32_t size, uint32_t *length) {
    pthread_mutex_lock(&lock);
    int rc = get(name, value, size, length);
    pthread_mutex_unlock(&lock);
    return rc;
}

int hyp_list(char *out, uint32_t size, uint32_t *length) {
    pthread_mutex_lock(&lock);
    int rc = list(out, size, length);
    pthread_mutex_unlock(&lock);
    return rc;
}

int hyp_fail(const char *call, int code, const char *message, int count) {
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

void hyp_reset(void) {
    pthread_mutex_lock(&lock);
    property_count = 0;
    memset(failures, 0, sizeof failures);
    note_change("");
    pthread_mutex_unlock(&lock);
}

int hyp_open_count(void) {
    pthread_mutex_lock(&lock);
    int n = open_channels;
    pthread_mutex_unlock(&lock);
    return n;
}

int hyp_await_open_count(int count, uint32_t timeout_ms) {
    struct timespec deadline = deadline_in(timeout_ms);
    pthread_mutex_lock(&lock);
    while (open_channels != count && wait_until(&deadline)) {
    }
    int n = open_channels;
    pthread_mutex_unlock(&lock);
    return n;
}
