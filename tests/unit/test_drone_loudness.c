/* SPDX-License-Identifier: ISC */
/* Every drone timbre at the same level setting is equally loud (within
 * +-1.5 LU of their mean, EBU R128 integrated loudness over whole breaths),
 * so switching the timbre does not change the level; and each stays
 * within 0.3 LU of the loudness it had before its tone was reworked
 * (issue 17), so the presets' levels, set by ear and by measurement, hold.  The same for each
 * voicing.  Also prints the loudness of the soft-sine cue at the same
 * level setting, for the cross-layer comparison. */
#include "engine.h"

#include "check.h"
#include <ebur128.h>
#include <math.h>
#include <stdio.h>

#define RATE 48000.0
#define SECONDS 40.0 /* four whole 5/5 breaths */
#define BLOCK 1024u

static Engine engine;

static double
loudness_lufs(const Controls* c)
{
	ebur128_state* meter = ebur128_init(2, (unsigned long)RATE, EBUR128_MODE_I);
	CHECK(meter, "loudness_lufs");
	static float left[BLOCK], right[BLOCK], both[2 * BLOCK];
	engine_init(&engine, RATE);
	engine_set_controls(&engine, c);
	for (uint64_t done = 0; done < (uint64_t)(SECONDS * RATE); done += BLOCK) {
		engine_process(&engine, left, right, BLOCK);
		for (uint32_t i = 0; i < BLOCK; ++i) {
			both[2 * i] = left[i];
			both[2 * i + 1] = right[i];
		}
		ebur128_add_frames_float(meter, both, BLOCK);
	}
	double lufs = 0.0;
	CHECK(ebur128_loudness_global(meter, &lufs) == EBUR128_SUCCESS, "loudness_lufs");
	ebur128_destroy(&meter);
	return lufs;
}

static Controls
drone_at(float timbre, float voicing)
{
	Controls c;
	controls_defaults(&c);
	c.gaze_mode = 0.0f;
	c.fade_in = 0.0f;
	c.drone_timbre = timbre;
	c.drone_voicing = voicing;
	return c; /* level -18 dB, brightness 40 %, breath depth 60 %, 5/5 */
}

static void
assert_spread(const double* lufs, int n, const char* what)
{
	double mean = 0.0;
	for (int i = 0; i < n; ++i) {
		mean += lufs[i] / n;
	}
	for (int i = 0; i < n; ++i) {
		if (fabs(lufs[i] - mean) > 1.5) {
			printf("%s %d: %.2f LUFS is %.2f LU from the mean %.2f\n", what, i, lufs[i],
			       lufs[i] - mean, mean);
		}
		CHECK(fabs(lufs[i] - mean) <= 1.5, "assert_spread");
	}
}

int
main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	static const char* const timbres[] = {"Pure", "Warm", "Reed", "Choir", "Ocean"};
	/* measured before issue 17: -35.53, -35.50, -35.50, -35.47, -35.57 */
	static const double settled_lufs[] = {-35.53, -35.50, -35.50, -35.47, -35.57};
	double lufs[7];
	for (int t = 0; t < 5; ++t) {
		const Controls c = drone_at((float)t, 2.0f);
		lufs[t] = loudness_lufs(&c);
		printf("drone %-5s (Fifth, -18 dB): %6.2f LUFS (was %6.2f)\n", timbres[t], lufs[t],
		       settled_lufs[t]);
		CHECK(fabs(lufs[t] - settled_lufs[t]) <= 0.3, "main");
	}
	assert_spread(lufs, 5, "timbre");

	static const char* const voicings[] = {"Single", "Octave", "Fifth", "Tanpura",
	                                       "Major",  "Minor",  "Open"};
	for (int v = 0; v < 7; ++v) {
		const Controls c = drone_at(1.0f, (float)v);
		lufs[v] = loudness_lufs(&c);
		printf("drone Warm, %-7s: %6.2f LUFS\n", voicings[v], lufs[v]);
	}
	assert_spread(lufs, 7, "voicing");

	/* Across the layers: every cue sound (Alternate, 1 Hz, the default
	 * pitch and length) and every drone timbre at the same level setting
	 * lands within 1.5 LU of the mean of them all. */
	static const char* const sounds[] = {"Soft sine",    "Bell",       "Chime",
	                                     "Woodblock",    "Click",      "Soft drum",
	                                     "Singing bowl", "Water drop", "Breath puff"};
	double both[5 + 9];
	for (int t = 0; t < 5; ++t) {
		const Controls c = drone_at((float)t, 2.0f);
		both[t] = loudness_lufs(&c);
	}
	for (int k = 0; k < 9; ++k) {
		Controls cue;
		controls_defaults(&cue);
		cue.fade_in = 0.0f;
		cue.drone_level = -60.0f;
		cue.cue_level = -18.0f;
		cue.cue_sound = (float)k;
		both[5 + k] = loudness_lufs(&cue);
		printf("cue %-12s (Alternate 1 Hz, -18 dB): %6.2f LUFS\n", sounds[k], both[5 + k]);
	}
	assert_spread(both, 5 + 9, "drone timbre or cue sound");
	return 0;
}
