/* SPDX-License-Identifier: ISC */
/* A cue voice (mono): the strike of a cue sound sounding now, and the one
 * it cut short, fading out.  The engine keeps a small pool of these and
 * places each in space; this module only makes sound.
 *
 * The sounds are made from recipes (cue_recipes.h); a strike is partials,
 * noise, a glide or a user sample, a tick at a time on a grid counted from
 * the trigger or the caller's (cue_strike.h), so the output does not
 * depend on how the host chunks its blocks.
 *
 * Strikes of one sound that go to one place can ring in one shared bank
 * (cue_bank.h): once its attack is over, a strike adds its partials into
 * the bank and the bank computes them all at once.  A strike cut short by
 * a retrigger takes its own part back out (computed in closed form) and
 * fades out alone, so the sum is what separate strikes would make. */
#ifndef SOMASCAPE_CUE_VOICE_H
#define SOMASCAPE_CUE_VOICE_H

#include "cue_bank.h"
#include "cue_recipes.h"
#include "cue_sample.h"
#include "cue_strike.h"

#include <stdbool.h>
#include <stdint.h>

/* The last strike of synthesised sound set up from scratch, as it was
 * before it sounded, and what it was made of: a strike is a function of
 * these (and of the rate), so the next one like it is a copy (no libm,
 * no search for its end). */
typedef struct {
	CueStrike strike;
	CueSound sound;
	double pitch_hz, decay_s, gain;
	bool valid;
} CueStrikeMade;

typedef struct {
	double rate;
	CueStrike now;                /* the last strike, or the one cut short if it outlasts it */
	CueStrike fading;             /* the previous strike, faded out on retrigger */
	const CueSample* user_sample; /* what CUE_USER_SAMPLE plays; NULL: none */
	CueStrikeMade made;
} CueVoice;

void cue_voice_init(CueVoice* v, double sample_rate);

/* Starts a strike at the next rendered sample.  gain is linear and applied on
 * top of the sound's own loudness matching.  Safe (click-free) on a voice
 * that is still sounding: the old strike fades out over a few ms.  With a
 * bank (else NULL), the strike rings in it from the first grid point after
 * its attack, if it can (the same partials as the strikes there, no glide,
 * no sample): the voice must then be rendered in step with the bank, to
 * the same place. */
void cue_voice_trigger(CueVoice* v, CueBank* bank, CueSound sound, float pitch_hz, float decay_s,
                       float gain, uint32_t seed);

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
	return cue_strike_active(&v->now); /* the fading one never outlasts it */
}

/* Right after a trigger, the lowest frequency the new strike reaches: its
 * lowest partial (glide included) or noise band; 0 for a user sample,
 * whose content is not known. */
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

/* The voice was copied with the bank `from` that its strikes join or ring
 * in, and `to` is the copy of that bank: they now join or ring in `to`
 * (else they would take their parts out of, or add them to, a bank that
 * is not theirs). */
void cue_voice_move_bank(CueVoice* v, const CueBank* from, CueBank* to);

#endif
