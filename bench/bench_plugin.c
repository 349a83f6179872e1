/* SPDX-License-Identifier: ISC */
/* The plugin's cost through lilv, in ns per stereo frame: the median of
 * several repetitions at 48 kHz for block sizes 64, 256 and 1024, for
 * named settings, after a warm-up pass, in this thread's CPU time.  When x42's test-signal plugin is
 * installed its 1 kHz sine is timed in the same run, and our cost is also
 * printed as a ratio to it.  A benchmark to read, not a test: it never
 * fails on time.
 *
 *   bench_plugin [--seconds S]       the table
 *   bench_plugin --once NAME S       renders NAME for S seconds at block 256,
 *                                    untimed: for valgrind --tool=callgrind */
#define _POSIX_C_SOURCE 200809L
#include "host.h"
#include "reference.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define PLUGIN_URI "https://somascape.dev/lv2/somascape"
#define RATE 48000.0
#define REPEATS 5

typedef struct {
	const char* symbol;
	float       value;
} Setting;

typedef struct {
	const char*   key;
	const char*   name;
	const Setting settings[16];
} Scenario;

/* Every layer on: Alternate with Chime cues, a Tanpura drone, breath
 * chimes on fast breaths (more chimes); "ocean" is the same with the
 * drone's other heavy timbre. */
#define EVERY_LAYER                                                                         \
	{"gaze_mode", 2}, {"cue_sound", 2}, {"drone_voicing", 3}, {"chime_mode", 1},          \
	    {"breath_in", 2}, {"breath_out", 2}

static const Scenario scenarios[] = {
    {"gaze", "gaze only (Alternate, soft sine)", {{"drone_level", -60}, {NULL, 0}}},
    {"defaults", "defaults (+ Fifth drone, Warm)", {{NULL, 0}}},
    {"all", "every layer on (Chime, Tanpura Choir, chimes)",
     {EVERY_LAYER, {"drone_timbre", 3}, {NULL, 0}}},
    {"ocean", "every layer on, drone Ocean", {EVERY_LAYER, {"drone_timbre", 4}, {NULL, 0}}},
    /* the most voices at once, all moving (per-frame delay on headphones),
     * 8-partial bells, the brightest Choir and the fastest breath chimes */
    {"heaviest", "heaviest (Sweep 3 Hz Bell 3 s, Choir 100 %)",
     {{"gaze_mode", 1}, {"gaze_rate", 3}, {"cue_sound", 1}, {"cue_decay", 3},
      {"gaze_vary", 30}, {"drone_voicing", 3}, {"drone_timbre", 3}, {"drone_bright", 100},
      {"breath_bright", 100}, {"chime_mode", 1}, {"breath_in", 0.5}, {"breath_out", 0.5},
      {NULL, 0}}},
};
#define N_SCENARIOS (sizeof(scenarios) / sizeof(scenarios[0]))

static const uint32_t blocks[] = {64, 256, 1024};
#define N_BLOCKS (sizeof(blocks) / sizeof(blocks[0]))

/* This thread's CPU time, not the wall clock: on a busy machine the time
 * spent waiting for a core is not the plugin's cost. */
static double
now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int
compare(const void* a, const void* b)
{
	const double x = *(const double*)a, y = *(const double*)b;
	return (x > y) - (x < y);
}

static Host*
start(const Scenario* sc)
{
	char err[256];
	Host* host = host_new(PLUGIN_URI, RATE, err, sizeof(err));
	if (!host) {
		fprintf(stderr, "bench_plugin: %s\n", err);
		exit(1);
	}
	for (const Setting* s = sc->settings; s->symbol; ++s) {
		host_set(host, s->symbol, s->value);
	}
	host_activate(host);
	return host;
}

static float left[HOST_MAX_BLOCK], right[HOST_MAX_BLOCK];

/* One run of `frames` in blocks, through either plugin. */
static void
run(Host* host, Reference* ref, uint64_t frames, uint32_t block)
{
	for (uint64_t done = 0; done < frames; done += block) {
		if (host) {
			host_run(host, left, right, block);
		} else {
			reference_run(ref, block);
		}
	}
}

/* The median ns per frame of REPEATS runs, after one to warm up. */
static double
measure(Host* host, Reference* ref, uint32_t block, double seconds)
{
	const uint64_t frames = (uint64_t)(RATE * seconds) / block * block;
	double times[REPEATS];
	for (int r = -1; r < REPEATS; ++r) {
		const double begin = now_s();
		run(host, ref, frames, block);
		if (r >= 0) {
			times[r] = (now_s() - begin) * 1e9 / (double)frames;
		}
	}
	qsort(times, REPEATS, sizeof(double), compare);
	return times[REPEATS / 2];
}

static int
table(double seconds)
{
	double ref_ns[N_BLOCKS] = {0};
	Reference* ref = reference_new(RATE);
	printf("ns per stereo frame at 48 kHz, median of %d runs of %g s", REPEATS, seconds);
	printf(ref ? "; (ratio) to x42's mono 1 kHz sine\n" : "\n");
	printf("%-48s", "setting \\ block");
	for (size_t b = 0; b < N_BLOCKS; ++b) {
		printf(ref ? " %16u" : " %8u", blocks[b]);
	}
	printf("\n");
	if (ref) {
		printf("%-48s", "x42 test signal, 1 kHz sine (mono)");
		for (size_t b = 0; b < N_BLOCKS; ++b) {
			ref_ns[b] = measure(NULL, ref, blocks[b], seconds);
			printf(" %8.2f        ", ref_ns[b]);
			fflush(stdout);
		}
		printf("\n");
		reference_free(ref);
	} else {
		printf("(x42 test signal not found: " REFERENCE_URI ", Debian's x42-plugins)\n");
	}
	for (size_t i = 0; i < N_SCENARIOS; ++i) {
		printf("%-48s", scenarios[i].name);
		for (size_t b = 0; b < N_BLOCKS; ++b) {
			Host* host = start(&scenarios[i]);
			const double ns = measure(host, NULL, blocks[b], seconds);
			host_free(host);
			if (ref_ns[b] > 0.0) {
				printf(" %8.2f (%5.2fx)", ns, ns / ref_ns[b]);
			} else {
				printf(" %8.2f", ns);
			}
			fflush(stdout);
		}
		printf("\n");
	}
	return 0;
}

/* One scenario, untimed, for counting instructions. */
static int
once(const char* key, double seconds)
{
	for (size_t i = 0; i < N_SCENARIOS; ++i) {
		if (strcmp(scenarios[i].key, key) == 0) {
			Host* host = start(&scenarios[i]);
			run(host, NULL, (uint64_t)(RATE * seconds) / 256 * 256, 256);
			host_free(host);
			return 0;
		}
	}
	fprintf(stderr, "bench_plugin: no setting '%s' (gaze, defaults, all, ocean, heaviest)\n",
	        key);
	return 2;
}

int
main(int argc, char** argv)
{
	if (argc == 4 && strcmp(argv[1], "--once") == 0) {
		return once(argv[2], atof(argv[3]));
	}
	if (argc == 3 && strcmp(argv[1], "--seconds") == 0 && atof(argv[2]) > 0.0) {
		return table(atof(argv[2]));
	}
	if (argc != 1) {
		fprintf(stderr, "usage: bench_plugin [--seconds S] | --once NAME SECONDS\n");
		return 2;
	}
	return table(20.0);
}
