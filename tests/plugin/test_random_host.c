/* SPDX-License-Identifier: ISC */
/* Through lilv: a randomised host.  For each seed, the plugin at a random
 * sample rate (8 kHz to 384 kHz) plays a few minutes of session time in
 * random blocks of 0 to 8192 frames, while the host sets random control
 * values (ordinary, at the edges, NaN, infinities, huge, negative zero,
 * denormal, out of range), sends random events (time:Position with absurd
 * values and wrong types, invalid MIDI, patch messages with wrong or missing
 * properties) and deactivates and activates it now and then.  After every
 * block: the audio is finite and within 0 dBFS, the output controls are
 * finite and within their ranges, the output sequences are well formed,
 * and run() made no allocation or lock.
 *
 *   test_random_host [--seeds N] [--first S] [--seconds T] [--seed S] [--trace]
 *
 * A failure names its seed; `test_random_host --seed S --trace` (or the
 * environment variable SOMASCAPE_SEED=S) replays it, printing every step. */
#include "atom_gen.h"
#include "plugin_test.h"
#include "rt_calls.h"

#include <lv2/midi/midi.h>

#include <float.h>
#include <stdarg.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_BLOCK 8192u
#define OUT_ROOM 32760u /* an output's room, as a host with 32 KiB buffers gives it */

static const double common_rates[] = {8000,  11025, 16000,  22050,  32000,  44100, 48000,
                                      88200, 96000, 176400, 192000, 352800, 384000};

typedef struct {
	uint64_t seed;
	int trace;
	/* where we are, for the failure message */
	uint64_t block;
	uint64_t frames;
	double rate;
} Run;

typedef struct {
	long blocks, events, changes, activations, empty_blocks;
	double frames_s; /* session seconds */
} Totals;

static Run run_info;

static void fail(const char* fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

static void
fail(const char* fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "FAILED: seed %llu, block %llu, session %.3f s at %.1f Hz: ",
	        (unsigned long long)run_info.seed, (unsigned long long)run_info.block,
	        (double)run_info.frames / run_info.rate, run_info.rate);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nreplay: test_random_host --seed %llu --trace  (or SOMASCAPE_SEED=%llu)\n",
	        (unsigned long long)run_info.seed, (unsigned long long)run_info.seed);
	exit(1);
}

#define TRACE(...)                        \
	do {                                  \
		if (run_info.trace) {             \
			fprintf(stderr, __VA_ARGS__); \
		}                                 \
	} while (0)

static double
pick_rate(ByteSource* src)
{
	const uint32_t how = src_below(src, 10);
	if (how < 4) {
		return common_rates[src_below(src, sizeof(common_rates) / sizeof(common_rates[0]))];
	}
	const double r = 8000.0 * pow(48.0, src_unit(src)); /* log-uniform 8k .. 384k */
	return how < 8 ? floor(r) : r;                      /* sometimes not an integer */
}

static uint32_t
pick_block(ByteSource* src)
{
	const uint32_t how = src_below(src, 100);
	if (how < 1) {
		return 0;
	}
	if (how < 4) {
		return 1;
	}
	if (how < 8) {
		return MAX_BLOCK;
	}
	/* log-uniform 1 .. 8192 */
	return (uint32_t)fmin(MAX_BLOCK, floor(pow(2.0, 13.0 * src_unit(src))));
}

static float
pick_value(ByteSource* src, const ControlPort* p)
{
	const float span = p->max - p->min;
	const uint32_t how = src_below(src, 100);
	if (how < 40) {
		return p->min + span * (float)src_unit(src);
	} else if (how < 50) {
		return src_chance(src, 0.5) ? p->min : p->max;
	} else if (how < 55) {
		return NAN;
	} else if (how < 58) {
		return INFINITY;
	} else if (how < 61) {
		return -INFINITY;
	} else if (how < 64) {
		return src_chance(src, 0.5) ? 1e30f : -1e30f;
	} else if (how < 67) {
		return -0.0f;
	} else if (how < 70) {
		return src_chance(src, 0.5) ? 1e-40f : -1e-40f;
	} else if (how < 80) {
		const float by = span * (float)(0.001 + 10.0 * src_unit(src));
		return src_chance(src, 0.5) ? p->min - by : p->max + by;
	} else if (how < 85) {
		return src_chance(src, 0.5) ? FLT_MAX : -FLT_MAX;
	} else if (how < 90) { /* between the steps of an integer control */
		return floorf(p->min + span * (float)src_unit(src)) + 0.5f;
	}
	return gen_float(src);
}

