/* SPDX-License-Identifier: ISC */
/* The cue layer is one loudness at one cue_level, measured with libebur128
 * on the engine's stereo output (the drone silent, no fade-in):
 * - every cue sound at every cue_decay from 0.05 to 3 s and every
 *   cue_pitch from 80 to 1200 Hz (a grid of each, and their corners
 *   together) within 1 LU of the soft sine at the defaults, struck in
 *   Alternate;
 * - every gaze mode (the continuous soft-sine tone of Sweep and Follow, the
 *   taps of Alternate and Hold, the other sounds struck in Sweep, Hold and
 *   Follow) within 1 LU of it, and Alternate and Hold at 0.25 and 3 Hz;
 * - no sound's loudest 20 ms more than 1 dB above the soft sine's at the
 *   same decay, taken against each one's integrated loudness (that is, at
 *   matched loudness). */
#include "check.h"
#include "cue_cases.h"
#include "engine.h"

#include <ebur128.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#define RATE 48000.0
#define BLOCK 960u /* 20 ms */

static const float decays[] = {0.05f, 0.12f, 0.4f, 1.0f, 3.0f};
static const float pitches[] = {80.0f, 180.0f, 500.0f, 1200.0f};
enum {
	SOUNDS = CUE_USER_SAMPLE, /* the synthesised ones (no sample: the sine) */
	DECAYS = sizeof(decays) / sizeof(decays[0]),
	PITCHES = sizeof(pitches) / sizeof(pitches[0]),
};

static Engine engine;
typedef struct {
	double lufs;    /* integrated */
	double loudest; /* the loudest 20 ms window, LUFS */
} Measure;

/* `seconds` of the engine at c, after the first two (the start). */
static Measure
measure(const Controls* c, double seconds)
{
	ebur128_state* meter = ebur128_init(2, (unsigned long)RATE, EBUR128_MODE_I);
	CHECK(meter, "measure");
	static float left[BLOCK], right[BLOCK], both[2 * BLOCK];
	engine_init(&engine, RATE);
	engine_set_controls(&engine, c);
	Measure m = {-HUGE_VAL, -HUGE_VAL};
	const uint64_t skip = (uint64_t)(2.0 * RATE), total = skip + (uint64_t)(seconds * RATE);
	for (uint64_t done = 0; done < total; done += BLOCK) {
		engine_process(&engine, left, right, BLOCK);
		if (done < skip) {
			continue;
		}
		/* windows every 5 ms: four per block */
		for (uint32_t q = 0; q < BLOCK; q += BLOCK / 4) {
			for (uint32_t i = q; i < q + BLOCK / 4; ++i) {
				both[2 * (i - q)] = left[i];
				both[2 * (i - q) + 1] = right[i];
			}
			ebur128_add_frames_float(meter, both, BLOCK / 4);
			double w = -HUGE_VAL;
			CHECK(ebur128_loudness_window(meter, 20, &w) == EBUR128_SUCCESS, "measure");
			m.loudest = w > m.loudest ? w : m.loudest;
		}
	}
	CHECK(ebur128_loudness_global(meter, &m.lufs) == EBUR128_SUCCESS, "measure");
	ebur128_destroy(&meter);
	return m;
}

/* A pitch and a decay a sound is struck at. */
typedef struct {
	float hz, decay_s;
} Cell;
enum { MAX_CELLS = 8 };

/* Every sound at each cell, in Alternate (two taps a second): LU from the
 * reference, and the loudest 20 ms of each against the soft sine's at the
 * same cell. */
static void
sound_table(double reference, const Cell* cells, int count)
{
	CHECK(count <= MAX_CELLS, "sound_table");
	printf("\n%-12s", "Hz, decay s");
	for (int k = 0; k < count; ++k) {
		printf("   %6g, %4g", (double)cells[k].hz, (double)cells[k].decay_s);
	}
	Measure sine[MAX_CELLS];
	for (int s = 0; s < SOUNDS; ++s) {
		printf("\n%-12s", cue_sound_names[s]);
		for (int k = 0; k < count; ++k) {
			const Cell cell = cells[k];
			const Controls c = cue_controls(GAZE_ALTERNATE, s, cell.decay_s, cell.hz);
			const Measure m = measure(&c, 8.0);
			if (s == CUE_SOFT_SINE) {
				sine[k] = m;
			}
			const double over = (m.loudest - m.lufs) - (sine[k].loudest - sine[k].lufs);
			printf(" %+6.2f [%+4.1f]", m.lufs - reference, over);
			EXPECT(fabs(m.lufs - reference) <= 1.0, "%s, %g Hz, %g s: %+.2f LU", cue_sound_names[s],
			       (double)cell.hz, (double)cell.decay_s, m.lufs - reference);
			EXPECT(over <= 1.0, "%s, %g Hz, %g s: its loudest 20 ms %.2f dB over the sine's",
			       cue_sound_names[s], (double)cell.hz, (double)cell.decay_s, over);
		}
	}
}

