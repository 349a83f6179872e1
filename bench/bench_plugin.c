/* SPDX-License-Identifier: ISC */
/* The plugin's cost through lilv, in ns per stereo frame: the median of
 * several repetitions at 48 kHz for block sizes 64, 256 and 1024, for named
 * settings.  A benchmark to read, not a test: it never fails on time. */
#define _POSIX_C_SOURCE 200809L
#include "host.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define PLUGIN_URI "https://somascape.dev/lv2/somascape"
#define RATE 48000.0
#define SECONDS 60
#define REPEATS 5

typedef struct {
	const char* symbol;
	float       value;
} Setting;

typedef struct {
	const char*   name;
	const Setting settings[16];
} Scenario;

static const Scenario scenarios[] = {
    {"gaze only (Alternate, soft sine, defaults)",
     {{"drone_level", -60}, {"chime_mode", 0}, {NULL, 0}}},
    {"defaults", {{NULL, 0}}},
    {"every layer on (Alternate + Chime, Tanpura Choir, chimes)",
     {{"gaze_mode", 2}, {"cue_sound", 2}, {"drone_voicing", 3}, {"drone_timbre", 3},
      {"chime_mode", 1}, {"breath_in", 2}, {"breath_out", 2}, {NULL, 0}}},
    {"heaviest (3 Hz chimes, long decay, headphones, Tanpura Choir)",
     {{"gaze_mode", 2}, {"gaze_rate", 3}, {"cue_sound", 2}, {"cue_decay", 3},
      {"gaze_vary", 30}, {"drone_voicing", 3}, {"drone_timbre", 3}, {"drone_bright", 100},
      {"breath_bright", 100}, {"chime_mode", 1}, {"breath_in", 0.5}, {"breath_out", 0.5},
      {NULL, 0}}},
};

static double
now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int
compare(const void* a, const void* b)
{
	const double x = *(const double*)a, y = *(const double*)b;
	return (x > y) - (x < y);
}

static double
measure(const Scenario* sc, uint32_t block)
{
	char err[256];
	Host* host = host_new(PLUGIN_URI, RATE, err, sizeof(err));
	if (!host) {
		fprintf(stderr, "bench: %s\n", err);
		exit(1);
	}
	for (const Setting* s = sc->settings; s->symbol; ++s) {
		host_set(host, s->symbol, s->value);
	}
	host_activate(host);
	static float left[HOST_MAX_BLOCK], right[HOST_MAX_BLOCK];
	const uint64_t frames = (uint64_t)(RATE * SECONDS);
	double times[REPEATS];
	for (int r = -1; r < REPEATS; ++r) { /* the first pass warms up */
		const double start = now_s();
		for (uint64_t done = 0; done < frames; done += block) {
			host_run(host, left, right, block);
		}
		if (r >= 0) {
			times[r] = (now_s() - start) * 1e9 / (double)frames;
		}
	}
	host_free(host);
	qsort(times, REPEATS, sizeof(double), compare);
	return times[REPEATS / 2];
}

int
main(void)
{
	const uint32_t blocks[] = {64, 256, 1024};
	printf("ns per stereo frame at 48 kHz, median of %d x %d s\n", REPEATS, SECONDS);
	printf("%-64s %8s %8s %8s\n", "setting", "64", "256", "1024");
	for (size_t i = 0; i < sizeof(scenarios) / sizeof(scenarios[0]); ++i) {
		printf("%-64s", scenarios[i].name);
		for (size_t b = 0; b < 3; ++b) {
			printf(" %8.2f", measure(&scenarios[i], blocks[b]));
			fflush(stdout);
		}
		printf("\n");
	}
	return 0;
}
