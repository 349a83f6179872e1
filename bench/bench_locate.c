/* SPDX-License-Identifier: ISC */
/* What a relocation costs: engine_locate (the timeline walk and the
 * pre-roll) to positions from 1 to 240 minutes into a session, in ms, for
 * the defaults and for a heavy setting (slowing breath, chimes, a session
 * length, long Bell cues).  A benchmark, not a test: `./bench_locate`. */
#include "../tests/common/cpu_time.h"
#include "engine.h"

#include <stdio.h>

#define RATE 48000.0

static Engine engine;

static void
measure(const char* name, const Controls* c)
{
	engine_init(&engine, RATE);
	engine_set_controls(&engine, c);
	printf("%-8s pre-roll %5.2f s:", name, (double)engine_preroll_frames(&engine, 0) / RATE);
	static const double minutes[] = {1, 10, 60, 240};
	for (int i = 0; i < 4; ++i) {
		double best = 1e9;
		for (int k = 0; k < 3; ++k) {
			const double t0 = cpu_time_s();
			engine_locate(&engine, (int64_t)(minutes[i] * 60.0 * RATE) + 7);
			const double t = cpu_time_s() - t0;
			best = t < best ? t : best;
		}
		printf("  %3.0f min %6.2f ms", minutes[i], best * 1e3);
	}
	printf("\n");
}

int
main(void)
{
	Controls c;
	controls_defaults(&c);
	measure("defaults", &c);
	c.gaze_mode = 2.0f;
	c.gaze_rate = 3.0f;
	c.gaze_vary = 30.0f;
	c.cue_sound = 1.0f;
	c.cue_decay = 3.0f;
	c.breath_start = 2.0f;
	c.breath_ramp = 60.0f;
	c.chime_mode = 1.0f;
	c.session_len = 240.0f;
	c.drone_voicing = 3.0f;
	c.drone_timbre = 3.0f;
	measure("heavy", &c);
	return 0;
}
