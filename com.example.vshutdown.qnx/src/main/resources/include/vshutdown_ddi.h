/*
 * vshutdown_ddi.h - the C interface between the vshutdown QNX provider and the platform's ddi layer.
 *
 * The master shutdown application (a Java/OSGi program) reaches the hypervisor's vproperties
 * through this interface only. The ddi layer of the nano-kernel is not public, so a platform
 * integrator implements these functions once, on top of their ddi, in a shared library that the
 * provider bundle com.example.vshutdown.qnx loads at run time (by default "vshutdown_ddi", i.e.
 * libvshutdown_ddi.so on the library search path; the name or an absolute path is configurable).
 * The same library carries the provider's JNI glue, vshutdown_ddi_jni.c (shipped beside this
 * header): compile both into it.
 *
 * What the master does with it (design 004): it enumerates the properties to find the domains
 * (nk.<id>.vm.state.running), reads the running counters, writes nk.<id>.vm.state.requested, and
 * waits until the running counters reach the requested values. Values are short text: counters are
 * unsigned decimal integers; nk.<id>.vm.shutdown.status holds a line of UTF-8 text. The library
 * passes values through as they are: it never parses, trims or validates them (the Java side
 * refuses malformed counters, so every platform treats them alike).
 *
 * ---------------------------------------------------------------------------------------------
 * Strings
 *   Names and values are NUL-terminated byte strings, UTF-8 (names are ASCII in practice). A value
 *   cannot contain a NUL byte. Names are at most VSD_NAME_MAX bytes and values at most
 *   VSD_VALUE_MAX bytes, not counting the terminating NUL; longer arguments get VSD_E_INVAL.
 *
 * Buffers
 *   Every function that returns text writes it into a buffer the caller owns: (buffer, size) is
 *   the buffer and its size in bytes, *length receives the length of the answer. When the answer
 *   with its terminating NUL does not fit in size bytes, the function returns VSD_E_RANGE, sets
 *   *length to the length the answer needs (so the caller retries with a buffer of that size, see
 *   each function for what exactly is counted) and leaves the buffer's contents unspecified. The
 *   library never writes more than size bytes and never keeps a pointer to a caller's buffer or
 *   argument after it returns.
 *
 * Errors
 *   Every function except vsd_abi_version and vsd_last_error returns VSD_OK (0) or one of the
 *   negative VSD_E_* codes below; any other value is treated as a failure of the library. After a
 *   function returns an error, vsd_last_error() on the SAME thread returns one line of text saying
 *   what failed, in terms an operator can act on (e.g. "ddi channel /dev/nk-prop closed: EBADF").
 *   The provider quotes it in its messages together with the library, the call and the property.
 *
 * Threads
 *   After vsd_open returns VSD_OK and until vsd_close is called, vsd_read, vsd_write, vsd_names,
 *   vsd_wait, vsd_hard_stop and vsd_last_error may be called from any thread, concurrently. One
 *   thread may block in vsd_wait while others read and write; the provider runs exactly one
 *   waiting thread, so an implementation needs to support at least one concurrent vsd_wait.
 *   vsd_open and vsd_close are never called concurrently with each other or with any other
 *   function: the provider calls vsd_close only after its waiting thread has returned and every
 *   other call has finished. vsd_open may be called again after vsd_close (a restarted provider).
 *   No function may call back into Java or block indefinitely; only vsd_wait blocks on purpose.
 *
 * Symbols
 *   Every function below must be exported by the library except vsd_hard_stop, which is optional
 *   (without it, a forced shutdown cannot pull the power of a domain that does not answer). The
 *   glue refers to them weakly, so a missing required symbol keeps the provider down with an error
 *   naming the library and the symbol. The library must be linked so that it loads on its own
 *   (dlopen with RTLD_NOW).
 *
 * Copies
 *   The JVM lets one class loader load a library file, and the provider bundle gets a new class
 *   loader whenever it is updated. The provider therefore loads a private copy of the library each
 *   time it binds it (bundle update, new configuration), so over the life of a process several
 *   copies may be loaded, each with its own static data. Only one is open at a time: vsd_close of
 *   the old copy returns before vsd_open of the new one is called (unless a vsd_wait of the old
 *   copy ignored its time-out: that copy is then left open, never closed under it). Whatever must be unique per
 *   process or per hypervisor (a ddi channel, a device opened once) belongs between vsd_open and
 *   vsd_close, never in a constructor or in data set up once.
 * ---------------------------------------------------------------------------------------------
 */
#ifndef VSHUTDOWN_DDI_H
#define VSHUTDOWN_DDI_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The version of this interface. The provider refuses a library that reports another one. */
#define VSD_ABI_VERSION 1u

/* Longest name and longest value, in bytes, without the terminating NUL. */
#define VSD_NAME_MAX 255u
#define VSD_VALUE_MAX 4095u

/* Return codes. */
#define VSD_OK          0  /* done */
#define VSD_E_NOENT    (-1) /* no such property (vsd_read), no such domain (vsd_hard_stop) */
#define VSD_E_RANGE    (-2) /* the answer does not fit the caller's buffer; *length says what does */
#define VSD_E_TIMEDOUT (-3) /* vsd_wait: nothing changed within the time-out (not a failure) */
#define VSD_E_INVAL    (-4) /* a bad argument: NULL, an empty or too long name, a too long value */
#define VSD_E_NOTSUP   (-5) /* the platform does not offer this (vsd_hard_stop) */
#define VSD_E_ACCES    (-6) /* the ddi layer refuses: this domain may not read or write that property */
#define VSD_E_IO       (-7) /* the ddi layer failed: channel lost, hypervisor error, out of memory */
#define VSD_E_STATE    (-8) /* called before vsd_open succeeded or after vsd_close */

