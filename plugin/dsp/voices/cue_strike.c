/* SPDX-License-Identifier: ISC */
/* A strike's course, a tick at a time: its glide, its noise, its ramp,
 * joining and leaving its bank (cue_strike.h). */
#include "cue_strike.h"

#include "approx.h"
#include "cue_checks.h"
#include "simd.h"

#include <string.h>

/* The noise stops once its envelope is below -140 dB. */
static const float noise_floor = 1e-7f;

/* A 32-bit LCG: seeded, no global state, and short enough a dependency
 * chain not to be the bottleneck; the top bits are used. */
static inline float
noise_sample(uint32_t* state)
{
	*state = *state * 1664525u + 1013904223u;
	return (float)(int32_t)*state * (1.0f / 2147483648.0f);
}

/* New per-sample rotations for the glide's current position. */
static void
advance_glide(CueStrike* s)
{
	s->glide_pos *= s->glide_pos_per_tick;
	if (s->glide_pos < CUE_GLIDE_SETTLED) {
		s->glide_pos = 0.0f; /* settled: last update */
		s->parts &= ~(unsigned)CUE_PARTS_GLIDE;
	}
	for (uint32_t k = 0; k < s->partials.live; ++k) {
		float c, sn;
		approx_sincos_float(s->glide_theta[k] * s->glide_pos, &c, &sn);
		cue_partials_retune(&s->partials, k, s->settled_re[k] * c - s->settled_im[k] * sn,
		                    s->settled_re[k] * sn + s->settled_im[k] * c);
	}
}

static inline double
biquad_step(CueBiquad* f, double x)
{
	/* y1 enters last, so only one multiply-add is on the feedback path */
	const double y = f->b0 * (x - f->x2) - f->a2 * f->y2 - f->a1 * f->y1;
	f->x2 = f->x1;
	f->x1 = x;
	f->y2 = f->y1;
	f->y1 = y;
	return y;
}

/* Adds the noise to out[from, CUE_TICK). */
static void
render_noise(CueStrike* s, float* out, uint32_t from)
{
	/* copies in locals so the compiler keeps them in registers */
	uint32_t rng = s->rng;
	CueBiquad f0 = s->band[0], f1 = s->band[1];
	float slow = s->env_slow, fast = s->env_fast;
	const float slow_mul = s->env_slow_mul, fast_mul = s->env_fast_mul;
	for (uint32_t i = from; i < CUE_TICK; ++i) {
		const double x = biquad_step(&f1, biquad_step(&f0, noise_sample(&rng)));
		out[i] += (float)x * (slow - fast);
		slow *= slow_mul;
		fast *= fast_mul;
	}
	s->rng = rng;
	s->band[0] = f0;
	s->band[1] = f1;
	s->env_slow = slow;
	s->env_fast = fast < 1e-20f ? 0.0f : fast;
}

/* Computes the next tick into out, its samples from `from` on heard;
 * false if the strike has ended instead. */
static bool
strike_tick(CueStrike* s, float* out, uint32_t from)
{
	if (s->ticks > 0) {
		if (s->parts & CUE_PARTS_GLIDE && s->ticks % CUE_GLIDE_TICKS == 0) {
			advance_glide(s);
		}
		if (s->parts & CUE_PARTS_SAMPLE && !cue_sample_playing(&s->sample)) {
			s->phase = CUE_STRIKE_ENDED; /* the user sample has played */
			return false;
		}
	}
	if (s->phase == CUE_STRIKE_IN_BANK) {
		memset(out, 0, CUE_TICK * sizeof(float));
	} else {
		cue_partials_render(&s->partials, out, 1, false);
	}
	if (s->parts & CUE_PARTS_NOISE && s->env_slow < noise_floor) {
		s->parts &= ~(unsigned)CUE_PARTS_NOISE;
	}
	if (s->parts & CUE_PARTS_NOISE) {
		render_noise(s, out, from);
	}
	if (cue_sample_playing(&s->sample)) {
		cue_sample_render(&s->sample, out, CUE_TICK);
	}
	++s->ticks;
	return true;
}

