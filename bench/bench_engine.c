/* SPDX-License-Identifier: ISC */
/* Cost of the whole engine in ns per stereo frame at 48 kHz, block 256,
 * with both layers on: Alternate cues, and a Tanpura drone in the Choir and
 * the Ocean timbres with breath chimes.  A benchmark, not a test: run it
 * by hand (`./bench_engine [seconds]`). */
#include "../tests/common/cpu_time.h"
#include "engine.h"

#include <stdio.h>
#include <stdlib.h>

#define RATE 48000.0
#define BLOCK 256u

static Engine engine;

/* The best of several runs: the machine's other work only ever adds. */
static double
ns_per_frame(float timbre, float drone_db, double seconds)
{
	Controls c;
	controls_defaults(&c);
	c.gaze_mode = 2.0f;     /* Alternate */
	c.cue_sound = 1.0f;     /* Bell: partials and a pool of voices */
	c.drone_voicing = 3.0f; /* Tanpura */
	c.drone_timbre = timbre;
	c.drone_bright = 100.0f;
	c.breath_bright = 100.0f;
	c.chime_mode = 1.0f;
	c.breath_in = 2.0f;
	c.breath_out = 2.0f;
	c.fade_in = 0.0f;
	c.drone_level = drone_db;
	c.chime_mode = drone_db > -60.0f ? 1.0f : 0.0f;
	engine_init(&engine, RATE);
	engine_set_controls(&engine, &c);

	static float left[BLOCK], right[BLOCK];
	const uint64_t blocks = (uint64_t)(seconds * RATE / BLOCK);
	/* warm up: caches, and the smoothers reach their targets */
	for (int i = 0; i < 200; ++i) {
		engine_process(&engine, left, right, BLOCK);
	}
	double best = 1e30;
	for (int run = 0; run < 10; ++run) {
		const double start = cpu_time_s();
		for (uint64_t b = 0; b < blocks / 10; ++b) {
			engine_process(&engine, left, right, BLOCK);
		}
		const double elapsed = cpu_time_s() - start;
		best = elapsed < best ? elapsed : best;
	}
	return best * 1e9 / (double)(blocks / 10 * BLOCK);
}

int
main(int argc, char** argv)
{
	const double seconds = argc > 1 ? atof(argv[1]) : 600.0;
	printf("cues only (drone off): %.2f ns per stereo frame\n",
	       ns_per_frame(3.0f, -60.0f, seconds));
	printf("Tanpura, Choir:        %.2f ns per stereo frame\n",
	       ns_per_frame(3.0f, -18.0f, seconds));
	printf("Tanpura, Ocean:        %.2f ns per stereo frame\n",
	       ns_per_frame(4.0f, -18.0f, seconds));
	return 0;
}
