/* SPDX-License-Identifier: ISC */
/* Through lilv: run() makes no call to malloc, calloc, realloc, free or
 * pthread_mutex_lock, over a render that changes every control, every
 * block.  The calls are counted by interposing them in this program. */
#define _GNU_SOURCE
#include "plugin_test.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

extern void* __libc_malloc(size_t size);
extern void* __libc_calloc(size_t n, size_t size);
extern void* __libc_realloc(void* p, size_t size);
extern void  __libc_free(void* p);

static volatile int counting = 0;
static volatile long calls = 0;

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
pthread_mutex_lock(pthread_mutex_t* mutex)
{
	static int (*real_lock)(pthread_mutex_t*) = NULL;
	calls += counting;
	if (!real_lock) {
		real_lock = (int (*)(pthread_mutex_t*))dlsym(RTLD_NEXT, "pthread_mutex_lock");
	}
	return real_lock(mutex);
}

int
main(void)
{
	Host* host = open_plugin(48000.0);
	ControlPort inputs[MAX_CONTROL_PORTS];
	const size_t n_inputs = list_controls(host, true, inputs);

	/* the self-test: a counted call is seen */
	counting = 1;
	free(malloc(16));
	counting = 0;
	CHECK(calls == 2, "the interposer counted %ld calls of 2", calls);
	calls = 0;

	float left[512], right[512];
	long blocks = 0;
	unsigned state = 12345u;
	for (int round = 0; round < 40; ++round) {
		for (size_t i = 0; i < n_inputs; ++i) {
			state = state * 1664525u + 1013904223u;
			const float u = (float)(state >> 8) / 16777216.0f;
			const float span = inputs[i].max - inputs[i].min;
			host_set(host, inputs[i].symbol, inputs[i].min + span * (1.3f * u - 0.15f));
			const uint32_t n = 1u + (state >> 20) % 512u;
			counting = 1;
			host_run(host, left, right, n);
			counting = 0;
			++blocks;
		}
	}
	printf("%ld blocks, each after a change of one control (all %zu in turn, 40 rounds): "
	       "%ld allocator or lock calls in run()\n",
	       blocks, n_inputs, calls);
	CHECK(calls == 0, "run() made %ld allocator or lock calls", calls);
	host_free(host);
	return 0;
}
