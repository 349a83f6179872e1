/* SPDX-License-Identifier: ISC */
/* Nothing of the cues below 20 Hz (issue 17):
 *  1. a strike leaves no net area: each synthesised sound struck alone
 *     (cue_voice, no filter) at pitches 80-1200 Hz and decays 0.02-3 s,
 *     its sum over the whole strike against the area a start in sine
 *     phase would leave (its peak over 2 pi f, f its lowest partial);
 *  2. through the engine at the default cue level, every cue sound at
 *     every decay and the low pitches, struck in Alternate at 0.25 and
 *     3 Hz and in Sweep (the strikes that move with the gaze): what lies
 *     below 20 Hz (an eighth-order low-pass at 20 Hz, RMS over 400 ms
 *     windows) stays under -60 dBFS;
 *  3. the end chime at its lowest pitch and the breath chimes, at full
 *     level, likewise. */
#include "check.h"
#include "cue_cases.h"
#include "cue_voice.h"
#include "spectra.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RATE 48000.0

static const float decays[] = {0.02f, 0.05f, 0.12f, 0.4f, 1.0f, 3.0f};
enum { DECAYS = sizeof(decays) / sizeof(decays[0]) };

static Engine engine;

/* 1.  The sounds made of partials alone (the noise of the others has an
 * area of its own, small and random, left to the engine's measure). */
static void
check_areas(void)
{
	static const CueSound tonal[] = {CUE_SOFT_SINE, CUE_BELL, CUE_CHIME, CUE_SINGING_BOWL,
	                                 CUE_WATER_DROP};
	static const float pitches[] = {80.0f, 180.0f, 500.0f, 1200.0f};
	static const float lowest_ratio[] = {1.0f, 0.5f, 1.0f, 1.0f, 2.0f}; /* of tonal[] */
	enum { MAX_FRAMES = 20 * 48000 };
	static float x[MAX_FRAMES];
	double worst = 0.0;
	for (size_t s = 0; s < sizeof(tonal) / sizeof(tonal[0]); ++s) {
		for (int p = 0; p < 4; ++p) {
			for (int d = 0; d < DECAYS; ++d) {
				for (uint32_t seed = 1; seed <= 2; ++seed) {
					CueVoice v;
					cue_voice_init(&v, RATE);
					cue_voice_trigger(&v, NULL, tonal[s], pitches[p], decays[d], 1.0f, seed);
					memset(x, 0, sizeof(x));
					uint32_t n = 0;
					while (cue_voice_active(&v) && n + 256 <= MAX_FRAMES) {
						cue_voice_render(&v, x + n, 256, n % CUE_TICK);
						n += 256;
					}
					CHECK(!cue_voice_active(&v), "%s at %g Hz, %g s rings past 20 s",
					      cue_sound_names[tonal[s]], (double)pitches[p], (double)decays[d]);
					double sum = 0.0, peak = 0.0;
					for (uint32_t i = 0; i < n; ++i) {
						sum += x[i];
						peak = fmax(peak, fabs(x[i]));
					}
					const double sine_phase = peak / (2.0 * M_PI * pitches[p] * lowest_ratio[s]);
					const double ratio = fabs(sum / RATE) / sine_phase;
					worst = fmax(worst, ratio);
					EXPECT(ratio <= 0.01,
					       "%s at %g Hz, %g s, seed %u: a net area of %.2f %% of "
					       "a start in sine phase",
					       cue_sound_names[tonal[s]], (double)pitches[p], (double)decays[d], seed,
					       100.0 * ratio);
				}
			}
		}
	}
	printf("net area of a strike: at most %.3f %% of a start in sine phase\n", 100.0 * worst);
}

/* What lies below 20 Hz after the first second, in dBFS. */
static double
infrasound_dbfs(const Controls* c, double seconds)
{
	Render r = render_engine(&engine, c, RATE, seconds);
	const double db = level_below_dbfs(&r, (uint32_t)RATE, 20.0, 0.4);
	render_free(&r);
	return db;
}

/* 2. */
static void
check_cues(void)
{
	static const struct {
		float mode, rate_hz;
		const char* name;
	} ways[] = {{GAZE_ALTERNATE, 0.25f, "Alternate 0.25 Hz"},
	            {GAZE_ALTERNATE, 3.0f, "Alternate 3 Hz"},
	            {GAZE_SWEEP, 1.0f, "Sweep 1 Hz"}};
	static const float pitches[] = {80.0f, 120.0f, 180.0f, 300.0f, 330.0f};
	enum { PITCHES = sizeof(pitches) / sizeof(pitches[0]) };
	printf("below 20 Hz at cue_level -12 dB, dBFS, the worst over decays %g-%g s\n%-13s",
	       (double)decays[0], (double)decays[DECAYS - 1], "Hz");
	for (int p = 0; p < PITCHES; ++p) {
		printf("%8g", (double)pitches[p]);
	}
	double worst = -HUGE_VAL;
	for (int w = 0; w < 3; ++w) {
		printf("\n%s", ways[w].name);
		for (int s = 0; s < CUE_USER_SAMPLE; ++s) {
			printf("\n  %-11s", cue_sound_names[s]);
			for (int p = 0; p < PITCHES; ++p) {
				double loudest = -HUGE_VAL;
				for (int d = 0; d < DECAYS; ++d) {
					Controls c = cue_controls(ways[w].mode, s, decays[d], pitches[p]);
					c.gaze_rate = ways[w].rate_hz;
					const double db = infrasound_dbfs(&c, 9.0);
					loudest = fmax(loudest, db);
					EXPECT(db <= -60.0, "%s, %s at %g Hz, %g s: %.1f dBFS below 20 Hz",
					       ways[w].name, cue_sound_names[s], (double)pitches[p], (double)decays[d],
					       db);
				}
				worst = fmax(worst, loudest);
				printf("%8.1f", loudest);
			}
		}
	}
	printf("\ncues below 20 Hz: at most %.1f dBFS\n", worst);
}

/* 3. */
static void
check_chimes(void)
{
	Controls c;
	controls_defaults(&c);
	c.gaze_mode = GAZE_OFF;
	c.drone_level = -60.0f;
	c.fade_in = 0.0f;
	c.chime_level = 0.0f;
	for (int mode = 1; mode <= 2; ++mode) {
		c.chime_mode = (float)mode;
		const double db = infrasound_dbfs(&c, 25.0);
		printf("breath chimes %d at 0 dB: %.1f dBFS below 20 Hz\n", mode, db);
		EXPECT(db <= -60.0, "breath chimes %d: %.1f dBFS below 20 Hz", mode, db);
	}
	/* the end chime at its lowest pitch (110 Hz), the session 6 s long */
	c.chime_mode = 0.0f;
	c.gaze_mode = GAZE_ALTERNATE;
	c.drone_root = 40.0f;
	c.session_len = 0.1f;
	c.fade_out = 1.0f;
	const double db = infrasound_dbfs(&c, 16.0);
	printf("the session and its end chime at 0 dB: %.1f dBFS below 20 Hz\n", db);
	EXPECT(db <= -60.0, "the end chime: %.1f dBFS below 20 Hz", db);
}

int
main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	check_areas();
	check_cues();
	check_chimes();
	return expect_failures ? 1 : 0;
}
