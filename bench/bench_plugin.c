/* SPDX-License-Identifier: ISC */
/* The plugin's cost through lilv, in ns per stereo frame: the median of
 * several repetitions at 48 kHz for block sizes 64, 256 and 1024, for
 * named settings, after a warm-up pass, in this thread's CPU time.  When
 * x42's test-signal plugin is installed its 1 kHz sine is timed in turn
 * with every run, and our cost is also printed as a ratio to it.  A benchmark to read, not a test: it never
 * fails on time.
 *
 *   bench_plugin [--seconds S] [--block B]   the table (B: one column)
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
	float value;
} Setting;

typedef struct {
	const char* key;
	const char* name;
	const Setting settings[16];
} Scenario;

/* Every layer on: Alternate with Chime cues, a Tanpura drone, breath
 * chimes on fast breaths (more chimes); "ocean" is the same with the
 * drone's other heavy timbre. */
#define EVERY_LAYER                                                                                \
	{"gaze_mode", 2}, {"cue_sound", 2}, {"drone_voicing", 3}, {"chime_mode", 1}, {"breath_in", 2}, \
	{                                                                                              \
		"breath_out", 2                                                                            \
	}

/* clang-format off */
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
/* clang-format on */
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

/* ns per frame of one run of `seconds`. */
static double
time_run(Host* host, Reference* ref, uint32_t block, double seconds)
{
	const uint64_t frames = (uint64_t)(RATE * seconds) / block * block;
	const double begin = now_s();
	run(host, ref, frames, block);
	return (now_s() - begin) * 1e9 / (double)frames;
}

static double
median(double* x, int n)
{
	qsort(x, (size_t)n, sizeof(double), compare);
	return x[n / 2];
}

/* The plugin's median ns per frame over REPEATS runs, after one to warm
 * up; with the reference, each run follows one of the reference's, and
 * the ratio is the median of the runs' ratios: a machine whose speed
 * drifts (other work, a shared host) slows both of a pair alike. */
typedef struct {
	double ns, ref_ns, ratio;
} Measured;

static Measured
measure(Host* host, Reference* ref, uint32_t block, double seconds)
{
	double ns[REPEATS], ref_ns[REPEATS], ratio[REPEATS];
	for (int r = -1; r < REPEATS; ++r) {
		const double theirs = ref ? time_run(NULL, ref, block, seconds) : 0.0;
		const double ours = time_run(host, NULL, block, seconds);
		if (r >= 0) {
			ns[r] = ours;
			ref_ns[r] = theirs;
			ratio[r] = ref ? ours / theirs : 0.0;
		}
	}
	return (Measured){median(ns, REPEATS), median(ref_ns, REPEATS), median(ratio, REPEATS)};
}

static int
table(double seconds, uint32_t only_block)
{
	Reference* ref = reference_new(RATE);
	printf("ns per stereo frame at 48 kHz, median of %d runs of %g s", REPEATS, seconds);
	printf(ref ? "; (ratio) to x42's mono 1 kHz sine, timed in turn with each run\n" : "\n");
	if (!ref) {
		printf("(x42 test signal not found: " REFERENCE_URI ", Debian's x42-plugins)\n");
	}
	printf("%-48s", "setting \\ block");
	for (size_t b = 0; b < N_BLOCKS; ++b) {
		if (!only_block || blocks[b] == only_block) {
			printf(ref ? " %16u" : " %8u", blocks[b]);
		}
	}
	printf("\n");
	double ref_sum[N_BLOCKS] = {0};
	for (size_t i = 0; i < N_SCENARIOS; ++i) {
		printf("%-48s", scenarios[i].name);
		for (size_t b = 0; b < N_BLOCKS; ++b) {
			if (only_block && blocks[b] != only_block) {
				continue;
			}
			Host* host = start(&scenarios[i]);
			const Measured m = measure(host, ref, blocks[b], seconds);
			host_free(host);
			ref_sum[b] += m.ref_ns;
			if (ref) {
				printf(" %8.2f (%5.2fx)", m.ns, m.ratio);
			} else {
				printf(" %8.2f", m.ns);
			}
			fflush(stdout);
		}
		printf("\n");
	}
	if (ref) {
		printf("%-48s", "x42 test signal, 1 kHz sine (mono), mean");
		for (size_t b = 0; b < N_BLOCKS; ++b) {
			if (!only_block || blocks[b] == only_block) {
				printf(" %8.2f        ", ref_sum[b] / (double)N_SCENARIOS);
			}
		}
		printf("\n");
		reference_free(ref);
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
	fprintf(stderr, "bench_plugin: no setting '%s' (gaze, defaults, all, ocean, heaviest)\n", key);
	return 2;
}

int
main(int argc, char** argv)
{
	if (argc == 4 && strcmp(argv[1], "--once") == 0) {
		return once(argv[2], atof(argv[3]));
	}
	double seconds = 20.0;
	uint32_t only_block = 0;
	for (int i = 1; i < argc; i += 2) {
		if (i + 1 < argc && strcmp(argv[i], "--seconds") == 0 && atof(argv[i + 1]) > 0.0) {
			seconds = atof(argv[i + 1]);
		} else if (i + 1 < argc && strcmp(argv[i], "--block") == 0 &&
		           (only_block = (uint32_t)atoi(argv[i + 1])) > 0) {
			continue;
		} else {
			fprintf(stderr, "usage: bench_plugin [--seconds S] [--block 64|256|1024] | "
			                "--once NAME SECONDS\n");
			return 2;
		}
	}
	return table(seconds, only_block);
}