/* out += tick: as emitting it would, so that whole ticks sound the same
 * as ticks handed out in pieces. */
static inline void
add_tick(float* restrict out, const float* restrict tick)
{
	for (uint32_t i = 0; i < CUE_TICK; ++i) {
		out[i] += tick[i];
	}
}

/* Hands out m samples of buf through the ramp (a smoothstep of a linear
 * ramp: no corner at either end). */
SIMD_CLONES static void
strike_emit(CueStrike* s, float* out, uint32_t m)
{
	const float* in = s->buf + s->buf_pos;
	s->buf_pos += m;
	if (cue_strike_steady(s)) {
		for (uint32_t i = 0; i < m; ++i) {
			out[i] += in[i];
		}
		return;
	}
	/* the ramp is a chain of sums, one sample after another; the rest
	 * runs on vectors */
	float ramps[CUE_TICK];
	float ramp = s->ramp;
	const float step = s->ramp_step;
	for (uint32_t i = 0; i < m; ++i) {
		/* clamped by comparisons: fminf and fmaxf are calls to libm */
		ramp += step;
		ramp = ramp < 0.0f ? 0.0f : ramp > 1.0f ? 1.0f : ramp;
		ramps[i] = ramp;
	}
	for (uint32_t i = 0; i < m; ++i) {
		const float r = ramps[i];
		out[i] += in[i] * (r * r * (3.0f - 2.0f * r));
	}
	s->ramp = ramp;
	if (ramp >= 1.0f && s->phase == CUE_STRIKE_RISING) { /* the attack is over */
		s->phase = s->bank ? CUE_STRIKE_JOINING : CUE_STRIKE_STEADY;
	}
	if (ramp <= 0.0f && s->phase == CUE_STRIKE_FADING) {
		s->phase = CUE_STRIKE_ENDED; /* faded out: the rest would be silence */
	}
}

/* The first render: the strike's ticks fall on the caller's grid (its
 * first tick starts before it, on the grid) or start at the trigger. */
static void
strike_begin(CueStrike* s, uint32_t tick_at)
{
	const uint32_t lead = cue_strike_on_grid(s) ? tick_at % CUE_TICK : 0;
	cue_partials_align(&s->partials, lead);
	s->phase = CUE_STRIKE_RISING;
	s->buf_pos = CUE_TICK;
	if (lead > 0) {
		strike_tick(s, s->buf, lead);
		s->buf_pos = lead;
	}
}

/* Joins the bank once the strike is steady and at the start of a tick
 * (cue_strike_render asks on the caller's grid points), if the bank is silent
 * or rings the same partials; the bank is then at the same sample
 * (rendered in step), and at the start of a tick too. */
static void
strike_join(CueStrike* s)
{
	CueBank* b = s->bank;
	if (s->phase != CUE_STRIKE_JOINING || s->buf_pos != CUE_TICK || s->partials.live == 0) {
		return;
	}
	CUE_CHECK(cue_strike_on_grid(s));
	if (!cue_bank_join(b, &s->partials, &s->joined_silences)) {
		s->bank = NULL; /* another sound rings there: it stays alone */
		s->phase = CUE_STRIKE_STEADY;
		return;
	}
	s->phase = CUE_STRIKE_IN_BANK;
	s->joined_at = b->partials.ticks;
}

/* Takes the strike's part back out of its bank: its partials are carried
 * on (in closed form) to the bank's sample, and the part of the bank's
 * current tick still to be heard is moved into the strike's. */