/*
 * Returns VSD_ABI_VERSION as the library was compiled with it. Called first, before vsd_open;
 * must not fail and must not need vsd_open.
 */
uint32_t vsd_abi_version(void);

/*
 * Prepares the library for use: opens the ddi channel, allocates what it needs. Called once when
 * the provider starts, before any other function but vsd_abi_version. An error keeps the provider
 * down; vsd_last_error says why. Calling it twice without vsd_close in between is not done.
 */
int vsd_open(void);

/*
 * Releases what vsd_open took. Called once when the provider stops, after every other call has
 * returned. Cannot fail; after it, every function but vsd_abi_version, vsd_open and
 * vsd_last_error returns VSD_E_STATE.
 */
void vsd_close(void);

/*
 * Reads the value of a property.
 *   name    the property's name
 *   value   the caller's buffer of size bytes; on VSD_OK it holds the value, NUL-terminated
 *   length  on VSD_OK: the value's length in bytes without the NUL (strlen(value));
 *           on VSD_E_RANGE: the same, so a buffer of *length + 1 bytes fits
 * Returns VSD_OK, VSD_E_NOENT if the property does not exist, VSD_E_RANGE, VSD_E_INVAL,
 * VSD_E_ACCES, VSD_E_IO or VSD_E_STATE. A property that exists with an empty value is VSD_OK with
 * *length 0: it is not the same as a missing one.
 */
int vsd_read(const char *name, char *value, uint32_t size, uint32_t *length);

/*
 * Writes a property, creating it if it does not exist yet (the master writes
 * nk.<id>.vm.state.requested, which may not exist before the first request). The value is stored
 * exactly as given: the master writes decimal digits without a newline. A successful write is a
 * change like any other (see vsd_wait). Returns VSD_OK, VSD_E_INVAL, VSD_E_ACCES, VSD_E_IO or
 * VSD_E_STATE.
 */
int vsd_write(const char *name, const char *value);

/*
 * Lists the names of all properties that exist now.
 *   list    the caller's buffer of size bytes; on VSD_OK it holds every name followed by a NUL,
 *           and one more NUL after the last one: "a\0b\0\0"; with no properties, just "\0"
 *   length  on VSD_OK: the bytes used, counting every NUL ("a\0b\0\0" is 5, "\0" is 1);
 *           on VSD_E_RANGE: the bytes needed, so a buffer of *length bytes fits
 * The list is a snapshot; its order does not matter. Returns VSD_OK, VSD_E_RANGE, VSD_E_INVAL,
 * VSD_E_ACCES, VSD_E_IO or VSD_E_STATE. Properties may come and go between a VSD_E_RANGE and the
 * retry; the provider retries a few times with a larger buffer.
 */
int vsd_names(char *list, uint32_t size, uint32_t *length);

/*
 * Waits for a change of any property.
 *
 * The library keeps a change count, incremented at every change of any property's value and at
 * every property created or removed, whoever made it (the hypervisor, another domain, this
 * process). It starts at any value.
 *   seq         in: the count the caller last saw (0 the first time); out, on VSD_OK: the count now
 *   timeout_ms  how long to wait at most, in milliseconds; 0 only looks
 *   name        the caller's buffer of size bytes; on VSD_OK it holds the name of the property that
 *               changed if exactly one change happened since *seq and the name fits, otherwise ""
 *               (several changes, or the layer cannot tell): the caller then re-reads everything
 * Returns VSD_OK at once if the count differs from *seq, otherwise blocks until it changes
 * (VSD_OK) or until timeout_ms have passed (VSD_E_TIMEDOUT, *seq unchanged), or fails with
 * VSD_E_INVAL, VSD_E_IO or VSD_E_STATE. The count is what makes a change that happens while the
 * caller is not inside vsd_wait visible at the next call, so no change is lost between two calls.
 *
 * It MUST return within about timeout_ms even when nothing changes: the provider stops its
 * waiting thread between two calls, so this bound is how long stopping the provider takes. A
 * spurious VSD_OK is harmless (the caller re-reads); a missed change only costs latency, since the
 * master re-reads pending domains every second anyway.
 */
int vsd_wait(uint64_t *seq, uint32_t timeout_ms, char *name, uint32_t size);

/*
 * OPTIONAL. Pulls the virtual power of a domain without its cooperation (the last resort of a
 * forced shutdown): the hypervisor stops the domain and advances its nk.<id>.vm.state.running to
 * the next even value, as for any stop. A domain already stopped is left as it is (VSD_OK).
 * Returns VSD_OK once the domain is stopped, VSD_E_NOENT if there is no such domain, VSD_E_NOTSUP
 * if the platform cannot do it (or not for this domain, e.g. the caller's own), VSD_E_ACCES,
 * VSD_E_IO or VSD_E_STATE.
 */
int vsd_hard_stop(uint32_t domain);

/*
 * One line of text about the last error returned to the calling thread: never NULL, "" when there
 * was none. The text stays valid until the calling thread's next call into the library. The
 * library keeps one per thread (thread-local storage), so concurrent failures do not mix.
 */
const char *vsd_last_error(void);

#ifdef __cplusplus
}
#endif

#endif /* VSHUTDOWN_DDI_H */
