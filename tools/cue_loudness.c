/* SPDX-License-Identifier: ISC */
/* Calibration aid for the cue sounds: integrated loudness (EBU R128) of each
 * sound struck every 0.5 s alternating left/right, the peak of one strike,
 * and the gain that would match the soft sine (the recipes' loudness_gain,
 * at the defaults).  With --table and --spacing-table, the tables of
 * plugin/dsp/voices/cue_match.c over its grids, at 48 kHz.  With --bench,
 * the cost of a voice in ns per sample.  Built with everything, run by hand:
 *
 *   build/tools/cue_loudness [rate] [pitch_hz] [decay_s]
 *   build/tools/cue_loudness --table > plugin/dsp/voices/cue_match_table.h
 *   build/tools/cue_loudness --spacing-table > plugin/dsp/voices/cue_spacing_table.h
 *   build/tools/cue_loudness --bench [rate]
 */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE /* clock_gettime, M_PI */
#endif
#include "cue_match.h"
#include "cue_voice.h"
#include "engine.h" /* CUE_VOICES */

#include <ebur128.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char* const sound_names[CUE_SOUND_COUNT] = {
    "soft sine", "bell",         "chime",      "woodblock",   "click",
    "soft drum", "singing bowl", "water drop", "breath puff", "user sample"};

enum { BLOCK = 256 };

enum { PEAK_SEEDS = 16 };

/* Loudness of 20 s (or 5 strikes) of strikes every `every_s`, alternating
 * left and right, each in the next of the engine's CUE_VOICES voices (long
 * ones overlap), through the engine's high-pass when they reach low. */
static double
alternating_loudness(CueSound sound, double rate, float pitch, float decay, double every_s)
{
	ebur128_state* meter = ebur128_init(2, (unsigned long)rate, EBUR128_MODE_I);
	CueVoice voices[CUE_VOICES];
	HighPass highpass[CUE_VOICES];
	for (int v = 0; v < CUE_VOICES; ++v) {
		cue_voice_init(&voices[v], rate);
		highpass_init(&highpass[v], CUE_HIGHPASS_HZ, rate);
	}
	const size_t strike_every = (size_t)(every_s * rate);
	const size_t total = (size_t)(fmax(20.0, 5.0 * every_s) * rate);
	float mono[CUE_VOICES][BLOCK], frames[2 * BLOCK];
	size_t strikes = 0;
	for (size_t t = 0; t < total; t += BLOCK) {
		memset(mono, 0, sizeof(mono));
		/* split the block at strike times: sample exact */
		size_t done = 0;
		while (done < BLOCK) {
			const size_t now = t + done;
			const size_t next = (now / strike_every + 1) * strike_every;
			if (now % strike_every == 0) {
				cue_voice_trigger(&voices[strikes % CUE_VOICES], NULL, sound, pitch, decay, 1.0f,
				                  (uint32_t)strikes + 1);
				++strikes;
			}
			size_t m = next - now;
			if (m > BLOCK - done) {
				m = BLOCK - done;
			}
			for (int v = 0; v < CUE_VOICES; ++v) {
				cue_voice_render(&voices[v], &mono[v][done], (uint32_t)m, now % CUE_TICK);
			}
			done += m;
		}
		if (cue_voice_lowest_hz(&voices[0]) < CUE_LOW_HZ) {
			for (int v = 0; v < CUE_VOICES; ++v) {
				highpass_run(&highpass[v], mono[v], BLOCK);
			}
		}
		memset(frames, 0, sizeof(frames));
		for (int v = 0; v < CUE_VOICES; ++v) { /* even voices left, odd right */
			for (size_t i = 0; i < BLOCK; ++i) {
				frames[2 * i + v % 2] += mono[v][i];
			}
		}
		ebur128_add_frames_float(meter, frames, BLOCK);
	}
	double lufs = -HUGE_VAL;
	ebur128_loudness_global(meter, &lufs);
	ebur128_destroy(&meter);
	return lufs;
}

/* Highest peak of one strike at gain 1 over a few seeds. */
static float
single_peak(CueSound sound, double rate, float pitch, float decay)
{
	float peak = 0.0f, buf[BLOCK];
	for (uint32_t seed = 1; seed <= PEAK_SEEDS; ++seed) {
		CueVoice v;
		cue_voice_init(&v, rate);
		cue_voice_trigger(&v, NULL, sound, pitch, decay, 1.0f, seed);
		while (cue_voice_active(&v)) {
			memset(buf, 0, sizeof(buf));
			cue_voice_render(&v, buf, BLOCK, 0);
			for (int i = 0; i < BLOCK; ++i) {
				peak = fmaxf(peak, fabsf(buf[i]));
			}
		}
	}
	return peak;
}

static double
seconds_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* ns per sample of one voice: struck every `every_s` with decay `decay_s`,
 * rendered in blocks of 256 into a cleared buffer, as the engine does. */
static double
voice_cost_ns(CueSound sound, double rate, float decay_s, double every_s)
{
	static float buf[BLOCK];
	const int blocks = (int)(rate * 20.0 / BLOCK);
	const int strike_each = (int)(every_s * rate / BLOCK);
	float check = 0.0f;
	CueVoice v;
	cue_voice_init(&v, rate);
	const double t0 = seconds_now();
	for (int b = 0; b < blocks; ++b) {
		if (b % strike_each == 0) {
			cue_voice_trigger(&v, NULL, sound, 330.0f, decay_s, 0.5f, (uint32_t)b);
		}
		memset(buf, 0, sizeof(buf));
		cue_voice_render(&v, buf, BLOCK, 0);
		check += buf[BLOCK / 2];
	}
	const double ns = (seconds_now() - t0) * 1e9 / ((double)blocks * BLOCK);
	return isfinite(check) ? ns : -1.0;
}

