/* SPDX-License-Identifier: ISC */
/* One strike of a synthesised cue sound (mono).  The engine keeps a small
 * pool of these and places each in space; this module only makes sound.
 *
 * A strike is a bank of up to CUE_MAX_PARTIALS decaying sinusoids
 * (cue_partials.h) plus an optional band-passed noise burst.  Coefficients
 * are computed at trigger time; only glides update them, every
 * CUE_GLIDE_TICKS ticks of CUE_TICK samples counted from the trigger, so
 * the output does not depend on how the host chunks its blocks.
 *
 * Strikes of one sound that go to one place can ring in one shared bank
 * (CueBank): once its attack is over, a strike adds its partials into the
 * bank and the bank computes them all at once.  A strike cut short by a
 * retrigger takes its own part back out (computed in closed form) and
 * fades out alone, so the sum is what separate strikes would make. */
#ifndef SOMASCAPE_CUE_VOICE_H
#define SOMASCAPE_CUE_VOICE_H

#include "cue_partials.h"
#include "cue_sample.h"

#include <stdbool.h>
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

enum {
	CUE_GLIDE_TICKS = 2, /* glides update every 2 ticks (32 samples) */
};

/* Highest partial frequency ever generated, as a fraction of the rate. */
#define CUE_MAX_PARTIAL_FRACTION 0.45

/* Band-pass biquad (direct form I, in double so it stays exact enough at
 * 384 kHz; the one multiply on its feedback path keeps it fast). */
typedef struct {
	double b0, a1, a2; /* b1 = 0, b2 = -b0 for a band-pass */
	double x1, x2, y1, y2;
} CueBiquad;

/* Strikes that ring together: one bank of partials for all of them, and
 * the tick it is in the middle of (rendered on the same grid as they). */
typedef struct {
	CuePartials partials;
	CueExactSum exact; /* what partials holds, without its rounding */
	float       buf[CUE_TICK];
	uint32_t    buf_pos; /* next sample of buf to hand out */
} CueBank;

/* One strike: what is sounding now, or the old one fading out.  It is
 * computed a tick (CUE_TICK samples) at a time, straight into the output
 * when a whole tick is asked for, else into buf, which render then hands
 * out, so the sound never depends on the host's block size. */
typedef struct {
	/* its partials; while it rings in a bank, as they were when it
	 * joined (to take its part back out) */
	CuePartials partials;
	CueBank*    bank;      /* the bank it may join, or rings in; NULL: alone */
	bool        joined;    /* its partials are in the bank */
	uint32_t    joined_at; /* the bank's ticks when it joined */
	bool        on_grid;   /* ticks fall on the caller's grid, not the trigger */

	/* pitch glide: per-sample rotation of partial k is
	 * settled_k * exp(i * glide_theta_k * glide_pos) */
	float settled_re[CUE_MAX_PARTIALS], settled_im[CUE_MAX_PARTIALS];
	float glide_theta[CUE_MAX_PARTIALS];
	float glide_pos, glide_pos_per_tick;
	bool  gliding;

	/* noise burst: white noise -> two band-passes -> envelope */
	bool      has_noise;
	uint32_t  rng;
	CueBiquad band[2];
	float    env_slow, env_fast; /* envelope = env_slow - env_fast */
	float    env_slow_mul, env_fast_mul;

	/* whole-strike ramp applied on output: attack, or the fade of a
	 * strike cut short by a retrigger; no step once steady at 1 */
	float ramp, ramp_step;

	float    buf[CUE_TICK]; /* the current tick, before the ramp */
	uint32_t buf_pos;       /* next sample of buf to hand out (past the
	                         * end before the first render) */
	uint32_t ticks;         /* ticks computed since the first */
	uint32_t left;          /* samples until it ends, 100 dB down
	                         * (UINT32_MAX: a user sample's, with it) */
	bool     active;
	float    lowest_hz; /* its lowest partial or noise band; 0: a user sample's */

	CueSamplePlay sample; /* a user sample's strike (then no partials) */
} CueStrike;

