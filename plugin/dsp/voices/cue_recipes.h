/* SPDX-License-Identifier: ISC */
/* The built-in cue sounds and how each is made: partials, a noise burst,
 * a glide, as numbers in one table (cue_recipes.c). */
#ifndef SOMASCAPE_CUE_RECIPES_H
#define SOMASCAPE_CUE_RECIPES_H

#include "cue_partials.h"

#include <stdint.h>

typedef enum {
	CUE_SOFT_SINE,
	CUE_BELL,
	CUE_CHIME,
	CUE_WOODBLOCK,
	CUE_CLICK,
	CUE_SOFT_DRUM,
	CUE_SINGING_BOWL,
	CUE_WATER_DROP,
	CUE_BREATH_PUFF,
	CUE_USER_SAMPLE, /* the voice's user_sample; the soft sine while none is loaded */
	CUE_SOUND_COUNT
} CueSound;

/* How each sound is made.  Partial ratios are of the pitch; levels are
 * linear, before the soft high tilt; decays multiply the sound's t60. */
typedef struct {
	uint32_t partial_count;
	float ratio[CUE_MAX_PARTIALS];
	float level[CUE_MAX_PARTIALS];
	float decay[CUE_MAX_PARTIALS];
	float detune_hz[CUE_MAX_PARTIALS]; /* beating doublets */
	float length;                      /* t60 = decay_s * length */
	float attack_s;                    /* onset ramp */
	float glide_from;                  /* pitch factor at the onset (0: no glide) */
	float glide_to;                    /* pitch factor it settles at */
	float glide_time;                  /* time constant, fraction of t60 */
	float glide_max_s;                 /* and at most this long (0: no limit) */
	float lowest_hz;                   /* the first partial never lower (0: no limit) */
	float noise_level;
	float noise_centre; /* band-pass centre, times the pitch */
	float noise_q;
	float noise_rise_s;  /* swell time constant, at least */
	float noise_rise;    /* swell time constant, fraction of t60 */
	float noise_length;  /* noise t60, fraction of the sound's t60 */
	float loudness_gain; /* every sound as loud as the sine */
} CueRecipe;

/* The recipe of a synthesised sound; the soft sine's for anything else
 * (CUE_USER_SAMPLE with no sample loaded, or out of range). */
const CueRecipe* cue_recipe(CueSound sound);

/* How long a strike of `sound` at `decay_s` rings: the t60 (seconds to
 * fall 60 dB) of its longest-ringing part. */
double cue_voice_ring_s(CueSound sound, double decay_s);

#endif
