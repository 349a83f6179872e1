/* SPDX-License-Identifier: ISC */
/* The end chime is a chime, not an alarm, measured with libebur128 on the
 * engine's output: for sessions loud and quiet, with cues, drone or both,
 * its loudest 3 s (EBU short-term loudness) are no louder than the
 * session's loudest 3 s before the fade-out; it swells in (at least
 * 20 ms to come within 1 dB of its peak); and chime_level governs it (6 dB
 * less of it is 6 dB less loud) below that ceiling. */
#include "check.h"
#include "engine.h"

#include <ebur128.h>
#include <math.h>
#include <stdio.h>

#define RATE 48000.0
#define BLOCK 480u    /* 10 ms */
#define LENGTH_S 15.0 /* session_len 0.25 min */
#define FADE_S 5.0
#define CHIME_S 8.0    /* rendered after the end */
#define BIN 48u        /* 1 ms envelope bins */
#define RISE_BINS 250u /* the attack is looked for in the first 250 ms */

static Engine engine;
typedef struct {
	double session; /* loudest 3 s before the fade-out, LUFS */
	double chime;   /* loudest 3 s after the end */
	double rise_ms; /* from the strike to 1 dB under its early peak */
} EndMeasure;

static EndMeasure
measure_end(const Controls* c)
{
	ebur128_state* meter = ebur128_init(2, (unsigned long)RATE, EBUR128_MODE_S);
	CHECK(meter, "measure_end");
	static float left[BLOCK], right[BLOCK], both[2 * BLOCK];
	static double envelope[RISE_BINS];
	engine_init(&engine, RATE);
	engine_set_controls(&engine, c);
	EndMeasure m = {-HUGE_VAL, -HUGE_VAL, 0.0};
	const uint64_t end = (uint64_t)(LENGTH_S * RATE), fade = (uint64_t)((LENGTH_S - FADE_S) * RATE);
	const uint64_t total = end + (uint64_t)(CHIME_S * RATE);
	for (uint64_t done = 0; done < total; done += BLOCK) {
		engine_process(&engine, left, right, BLOCK);
		for (uint32_t i = 0; i < BLOCK; ++i) {
			both[2 * i] = left[i];
			both[2 * i + 1] = right[i];
			const uint64_t bin = (done + i - end) / BIN;
			if (done + i >= end && bin < RISE_BINS) {
				envelope[bin] += (double)left[i] * left[i] + (double)right[i] * right[i];
			}
		}
		ebur128_add_frames_float(meter, both, BLOCK);
		double st = -HUGE_VAL;
		if (done + BLOCK >= (uint64_t)(3.0 * RATE)) {
			CHECK(ebur128_loudness_shortterm(meter, &st) == EBUR128_SUCCESS, "measure_end");
		}
		if (done + BLOCK <= fade) {
			m.session = fmax(m.session, st);
		} else if (done >= end + (uint64_t)(3.0 * RATE) - BLOCK) { /* windows of the chime alone */
			m.chime = fmax(m.chime, st);
		}
	}
	ebur128_destroy(&meter);
	double peak = 0.0;
	for (uint32_t b = 0; b < RISE_BINS; ++b) {
		peak = fmax(peak, envelope[b]);
	}
	uint32_t b = 0;
	while (b < RISE_BINS && envelope[b] < peak * 0.794) { /* -1 dB */
		++b;
	}
	m.rise_ms = (double)b * BIN / RATE * 1000.0;
	for (uint32_t k = 0; k < RISE_BINS; ++k) {
		envelope[k] = 0.0;
	}
	return m;
}

static Controls
session(float gaze_mode, float cue_level, float drone_level, float chime_level)
{
	Controls c;
	controls_defaults(&c);
	c.gaze_mode = gaze_mode;
	c.cue_level = cue_level;
	c.drone_level = drone_level;
	c.chime_level = chime_level;
	c.fade_in = 0.0f;
	c.session_len = (float)(LENGTH_S / 60.0);
	c.fade_out = (float)FADE_S;
	return c;
}

int
main(void)
{
	static const struct {
		const char* name;
		float mode, sound, decay, cue, drone, chime;
	} cases[] = {
	    {"defaults", 2, 0, 0.4f, -12, -18, -18},
	    {"loud chime", 2, 0, 0.4f, -12, -18, 0},
	    {"quiet session", 2, 0, 0.4f, -36, -40, -18},
	    {"drone only", 0, 0, 0.4f, -12, -18, 0},
	    {"cues only", 2, 0, 0.4f, -12, -60, 0},
	    {"sweep tone", 1, 0, 0.4f, -6, -30, 0},
	    {"follow, woodblock", 4, 3, 0.2f, -12, -60, 0},
	    {"hold, bowl 1.6 s", 3, 6, 1.6f, -12, -24, -6}, /* as the Rosenberg presets */
	};
	printf("%-18s %10s %10s %8s\n", "session", "loudest 3s", "end chime", "rise");
	for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); ++k) {
		Controls c = session(cases[k].mode, cases[k].cue, cases[k].drone, cases[k].chime);
		c.cue_sound = cases[k].sound;
		c.cue_decay = cases[k].decay;
		const EndMeasure m = measure_end(&c);
		printf("%-18s %10.2f %10.2f %6.1fms\n", cases[k].name, m.session, m.chime, m.rise_ms);
		EXPECT(m.chime <= m.session + 0.05, "%s: the end chime %.2f LUFS, the session %.2f",
		       cases[k].name, m.chime, m.session);
		EXPECT(m.rise_ms >= 20.0, "%s: the end chime rises in %.1f ms", cases[k].name, m.rise_ms);
	}
	/* chime_level governs it under the ceiling */
	Controls quiet = session(2, -12, -18, -36), louder = session(2, -12, -18, -30);
	const double q = measure_end(&quiet).chime, l = measure_end(&louder).chime;
	printf("chime_level -36 dB: %.2f LUFS, -30 dB: %.2f LUFS\n", q, l);
	EXPECT(fabs((l - q) - 6.0) <= 0.5, "chime_level 6 dB up: the chime %.2f LU up", l - q);
	if (expect_failures) {
		fprintf(stderr, "%d failure(s)\n", expect_failures);
		return 1;
	}
	return 0;
}