static void
send_events(Host* host, ByteSource* src, const GenURIs* u, uint32_t n, Totals* t)
{
	const uint32_t count = 1 + src_below(src, 8);
	uint32_t frames[8];
	for (uint32_t i = 0; i < count; ++i) {
		frames[i] = n ? src_below(src, n + 1) : 0; /* frame n: at the very end */
	}
	if (!src_chance(src, 0.05)) { /* hosts send events in order; now and then one does not */
		for (uint32_t i = 1; i < count; ++i) {
			for (uint32_t j = i; j > 0 && frames[j - 1] > frames[j]; --j) {
				const uint32_t x = frames[j];
				frames[j] = frames[j - 1];
				frames[j - 1] = x;
			}
		}
	} else {
		frames[count - 1] = n + 1 + src_below(src, 1000); /* beyond the block */
	}
	LV2_Atom_Forge forge;
	lv2_atom_forge_init(&forge, host_urid_map(host));
	for (uint32_t i = 0; i < count; ++i) {
		_Alignas(8) uint8_t buf[4096];
		lv2_atom_forge_set_buffer(&forge, buf, sizeof(buf));
		if (!gen_event(&forge, src, u, GEN_ANY, 0)) {
			continue;
		}
		const LV2_Atom* atom = (const LV2_Atom*)buf;
		TRACE("  event at %u: type %u, %u bytes\n", frames[i], atom->type, atom->size);
		if (host_send_event(host, frames[i], atom->type, atom->size, atom + 1)) {
			++t->events;
		}
	}
}

static void
run_seed(uint64_t seed, double seconds, Totals* t)
{
	ByteSource src = byte_source_seeded(seed * 0x2545F4914F6CDD1Dull + 1);
	run_info.seed = seed;
	run_info.block = 0;
	run_info.frames = 0;
	run_info.rate = pick_rate(&src);
	TRACE("seed %llu: %.3f Hz, %.0f s\n", (unsigned long long)seed, run_info.rate, seconds);

	char err[256];
	Host* host = host_new(PLUGIN_URI, run_info.rate, err, sizeof(err));
	if (!host) {
		fail("cannot instantiate: %s", err);
	}
	rt_calls_exclude_worker(host);
	GenURIs u;
	gen_uris_map(&u, host_urid_map(host));

	ControlPort inputs[MAX_CONTROL_PORTS], outputs[MAX_CONTROL_PORTS];
	const size_t n_in = list_controls(host, true, inputs);
	const size_t n_out = list_controls(host, false, outputs);
	float* in_value[MAX_CONTROL_PORTS];
	float* out_value[MAX_CONTROL_PORTS];
	for (size_t i = 0; i < n_in; ++i) {
		in_value[i] = host_control(host, inputs[i].symbol);
	}
	for (size_t i = 0; i < n_out; ++i) {
		out_value[i] = host_control(host, outputs[i].symbol);
	}
	float defaults[MAX_CONTROL_PORTS];
	for (size_t i = 0; i < n_in; ++i) {
		defaults[i] = *in_value[i];
	}

	static float left[MAX_BLOCK], right[MAX_BLOCK];
	host_activate(host);
	++t->activations;
	const uint64_t total = (uint64_t)(seconds * run_info.rate);
	while (run_info.frames < total) {
		if (src_chance(&src, 0.001)) {
			host_deactivate(host);
			TRACE("block %llu: deactivate, activate\n", (unsigned long long)run_info.block);
			if (src_chance(&src, 0.5)) {
				for (size_t i = 0; i < n_in; ++i) {
					*in_value[i] = pick_value(&src, &inputs[i]);
				}
			}
			host_activate(host);
			++t->activations;
		}
		const uint32_t how = src_below(&src, 1000);
		if (how < 5) { /* everything at once */
			for (size_t i = 0; i < n_in; ++i) {
				*in_value[i] = pick_value(&src, &inputs[i]);
			}
			t->changes += (long)n_in;
			TRACE("block %llu: every control changed\n", (unsigned long long)run_info.block);
		} else if (how < 8) { /* back to the defaults */
			for (size_t i = 0; i < n_in; ++i) {
				*in_value[i] = defaults[i];
			}
			TRACE("block %llu: defaults\n", (unsigned long long)run_info.block);
		} else if (how < 300) {
			const uint32_t k = 1 + src_below(&src, 3);
			for (uint32_t j = 0; j < k; ++j) {
				const size_t i = src_below(&src, (uint32_t)n_in);
				*in_value[i] = pick_value(&src, &inputs[i]);
				++t->changes;
				TRACE("block %llu: %s = %g\n", (unsigned long long)run_info.block, inputs[i].symbol,
				      *in_value[i]);
			}
		}
		const uint32_t n = pick_block(&src);
		if (src_chance(&src, 0.15)) {
			send_events(host, &src, &u, n, t);
		}
		/* now and then the outputs have room for a header and little else */
		host_set_output_room(host, src_chance(&src, 0.1) ? src_below(&src, 64) : OUT_ROOM);
		TRACE("block %llu: run %u\n", (unsigned long long)run_info.block, n);

		rt_calls_start();
		host_run(host, left, right, n);
		const long calls = rt_calls_stop();

		if (calls) {
			fail("run() made %ld allocator or lock calls", calls);
		}
		for (uint32_t i = 0; i < n; ++i) {
			if (!(fabsf(left[i]) <= 1.0f) || !(fabsf(right[i]) <= 1.0f)) {
				fail("sample %u of %u is %g, %g", i, n, left[i], right[i]);
			}
		}
		for (size_t i = 0; i < n_out; ++i) {
			const float v = *out_value[i];
			if (!isfinite(v) || v < outputs[i].min || v > outputs[i].max) {
				fail("output %s = %g, outside [%g, %g]", outputs[i].symbol, v, outputs[i].min,
				     outputs[i].max);
			}
		}
		if (host_output_error(host)) { /* read as jalv and Ardour read it */
			fail("%s", host_output_error(host));
		}
		t->empty_blocks += n == 0;
		++t->blocks;
		++run_info.block;
		run_info.frames += n;
	}
	t->frames_s += (double)run_info.frames / run_info.rate;
	host_deactivate(host);
	host_free(host);
}

