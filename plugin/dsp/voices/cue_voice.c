/* SPDX-License-Identifier: ISC */
/* A voice: the strike sounding now and the one it cut short, fading. */
#include "cue_voice.h"

#include <math.h>
#include <stddef.h>

/* The common cases cue_voice_render takes for whole ticks without the
 * strike's whole course, read from its state (each test one comparison
 * of one word, cue_strike.h), so that they cost a test or two. */

/* Steady, alone for good, partials alone, at the start of a tick: its
 * partials are all there is to compute. */
static inline bool
strike_plain(const CueStrike* s)
{
	return s->phase == CUE_STRIKE_STEADY && s->parts == CUE_PARTS_PARTIALS &&
	       s->buf_pos == CUE_TICK;
}

/* All of it rings in its bank: it only keeps time (which keeps buf_pos
 * for whole ticks). */
static inline bool
strike_all_in_bank(const CueStrike* s)
{
	return s->phase == CUE_STRIKE_IN_BANK && s->parts == CUE_PARTS_PARTIALS;
}

/* The strike cut short may outlast the one that cut it: it is then the
 * one sounding now, so that whether the voice sounds is one test
 * (cue_voice_active).  The order in which they add to the output is kept:
 * the ended one adds nothing. */
static void
voice_settle(CueVoice* v)
{
	if (!cue_strike_active(&v->now) && cue_strike_active(&v->fading)) {
		const CueStrike ended = v->now;
		v->now = v->fading;
		v->fading = ended;
	}
}

void
cue_voice_init(CueVoice* v, double sample_rate)
{
	*v = (CueVoice){.rate = sample_rate};
}

/* Each strike's partials start at the phases that leave no net area
 * (cue_onset.h), with a sign of its own: the top bit of seed^2 times the
 * golden ratio (of 2^32).  The engine gives one strike after another
 * consecutive seeds, and the signs then fall evenly, also from one strike
 * to the next: long strikes that overlap add in power, not in phase, so
 * their loudness does not hang on whether the pitch fits the strikes'
 * spacing. */
static void
strike_sign(CueStrike* s, uint32_t seed)
{
	if ((seed * seed * 2654435769u) >> 31) {
		cue_partials_turn(&s->partials, -1.0f, 0.0f);
	}
}

/* Sets up the new strike: a copy of the last one made, if it is the same
 * (a user sample's is started afresh: its sample may have changed). */
static void
strike_make(CueVoice* v, CueSound sound, double pitch_hz, double decay_s, double gain)
{
	if (sound == CUE_USER_SAMPLE && v->user_sample) {
		cue_strike_start(&v->now, sound, v->user_sample, pitch_hz, decay_s, gain, v->rate);
		return;
	}
	CueStrikeMade* m = &v->made;
	if (!m->valid || m->sound != sound || m->pitch_hz != pitch_hz || m->decay_s != decay_s ||
	    m->gain != gain) {
		cue_strike_start(&m->strike, sound, NULL, pitch_hz, decay_s, gain, v->rate);
		m->sound = sound;
		m->pitch_hz = pitch_hz;
		m->decay_s = decay_s;
		m->gain = gain;
		m->valid = true;
	}
	v->now = m->strike;
}

void
cue_voice_trigger(CueVoice* v, CueBank* bank, CueSound sound, float pitch_hz, float decay_s,
                  float gain, uint32_t seed)
{
	if (cue_strike_active(&v->now)) {
		/* a fade still running is cut: it is nearly silent by now */
		cue_strike_leave(&v->now);
		v->fading = v->now;
		cue_strike_fade_out(&v->fading, v->rate);
	}
	const double pitch = isfinite(pitch_hz) ? fmin(fmax(pitch_hz, 20.0f), 20000.0f) : 330.0;
	const double decay = isfinite(decay_s) ? fmin(fmax(decay_s, 0.005f), 30.0f) : 0.4;
	const double level = isfinite(gain) ? fmax(gain, 0.0f) : 0.0;
	strike_make(v, sound, pitch, decay, level);
	v->now.rng = seed;
	strike_sign(&v->now, seed);
	if (cue_strike_on_grid(&v->now)) {
		v->now.bank = bank; /* no glide, no sample: it can ring there */
	}
}

/* Both strikes, in full (cue_voice_render takes the common cases). */
static __attribute__((noinline)) void
voice_render_strikes(CueVoice* v, float* out, uint32_t n, uint32_t tick_at)
{
	cue_strike_render(&v->fading, out, n, tick_at);
	cue_strike_render(&v->now, out, n, tick_at);
	voice_settle(v);
}

void
cue_voice_render(CueVoice* v, float* out, uint32_t n, uint32_t tick_at)
{
	/* a voice that has ended takes the long way: its strikes return at
	 * once (callers ask cue_voice_active first) */
	CueStrike* s = &v->now;
	if (!cue_strike_active(&v->fading) && n % CUE_TICK == 0 && s->remaining > n) {
		/* a strike in mid-course, alone in the voice */
		if (strike_plain(s)) {
			s->remaining -= n;
			s->ticks += n / CUE_TICK;
			cue_partials_render(&s->partials, out, n / CUE_TICK, true);
			return;
		}
		if (strike_all_in_bank(s)) {
			s->remaining -= n;
			return;
		}
	}
	voice_render_strikes(v, out, n, tick_at);
}

void
cue_voice_stop(CueVoice* v)
{
	if (cue_strike_active(&v->now)) {
		cue_strike_leave(&v->now);
	}
	v->now.phase = CUE_STRIKE_ENDED;
	v->fading.phase = CUE_STRIKE_ENDED;
}

void
cue_voice_set_sample(CueVoice* v, const CueSample* sample)
{
	v->user_sample = sample;
	CueStrike* strikes[2] = {&v->now, &v->fading};
	for (int i = 0; i < 2; ++i) {
		const CueSample* playing = strikes[i]->sample.sample;
		if (cue_strike_active(strikes[i]) && strikes[i]->phase != CUE_STRIKE_FADING && playing &&
		    playing != sample) {
			cue_strike_fade_out(strikes[i], v->rate);
		}
	}
	voice_settle(v); /* a strike not begun ends at once */
}

bool
cue_voice_uses_sample(const CueVoice* v, const CueSample* sample)
{
	return sample && ((cue_strike_active(&v->now) && v->now.sample.sample == sample) ||
	                  (cue_strike_active(&v->fading) && v->fading.sample.sample == sample));
}

void
cue_voice_move_bank(CueVoice* v, const CueBank* from, CueBank* to)
{
	CueStrike* strikes[2] = {&v->now, &v->fading};
	for (int i = 0; i < 2; ++i) {
		if (strikes[i]->bank == from) {
			strikes[i]->bank = to;
		}
	}
}
