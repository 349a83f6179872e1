/* SPDX-License-Identifier: ISC */
/* Playback of a user's cue sample: pure DSP, no allocation, no LV2.  The
 * sample itself is made in the worker (plugin/samples/sample_file.c): mono, at the
 * host's rate, its leading silence trimmed, its loudness matched to the
 * built-in sounds, and band-limited copies at half and a quarter of the
 * rate, so that playing it higher never aliases.
 *
 * Pitch: cue_pitch relative to CUE_SAMPLE_REFERENCE_HZ (the cue_pitch
 * default): at 330 Hz the sample plays as recorded, at 660 Hz an octave up,
 * at 165 Hz an octave down.  The pitch is fixed when a strike starts, as for
 * the built-in sounds.  The sample plays to its end (a recording brings its
 * own decay; cue_decay does not apply); a new strike on the same voice
 * fades it out as it does every sound. */
#ifndef SOMASCAPE_CUE_SAMPLE_H
#define SOMASCAPE_CUE_SAMPLE_H

#include <stdbool.h>
#include <stdint.h>

#define CUE_SAMPLE_REFERENCE_HZ 330.0
/* Copies at rate, rate/2 and rate/4: pitch ratios up to 4 (cue_pitch tops
 * out at 1200 Hz, 3.64 times the reference). */
#define CUE_SAMPLE_LEVELS 3
/* Zero samples before and after each copy, for the interpolator. */
#define CUE_SAMPLE_GUARD 4

typedef struct {
	/* level k holds frames[k] samples at rate / 2^k, with
	 * CUE_SAMPLE_GUARD zeros readable before data[k] and after its end */
	const float* data[CUE_SAMPLE_LEVELS];
	uint32_t frames[CUE_SAMPLE_LEVELS];
	double rate; /* the rate of level 0: the host's */
} CueSample;

/* One strike of a sample: where it reads, and how fast. */
typedef struct {
	const CueSample* sample; /* NULL: not playing */
	const float* data;       /* the level chosen for the pitch */
	uint32_t frames;
	double pos;  /* in frames of that level */
	double step; /* at most 1: no aliasing */
	float gain;
} CueSamplePlay;

/* Starts playing `sample` at `pitch_hz` (see above) with a linear gain. */
void cue_sample_start(CueSamplePlay* p, const CueSample* sample, double pitch_hz, float gain);

/* Adds n samples to out; the strike ends at the sample's end. */
void cue_sample_render(CueSamplePlay* p, float* out, uint32_t n);

static inline bool
cue_sample_playing(const CueSamplePlay* p)
{
	return p->sample != 0;
}

#endif
