/* SPDX-License-Identifier: ISC */
/* One strike of a cue sound (mono): a bank of up to CUE_MAX_PARTIALS
 * decaying sinusoids (cue_partials.h) with an optional band-passed noise
 * burst and pitch glide, or a user sample.  It is set up at the trigger
 * from its recipe (cue_strike_setup.c), then computed a tick of CUE_TICK
 * samples at a time, straight into the output when a whole tick is asked
 * for, else into buf, which is then handed out, so the sound never
 * depends on the host's block size (cue_strike.c).
 *
 * Where it is in its course is one field, phase:
 *
 *   NOT_BEGUN --first render--> RISING --ramp at 1--> STEADY (alone)
 *                                      \--with a bank--> JOINING
 *   JOINING --joins at a grid point--> IN_BANK --leaves--> STEADY
 *   JOINING --another sound rings there--> STEADY
 *   any of them --retrigger, or its sample swapped--> FADING --ramp at 0--> ENDED
 *   any --its end, 100 dB down, or its sample played--> ENDED
 *
 * (it leaves its bank before it fades; one that ends in its bank leaves
 * its part there to die away; one not begun that is faded out ends at
 * once: its ramp is at 0).
 * What it is made of is another, parts, which only loses parts as they
 * die away: the noise once under its floor, the glide once settled. */
#ifndef SOMASCAPE_CUE_STRIKE_H
#define SOMASCAPE_CUE_STRIKE_H

#include "cue_bank.h"
#include "cue_partials.h"
#include "cue_recipes.h"
#include "cue_sample.h"

#include <stdbool.h>
#include <stdint.h>

enum {
	CUE_GLIDE_TICKS = 2, /* glides update every 2 ticks (32 samples) */
};

/* Highest partial frequency ever generated, as a fraction of the rate. */
#define CUE_MAX_PARTIAL_FRACTION 0.45
/* A glide this near its end is over: within a few cents. */
#define CUE_GLIDE_SETTLED 2e-3f

typedef enum {
	CUE_STRIKE_ENDED,     /* nothing more to hear (a zeroed strike) */
	CUE_STRIKE_NOT_BEGUN, /* set up, not rendered: it takes its grid then */
	CUE_STRIKE_RISING,    /* its attack */
	CUE_STRIKE_STEADY,    /* at full level, computed by itself, for good */
	CUE_STRIKE_JOINING,   /* the same, until it joins its bank */
	CUE_STRIKE_IN_BANK,   /* at full level, its partials ringing in its bank */
	CUE_STRIKE_FADING,    /* cut short by a retrigger */
} CueStrikePhase;

/* What a strike is made of: partials alone (none of these), with what is
 * still there of the rest, or a user sample. */
typedef enum {
	CUE_PARTS_PARTIALS = 0,
	CUE_PARTS_NOISE = 1 << 0,  /* a noise burst, until it dies away */
	CUE_PARTS_GLIDE = 1 << 1,  /* a pitch glide, until it settles */
	CUE_PARTS_SAMPLE = 1 << 2, /* a user sample, and no partials */
} CueStrikeParts;

/* Band-pass biquad (direct form I, in double so it stays exact enough at
 * 384 kHz; the one multiply on its feedback path keeps it fast). */
typedef struct {
	double b0, a1, a2; /* b1 = 0, b2 = -b0 for a band-pass */
	double x1, x2, y1, y2;
} CueBiquad;

typedef struct {
	/* side by side in one word, so that a test of where it is, what it
	 * is made of and where in its tick costs one comparison (the voice's
	 * shortcuts) */
	CueStrikePhase phase : 8;
	unsigned parts : 8; /* CueStrikeParts */
	uint16_t buf_pos;   /* next sample of buf to hand out */

	/* its partials; while it rings in a bank, as they were when it
	 * joined (to take its part back out) */
	CuePartials partials;
	CueBank* bank;            /* the bank it joins or rings in; NULL: alone */
	uint32_t joined_at;       /* the bank's ticks when it joined */
	uint32_t joined_silences; /* and the bank's silences (cue_bank.h) */

	/* pitch glide: per-sample rotation of partial k is
	 * settled_k * exp(i * glide_theta_k * glide_pos) */
	float settled_re[CUE_MAX_PARTIALS], settled_im[CUE_MAX_PARTIALS];
	float glide_theta[CUE_MAX_PARTIALS];
	float glide_pos, glide_pos_per_tick;

	/* noise burst: white noise -> two band-passes -> envelope */
	uint32_t rng;
	CueBiquad band[2];
	float env_slow, env_fast; /* envelope = env_slow - env_fast */
	float env_slow_mul, env_fast_mul;

	/* whole-strike ramp applied on output, rising or fading: a step a
	 * sample (positive while rising, negative while fading) */
	float ramp, ramp_step;

	float buf[CUE_TICK]; /* the current tick, before the ramp */
	uint32_t ticks;      /* ticks computed since the first */
	uint32_t remaining;  /* samples until it ends, 100 dB down (not
	                         * for a user sample: it ends with it) */
	float lowest_hz;     /* its lowest partial or noise band; 0: a user sample's */

	CueSamplePlay sample; /* a user sample's strike */
} CueStrike;

/* A strike as it is before it sounds (phase NOT_BEGUN); the noise's seed
 * is set apart (rng).  user: the sample CUE_USER_SAMPLE plays (NULL: the
 * soft sine). */
void cue_strike_start(CueStrike* s, CueSound sound, const CueSample* user, double pitch_hz,
                      double decay_s, double gain, double rate);

/* Fades the strike out over a few ms (it must have left its bank). */
void cue_strike_fade_out(CueStrike* s, double rate);

/* Adds n samples of it to out; tick_at as for cue_voice_render. */
void cue_strike_render(CueStrike* s, float* out, uint32_t n, uint32_t tick_at);

/* Takes its part out of its bank, if it rings there, and forgets the bank. */
void cue_strike_leave(CueStrike* s);

static inline bool
cue_strike_active(const CueStrike* s)
{
	return s->phase != CUE_STRIKE_ENDED;
}

/* At full level: neither rising nor fading. */
static inline bool
cue_strike_steady(const CueStrike* s)
{
	return s->phase >= CUE_STRIKE_STEADY && s->phase <= CUE_STRIKE_IN_BANK;
}

/* Its ticks may fall on the caller's grid, and so it may ring in a bank:
 * partials with no glide (timed from the trigger) and no sample. */
static inline bool
cue_strike_on_grid(const CueStrike* s)
{
	return !(s->parts & (CUE_PARTS_GLIDE | CUE_PARTS_SAMPLE));
}

#endif