/* Sounds x decays at the default pitch, sounds x pitches at the default
 * decay, and the corners of decay and pitch together. */
static void
test_sounds(double reference)
{
	printf("Alternate: LU from the soft sine at the defaults"
	       " [loudest 20 ms over the sine's, dB]");
	Cell cells[MAX_CELLS];
	for (int d = 0; d < DECAYS; ++d) {
		cells[d] = (Cell){330.0f, decays[d]};
	}
	sound_table(reference, cells, DECAYS);
	for (int p = 0; p < PITCHES; ++p) {
		cells[p] = (Cell){pitches[p], 0.4f};
	}
	sound_table(reference, cells, PITCHES);
	static const Cell corners[] = {
	    {80.0f, 0.05f}, {80.0f, 3.0f}, {1200.0f, 0.05f}, {1200.0f, 3.0f}};
	sound_table(reference, corners, 4);
	printf("\n");
}

/* Every mode with the soft sine (Sweep and Follow: the continuous tone),
 * at the extremes of pitch too, and Sweep with struck sounds. */
static void
test_modes(double reference)
{
	static const char* const mode_names[] = {"off", "sweep", "alternate", "hold", "follow"};
	static const float mode_pitches[] = {80.0f, 330.0f, 1200.0f};
	printf("modes, soft sine: LU from Alternate at the defaults\n%-12s", "pitch Hz");
	for (int p = 0; p < 3; ++p) {
		printf(" %8g", (double)mode_pitches[p]);
	}
	for (int mode = GAZE_SWEEP; mode <= GAZE_FOLLOW; ++mode) {
		printf("\n%-12s", mode_names[mode]);
		for (int p = 0; p < 3; ++p) {
			Controls c = cue_controls((float)mode, CUE_SOFT_SINE, 0.4f, mode_pitches[p]);
			c.gaze_hold = 10.0f; /* a whole Hold segment and a rest in 20 s */
			c.gaze_rest = 5.0f;
			const double lufs = measure(&c, 20.0).lufs;
			printf(" %+8.2f", lufs - reference);
			EXPECT(fabs(lufs - reference) <= 1.0, "%s at %g Hz: %+.2f LU", mode_names[mode],
			       (double)mode_pitches[p], lufs - reference);
		}
	}
	printf("\nstruck sounds in the other modes:\n");
	static const int struck_modes[] = {GAZE_SWEEP, GAZE_HOLD, GAZE_FOLLOW};
	for (int k = 0; k < 3; ++k) {
		const int mode = struck_modes[k];
		printf("%-12s", mode_names[mode]);
		for (int s = 1; s < SOUNDS; ++s) {
			Controls c = cue_controls((float)mode, s, 0.4f, 330.0f);
			c.gaze_hold = 10.0f;
			c.gaze_rest = 5.0f;
			const double lufs = measure(&c, 8.0).lufs;
			printf(" %+6.2f", lufs - reference);
			EXPECT(fabs(lufs - reference) <= 1.0, "%s, %s: %+.2f LU", mode_names[mode],
			       cue_sound_names[s], lufs - reference);
		}
		printf("\n");
	}
	/* slower and faster: the spacing of the strikes counts, the more the
	 * longer they ring */
	static const float rates[] = {0.25f, 3.0f};
	static const float rate_decays[] = {0.05f, 0.4f, 3.0f};
	static const int rate_sounds[] = {CUE_SOFT_SINE, CUE_WOODBLOCK, CUE_SINGING_BOWL};
	printf("at other rates (decays 0.05, 0.4, 3 s):\n");
	for (int m = GAZE_ALTERNATE; m <= GAZE_HOLD; ++m) {
		for (int r = 0; r < 2; ++r) {
			printf("%-9s %4g Hz", mode_names[m], (double)rates[r]);
			for (int k = 0; k < 3; ++k) {
				printf(" %s", cue_sound_names[rate_sounds[k]]);
				for (int d = 0; d < 3; ++d) {
					Controls c = cue_controls((float)m, rate_sounds[k], rate_decays[d], 330.0f);
					c.gaze_rate = rates[r];
					c.gaze_hold = 10.0f;
					c.gaze_rest = 5.0f;
					const double lufs = measure(&c, 20.0).lufs;
					printf(" %+5.2f", lufs - reference);
					EXPECT(fabs(lufs - reference) <= 1.0, "%s at %g Hz, %s, %g s: %+.2f LU",
					       mode_names[m], (double)rates[r], cue_sound_names[rate_sounds[k]],
					       (double)rate_decays[d], lufs - reference);
				}
			}
			printf("\n");
		}
	}
}

int
main(void)
{
	const Controls c = cue_controls(GAZE_ALTERNATE, CUE_SOFT_SINE, 0.4f, 330.0f);
	const double reference = measure(&c, 8.0).lufs;
	printf("soft sine, Alternate, defaults: %.2f LUFS\n", reference);
	test_sounds(reference);
	test_modes(reference);
	if (expect_failures) {
		fprintf(stderr, "%d failure(s)\n", expect_failures);
		return 1;
	}
	return 0;
}