void
cue_strike_leave(CueStrike* s)
{
	CueBank* b = s->bank;
	s->bank = NULL;
	if (s->phase == CUE_STRIKE_JOINING) {
		s->phase = CUE_STRIKE_STEADY;
	}
	if (s->phase != CUE_STRIKE_IN_BANK) {
		return;
	}
	s->phase = CUE_STRIKE_STEADY;
	CuePartials* p = &s->partials;
	if (!cue_bank_active(b)) { /* everything there fell silent */
		memset(p->lane_re, 0, sizeof(p->lane_re));
		memset(p->lane_im, 0, sizeof(p->lane_im));
		p->live = 0;
		return;
	}
	/* in step with the bank since it joined */
	CUE_CHECK(s->buf_pos == b->buf_pos);
	const uint32_t ticks = b->partials.ticks - s->joined_at;
	if (b->buf_pos < CUE_TICK && ticks > 0) {
		float tick[CUE_TICK];
		cue_partials_advance(p, ticks - 1);
		cue_partials_render(p, tick, 1, false);
		if (!(s->parts & CUE_PARTS_NOISE)) { /* else buf holds its noise for this tick */
			memset(s->buf, 0, sizeof(s->buf));
		}
		for (uint32_t i = b->buf_pos; i < CUE_TICK; ++i) {
			b->buf[i] -= tick[i];
			s->buf[i] += tick[i];
		}
		s->buf_pos = b->buf_pos;
	} else {
		cue_partials_advance(p, ticks);
	}
	cue_bank_leave(b, p, s->joined_silences);
}

/* n samples of its course: whole ticks straight out, else through buf. */
static void
strike_course(CueStrike* s, float* out, uint32_t n)
{
	while (n > 0) {
		if (s->buf_pos == CUE_TICK) {
			if (n >= CUE_TICK && cue_strike_steady(s)) { /* whole ticks: straight out */
				if (s->phase != CUE_STRIKE_IN_BANK && s->parts == CUE_PARTS_PARTIALS) {
					/* partials alone, as they are: all at once */
					const uint32_t ticks = n / CUE_TICK;
					cue_partials_render(&s->partials, out, ticks, true);
					s->ticks += ticks;
					out += ticks * CUE_TICK;
					n -= ticks * CUE_TICK;
					continue;
				}
				float tick[CUE_TICK];
				if (!strike_tick(s, tick, 0)) {
					return;
				}
				add_tick(out, tick);
				out += CUE_TICK;
				n -= CUE_TICK;
				continue;
			}
			if (!strike_tick(s, s->buf, 0)) {
				return;
			}
			s->buf_pos = 0;
		}
		const uint32_t room = CUE_TICK - s->buf_pos;
		const uint32_t m = n < room ? n : room;
		strike_emit(s, out, m);
		out += m;
		n -= m;
	}
}

void
cue_strike_render(CueStrike* s, float* out, uint32_t n, uint32_t tick_at)
{
	if (s->phase == CUE_STRIKE_ENDED) {
		return;
	}
	if (s->phase == CUE_STRIKE_NOT_BEGUN) {
		strike_begin(s, tick_at);
	}
	/* it joins only on a render that starts on the caller's grid point
	 * 0: the caller starts one there however it chunks its time, so when
	 * it joins (and how its sound rounds from then on) does not depend on
	 * the chunking */
	if (s->bank && tick_at == 0) {
		strike_join(s);
	}
	bool ends = false; /* after these n (a user sample ends with it) */
	if (!(s->parts & CUE_PARTS_SAMPLE)) {
		if (s->remaining == 0) {
			s->phase = CUE_STRIKE_ENDED; /* it ended with the last call */
			return;
		}
		ends = n > s->remaining;
		n = ends ? s->remaining : n;
		s->remaining -= n;
	}
	if (s->phase == CUE_STRIKE_IN_BANK && !(s->parts & CUE_PARTS_NOISE)) {
		/* all of it is in the bank: only keep time */
		s->buf_pos = n == 0 ? s->buf_pos : (s->buf_pos + n - 1) % CUE_TICK + 1;
		s->phase = ends ? CUE_STRIKE_ENDED : s->phase;
		return;
	}
	strike_course(s, out, n);
	if (ends) {
		s->phase = CUE_STRIKE_ENDED;
	}
}
