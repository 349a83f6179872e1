/* SPDX-License-Identifier: ISC */
/* Counts the calls of malloc, calloc, realloc, free and pthread_mutex_lock
 * made while counting is on, by interposing them in the test program that
 * links alloc_count.c (with -ldl).  Needs the real allocator: not under
 * AddressSanitizer.  Single-threaded use. */
#ifndef SOMASCAPE_ALLOC_COUNT_H
#define SOMASCAPE_ALLOC_COUNT_H

#include <stdbool.h>

/* Counting on or off; calls while off are not counted. */
void alloc_count_set(bool on);

/* Pauses counting (true) and resumes it (false) around code whose calls
 * must not count, e.g. the worker run inside run(); nests. */
void alloc_count_pause(bool pause);

long alloc_count_calls(void);
void alloc_count_reset(void);

/* The interposer works: a counted malloc and free are seen. */
bool alloc_count_self_test(void);

#endif
