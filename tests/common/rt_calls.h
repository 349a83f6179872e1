/* SPDX-License-Identifier: ISC */
/* Counts calls to the allocator (malloc, calloc, realloc, free,
 * posix_memalign, aligned_alloc) and to pthread_mutex_lock made while
 * counting is on: the calls run() must never make.  In the ordinary build
 * they are interposed in the test program; under AddressSanitizer, whose
 * allocator cannot be interposed, the allocator is counted through the
 * sanitizer's malloc hooks. */
#ifndef SOMASCAPE_RT_CALLS_H
#define SOMASCAPE_RT_CALLS_H

#include "host.h"

/* Starts and stops counting; rt_calls_stop returns the calls since start. */
void rt_calls_start(void);
long rt_calls_stop(void);

/* Checks the counter sees an allocation; exits the test if it does not. */
void rt_calls_self_test(void);

/* The test host runs the plugin's work() at once, inside run() (see
 * host_worker.h); a real host runs it in another thread, where it may
 * allocate.  This keeps work() out of the count. */
void rt_calls_exclude_worker(Host* host);

#endif