int
main(int argc, char** argv)
{
	uint64_t first = 1, n_seeds = 40;
	double seconds = 180.0;
	const char* env = getenv("SOMASCAPE_SEED");
	if (env && *env) {
		first = strtoull(env, NULL, 10);
		n_seeds = 1;
	}
	for (int i = 1; i < argc; ++i) {
		if (!strcmp(argv[i], "--trace")) {
			run_info.trace = 1;
		} else if (i + 1 < argc && !strcmp(argv[i], "--seeds")) {
			n_seeds = strtoull(argv[++i], NULL, 10);
		} else if (i + 1 < argc && !strcmp(argv[i], "--first")) {
			first = strtoull(argv[++i], NULL, 10);
		} else if (i + 1 < argc && !strcmp(argv[i], "--seed")) {
			first = strtoull(argv[++i], NULL, 10);
			n_seeds = 1;
		} else if (i + 1 < argc && !strcmp(argv[i], "--seconds")) {
			seconds = strtod(argv[++i], NULL);
		} else {
			fprintf(stderr,
			        "usage: %s [--seeds N] [--first S] [--seconds T] [--seed S] [--trace]\n",
			        argv[0]);
			return 2;
		}
	}
	rt_calls_self_test();

	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	Totals t = {0};
	for (uint64_t s = first; s < first + n_seeds; ++s) {
		run_seed(s, seconds, &t);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	const double wall = (double)(t1.tv_sec - t0.tv_sec) + 1e-9 * (double)(t1.tv_nsec - t0.tv_nsec);
	printf("seeds %llu..%llu: %.2f session hours (%.0f s each) in %ld blocks (%ld empty), "
	       "%ld control changes, %ld events, %ld activations, %.1f s: every block finite, "
	       "within 0 dBFS, outputs in range, no allocation or lock in run()\n",
	       (unsigned long long)first, (unsigned long long)(first + n_seeds - 1),
	       t.frames_s / 3600.0, seconds, t.blocks, t.empty_blocks, t.changes, t.events,
	       t.activations, wall);
	return 0;
}
