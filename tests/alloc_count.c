/* SPDX-License-Identifier: ISC */
#define _GNU_SOURCE
#include "alloc_count.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdlib.h>

extern void* __libc_malloc(size_t size);
extern void* __libc_calloc(size_t n, size_t size);
extern void* __libc_realloc(void* p, size_t size);
extern void  __libc_free(void* p);

static volatile int  counting = 0;
static volatile int  paused = 0;
static volatile long calls = 0;

static inline void
count(void)
{
	calls += counting && !paused;
}

void*
malloc(size_t size)
{
	count();
	return __libc_malloc(size);
}

void*
calloc(size_t n, size_t size)
{
	count();
	return __libc_calloc(n, size);
}

void*
realloc(void* p, size_t size)
{
	count();
	return __libc_realloc(p, size);
}

void
free(void* p)
{
	count();
	__libc_free(p);
}

int
pthread_mutex_lock(pthread_mutex_t* mutex)
{
	static int (*real_lock)(pthread_mutex_t*) = NULL;
	count();
	if (!real_lock) {
		real_lock = (int (*)(pthread_mutex_t*))dlsym(RTLD_NEXT, "pthread_mutex_lock");
	}
	return real_lock(mutex);
}

void
alloc_count_set(bool on)
{
	counting = on;
}

void
alloc_count_pause(bool pause)
{
	paused += pause ? 1 : -1;
}

long
alloc_count_calls(void)
{
	return calls;
}

void
alloc_count_reset(void)
{
	calls = 0;
}

bool
alloc_count_self_test(void)
{
	const long before = calls;
	counting = 1;
	free(malloc(16));
	counting = 0;
	const bool seen = calls - before == 2;
	calls = before;
	return seen;
}
