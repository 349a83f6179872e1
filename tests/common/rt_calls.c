/* SPDX-License-Identifier: ISC */
#define _GNU_SOURCE
#include "rt_calls.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static volatile int counting = 0;
static volatile long calls = 0;

#if defined(__SANITIZE_ADDRESS__)
/* from the sanitizer runtime (GCC ships no header declaring it) */
int __sanitizer_install_malloc_and_free_hooks(void (*malloc_hook)(const volatile void*, size_t),
                                              void (*free_hook)(const volatile void*));

static void
on_malloc(const volatile void* ptr, size_t size)
{
	(void)ptr;
	(void)size;
	calls += counting;
}

static void
on_free(const volatile void* ptr)
{
	(void)ptr;
	calls += counting;
}

__attribute__((constructor)) static void
install_hooks(void)
{
	__sanitizer_install_malloc_and_free_hooks(on_malloc, on_free);
}
#else
extern void* __libc_malloc(size_t size);
extern void* __libc_calloc(size_t n, size_t size);
extern void* __libc_realloc(void* p, size_t size);
extern void* __libc_memalign(size_t alignment, size_t size);
extern void __libc_free(void* p);

void*
malloc(size_t size)
{
	calls += counting;
	return __libc_malloc(size);
}

void*
calloc(size_t n, size_t size)
{
	calls += counting;
	return __libc_calloc(n, size);
}

void*
realloc(void* p, size_t size)
{
	calls += counting;
	return __libc_realloc(p, size);
}

void
free(void* p)
{
	calls += counting;
	__libc_free(p);
}

int
posix_memalign(void** p, size_t alignment, size_t size)
{
	calls += counting;
	*p = __libc_memalign(alignment, size);
	return *p ? 0 : 12; /* ENOMEM */
}

void*
aligned_alloc(size_t alignment, size_t size)
{
	calls += counting;
	return __libc_memalign(alignment, size);
}
#endif

int
pthread_mutex_lock(pthread_mutex_t* mutex)
{
	static int (*real_lock)(pthread_mutex_t*) = NULL;
	calls += counting;
	if (!real_lock) {
		real_lock = (int (*)(pthread_mutex_t*))dlsym(RTLD_NEXT, "pthread_mutex_lock");
	}
	return real_lock(mutex);
}

void
rt_calls_start(void)
{
	calls = 0;
	counting = 1;
}

long
rt_calls_stop(void)
{
	counting = 0;
	return calls;
}

void
rt_calls_self_test(void)
{
	rt_calls_start();
	void* volatile p = malloc(16);
	free(p);
	const long seen = rt_calls_stop();
	if (seen != 2) {
		fprintf(stderr, "the allocation counter saw %ld of 2 calls\n", seen);
		exit(1);
	}
}

/* The worker's work() is not run()'s: counting pauses around it. */
static int counting_before_work;

static void
pause_in_work(void* data, bool entering)
{
	(void)data;
	if (entering) {
		counting_before_work = counting;
		counting = 0;
	} else {
		counting = counting_before_work;
	}
}

void
rt_calls_exclude_worker(Host* host)
{
	host_set_work_hook(host, pause_in_work, NULL);
}
