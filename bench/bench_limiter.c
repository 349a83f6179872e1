/* SPDX-License-Identifier: ISC */
/* The --loudness limiter's cost, in ns per stereo frame at 48 kHz (this
 * thread's CPU time, median of 5 runs over 60 s of audio, in blocks of
 * 8192 frames as the writer gives them), on three kinds of material:
 *   measuring  the first pass: an infinite ceiling, the true peak only;
 *   idle       a drone with strikes, every peak under the ceiling;
 *   limiting   the same 8 dB louder: the strikes pass the ceiling.
 *   build/bench/bench_limiter [--seconds S] */
#include "../tests/common/cpu_time.h"
#include "true_peak_limiter.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RATE 48000.0
#define BLOCK 8192
#define RUNS 5

/* A 55 Hz drone and an 880 Hz strike every 0.42 s, alternating sides. */
static void
make_session(float* frames, size_t n, float gain)
{
	for (size_t i = 0; i < n; ++i) {
		const double t = (double)i / RATE, since = fmod(t, 0.4167);
		const double strike = 0.5 * exp(-since / 0.1) * sin(2.0 * M_PI * 880.0 * since);
		const double drone = 0.1 * sin(2.0 * M_PI * 55.0 * t);
		const int side = (int)(t / 0.4167) % 2;
		frames[2 * i] = gain * (float)(drone + (side ? 0.0 : strike));
		frames[2 * i + 1] = gain * (float)(drone + (side ? strike : 0.0));
	}
}

static int
by_value(const void* a, const void* b)
{
	const double x = *(const double*)a, y = *(const double*)b;
	return (x > y) - (x < y);
}

/* Median ns per frame of limiting `session` (n frames) with the ceiling. */
static double
time_limiter(const float* session, float* work, size_t n, double ceiling_db, double* reduction)
{
	double runs[RUNS];
	for (int r = 0; r < RUNS; ++r) {
		memcpy(work, session, sizeof(float) * 2 * n);
		TruePeakLimiter lim;
		const TruePeakLimiterSettings settings = {ceiling_db, 0.002, 0.0125, 0.1};
		if (!true_peak_limiter_init(&lim, RATE, &settings)) {
			exit(1);
		}
		const double start = cpu_time_s();
		for (size_t at = 0; at < n; at += BLOCK) {
			true_peak_limiter_process(&lim, work + 2 * at, n - at < BLOCK ? n - at : BLOCK);
		}
		runs[r] = (cpu_time_s() - start) * 1e9 / (double)n;
		*reduction = true_peak_limiter_reduction_db(&lim);
		true_peak_limiter_free(&lim);
	}
	qsort(runs, RUNS, sizeof(double), by_value);
	return runs[RUNS / 2];
}

int
main(int argc, char** argv)
{
	double seconds = 60.0;
	if (argc == 3 && strcmp(argv[1], "--seconds") == 0) {
		seconds = atof(argv[2]);
	}
	const size_t n = (size_t)(seconds * RATE);
	float* session = malloc(sizeof(float) * 2 * n);
	float* work = malloc(sizeof(float) * 2 * n);
	if (!session || !work || n == 0) {
		fprintf(stderr, "usage: bench_limiter [--seconds S]\n");
		return 2;
	}
	const struct {
		const char* name;
		double ceiling_db;
		float gain;
	} cases[] = {{"measuring", INFINITY, 1.0f}, {"idle", -1.3, 1.0f}, {"limiting", -1.3, 2.5f}};
	printf("%-10s %8s %14s\n", "material", "ns/frame", "reduction dB");
	for (size_t c = 0; c < sizeof(cases) / sizeof(cases[0]); ++c) {
		make_session(session, n, cases[c].gain);
		double reduction = 0.0;
		const double ns = time_limiter(session, work, n, cases[c].ceiling_db, &reduction);
		printf("%-10s %8.2f %14.2f\n", cases[c].name, ns, reduction);
	}
	free(session);
	free(work);
	return 0;
}
