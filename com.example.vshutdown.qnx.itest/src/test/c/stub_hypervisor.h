/*
 * stub_hypervisor.h - the simulated hypervisor behind the stub ddi library, for tests.
 *
 * A real ddi library is a thin layer over state that lives in the hypervisor: whichever copy of
 * the library a process has loaded, it sees the same vproperties. This library plays that
 * hypervisor. It is never loaded by itself: the stub ddi library (vshutdown_ddi_stub.c) and the
 * test's control library (stub_control_jni.c) depend on it by its soname, so the dynamic linker
 * loads it once per process and every copy of them shares its state, while the provider loads a
 * private copy of the ddi library per binding (see vshutdown_ddi.h, "Copies").
 *
 * Return codes are those of vshutdown_ddi.h; after an error, hyp_last_error() on the same thread
 * says what failed.
 */
#ifndef STUB_HYPERVISOR_H
#define STUB_HYPERVISOR_H

#include <stdint.h>

/* One loaded copy's channel to the hypervisor: open between hyp_open and hyp_close. */
struct hyp_channel {
    int open;
};

const char *hyp_last_error(void);

/* ---- the ddi side: what a copy of the ddi library does through its channel ---- */

/* Opens the channel, unless a failure of "vsd_open" is injected. */
int hyp_open(struct hyp_channel *channel);
void hyp_close(struct hyp_channel *channel);
int hyp_read(struct hyp_channel *channel, const char *name, char *value, uint32_t size, uint32_t *length);
int hyp_write(struct hyp_channel *channel, const char *name, const char *value);
int hyp_names(struct hyp_channel *channel, char *list, uint32_t size, uint32_t *length);
int hyp_wait(struct hyp_channel *channel, uint64_t *seq, uint32_t timeout_ms, char *name, uint32_t size);
int hyp_hard_stop(struct hyp_channel *channel, uint32_t domain);

/* ---- the test's side: the hypervisor's own view, no channel, no injected failures ---- */

/* Sets a property as the hypervisor would (value NULL removes it) and wakes every wait. */
int hyp_set(const char *name, const char *value);
/* Reads a property as the hypervisor sees it, with the buffer rules of vsd_read. */
int hyp_get(const char *name, char *value, uint32_t size, uint32_t *length);
/* Lists the properties, with the buffer rules of vsd_names. */
int hyp_list(char *list, uint32_t size, uint32_t *length);
/*
 * The next count calls of the ddi function named call (e.g. "vsd_write") return code with
 * message as their error text; count -1 fails every call until hyp_reset.
 */
int hyp_fail(const char *call, int code, const char *message, int count);
/* Forgets every property and injected failure; the open channels stay (they are the provider's). */
void hyp_reset(void);
/* How many channels are open now. */
int hyp_open_count(void);
/* Waits until count channels are open, at most timeout_ms; returns how many are open then. */
int hyp_await_open_count(int count, uint32_t timeout_ms);

#endif /* STUB_HYPERVISOR_H */