/* The last strike of synthesised sound set up from scratch, as it was
 * before it sounded, and what it was made of: a strike is a function of
 * these (and of the rate), so the next one like it is a copy (no libm,
 * no search for its end). */
typedef struct {
	CueStrike strike;
	CueSound  sound;
	double    pitch_hz, decay_s, gain;
	bool      valid;
} CueStrikeMade;

/* What cue_voice_render may do for whole ticks without looking further:
 * set after every change of the strikes, so that the common cases cost a
 * test or two. */
typedef enum {
	CUE_VOICE_IN_FULL, /* anything else: strike_render's whole course */
	CUE_VOICE_IN_BANK, /* a steady strike that rings in its bank: keep time */
	CUE_VOICE_PLAIN,   /* a steady strike of partials alone: compute them */
} CueVoiceShortcut;

typedef struct {
	double    rate;
	CueStrike now;
	CueStrike fading; /* the previous strike, faded out on retrigger */
	bool      active;
	const CueSample* user_sample; /* what CUE_USER_SAMPLE plays; NULL: none */
	CueStrikeMade    made;
	CueVoiceShortcut shortcut;
} CueVoice;

void cue_voice_init(CueVoice* v, double sample_rate);

/* How long a strike of `sound` at `decay_s` rings: the t60 (seconds to
 * fall 60 dB) of its longest-ringing part. */
double cue_voice_ring_s(CueSound sound, double decay_s);

/* Starts a strike at the next rendered sample.  gain is linear and applied on
 * top of the sound's own loudness matching.  Safe (click-free) on a voice
 * that is still sounding: the old strike fades out over a few ms.  With a
 * bank (else NULL), the strike rings in it from the first grid point after
 * its attack, if it can (the same partials as the strikes there, no glide,
 * no sample): the voice must then be rendered in step with the bank, to
 * the same place. */
void cue_voice_trigger(CueVoice* v, CueBank* bank, CueSound sound, float pitch_hz,
                       float decay_s, float gain, uint32_t seed);

/* Adds n samples of the voice to out.  tick_at is where out[0] falls on
 * the caller's grid (steps of a multiple of CUE_TICK samples, anchored to
 * its time; 0 if it has none): ticks fall on it, so that chunks of whole
 * ticks go straight to out, and a strike joins its bank only on a render
 * that starts at 0 on it.  A caller that starts a render on every grid
 * point, whatever its chunks, hears the same samples for any chunking. */
void cue_voice_render(CueVoice* v, float* out, uint32_t n, uint32_t tick_at);

static inline bool
cue_voice_active(const CueVoice* v)
{
	return v->active;
}

/* The lowest frequency the last strike reaches: its lowest partial (glide
 * included) or noise band; 0 for a user sample, whose content is not
 * known. */
static inline float
cue_voice_lowest_hz(const CueVoice* v)
{
	return v->now.lowest_hz;
}

/* Stops at once (no sound is playing after this, in the bank neither). */
void cue_voice_stop(CueVoice* v);

/* The sample CUE_USER_SAMPLE plays from the next trigger on (NULL: the soft
 * sine).  Strikes still playing another sample fade out over a few ms, after
 * which cue_voice_uses_sample() is false for it and it may be freed. */
void cue_voice_set_sample(CueVoice* v, const CueSample* sample);

/* Whether a strike still reads `sample`. */
bool cue_voice_uses_sample(const CueVoice* v, const CueSample* sample);

void cue_bank_init(CueBank* b);

static inline bool
cue_bank_active(const CueBank* b)
{
	return b->partials.live > 0 || b->buf_pos < CUE_TICK;
}

/* Adds n samples of the strikes ringing in the bank to out: after their
 * voices, for the same samples. */
void cue_bank_render(CueBank* b, float* out, uint32_t n);

#endif
