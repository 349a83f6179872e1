/* SPDX-License-Identifier: ISC */
/* This thread's CPU time, for the benchmarks: the machine's other work
 * does not count. */
#ifndef SOMASCAPE_CPU_TIME_H
#define SOMASCAPE_CPU_TIME_H

#include <time.h>

static inline double
cpu_time_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

#endif