static void
bench(double rate)
{
	voice_cost_ns(CUE_BELL, rate, 3.0f, 2.0); /* warm up */
	printf("ns per sample of one voice at %g Hz (330 Hz)\n", rate);
	printf("%-12s %10s %18s\n", "", "sounding", "default, 1/s");
	for (int s = 0; s < CUE_SOUND_COUNT; ++s) {
		printf("%-12s %10.2f %18.2f\n", sound_names[s], voice_cost_ns((CueSound)s, rate, 3.0f, 2.0),
		       voice_cost_ns((CueSound)s, rate, 0.4f, 1.0));
	}
}

/* Strikes twice and once a second: Alternate and Hold at 1 Hz. */
static const double table_spacings_s[] = {0.5, 1.0};
enum { TABLE_SPACINGS = sizeof(table_spacings_s) / sizeof(table_spacings_s[0]) };

/* The dB that bring a sound to the soft sine at 330 Hz, 0.4 s, 0.5 s
 * apart (loudness ref), beyond what the spacing table gives: the mean over
 * table_spacings_s. */
static double
match_db(double ref, CueSound sound, double rate, float pitch, float decay)
{
	double sum = 0.0;
	for (int k = 0; k < TABLE_SPACINGS; ++k) {
		const double every = table_spacings_s[k];
		sum += ref - alternating_loudness(sound, rate, pitch, decay, every) -
		       cue_match_spacing_db((float)cue_voice_ring_s(sound, decay), (float)every);
	}
	return sum / TABLE_SPACINGS;
}

/* The table of cue_match.c, as C initialisers (made after the spacing
 * table, which it builds on). */
static void
table(void)
{
	const double rate = 48000.0;
	const double ref = alternating_loudness(CUE_SOFT_SINE, rate, 330.0f, 0.4f, 0.5);
	printf("/* SPDX-License-Identifier: ISC */\n"
	       "/* Made by tools/cue_loudness.c --table: dB per sound, decay (rows,\n"
	       " * cue_match_decay_s) and pitch (columns, cue_match_pitch_hz). */\n");
	for (int s = 0; s < CUE_USER_SAMPLE; ++s) {
		printf("[%d] = { /* %s */\n", s, sound_names[s]);
		for (int d = 0; d < CUE_MATCH_DECAYS; ++d) {
			printf("\t{");
			for (int p = 0; p < CUE_MATCH_PITCHES; ++p) {
				printf(
				    "%s%.2ff", p ? ", " : "",
				    match_db(ref, (CueSound)s, rate, cue_match_pitch_hz[p], cue_match_decay_s[d]));
			}
			printf("},\n");
		}
		printf("},\n");
		fflush(stdout);
	}
}

/* The spacing table of cue_match.c: the dB that bring the soft sine at
 * 330 Hz struck every spacing to its loudness struck every 0.5 s, per
 * ring time (the sine's decay). */
static void
spacing_table(void)
{
	const double rate = 48000.0;
	printf("/* SPDX-License-Identifier: ISC */\n"
	       "/* Made by tools/cue_loudness.c --spacing-table: dB per ring time (rows,\n"
	       " * cue_match_ring_s) and spacing (columns, cue_match_spacing_s). */\n");
	for (int d = 0; d < CUE_MATCH_RINGS; ++d) {
		const float decay = cue_match_ring_s[d];
		const double ref = alternating_loudness(CUE_SOFT_SINE, rate, 330.0f, decay, 0.5);
		printf("\t{");
		for (int g = 0; g < CUE_MATCH_SPACINGS; ++g) {
			const double lufs =
			    alternating_loudness(CUE_SOFT_SINE, rate, 330.0f, decay, cue_match_spacing_s[g]);
			printf("%s%.2ff", g ? ", " : "", ref - lufs);
		}
		printf("},\n");
		fflush(stdout);
	}
}

int
main(int argc, char** argv)
{
	if (argc > 1 && !strcmp(argv[1], "--table")) {
		table();
		return 0;
	}
	if (argc > 1 && !strcmp(argv[1], "--spacing-table")) {
		spacing_table();
		return 0;
	}
	if (argc > 1 && !strcmp(argv[1], "--bench")) {
		bench(argc > 2 ? atof(argv[2]) : 48000.0);
		return 0;
	}
	const double rate = argc > 1 ? atof(argv[1]) : 48000.0;
	const float pitch = argc > 2 ? (float)atof(argv[2]) : 330.0f;
	const float decay = argc > 3 ? (float)atof(argv[3]) : 0.4f;
	const double ref = alternating_loudness(CUE_SOFT_SINE, rate, pitch, decay, 0.5);
	printf("rate %g Hz, pitch %g Hz, decay %g s\n", rate, (double)pitch, (double)decay);
	for (int s = 0; s < CUE_SOUND_COUNT; ++s) {
		const double lufs = alternating_loudness((CueSound)s, rate, pitch, decay, 0.5);
		printf("%-12s %7.2f LUFS  %+5.2f LU  peak %.3f  gain x%.4f\n", sound_names[s], lufs,
		       lufs - ref, (double)single_peak((CueSound)s, rate, pitch, decay),
		       pow(10.0, (ref - lufs) / 20.0));
	}
	return 0;
}
