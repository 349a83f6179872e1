/* SPDX-License-Identifier: ISC */
/* A bank of decaying sinusoids: complex rotators with the decay folded into
 * the rotation, computed a tick of CUE_TICK samples at a time.  Each
 * partial advances eight consecutive samples side by side (lanes): eight
 * independent chains, no horizontal sums, a fixed summing order.
 *
 * Rotators that turn by the same step sum into one: a bank can hold the
 * sum of several strikes of one sound, each added in with its own state
 * (cue_bank.h), and the cost no longer depends on how many overlap.
 *
 * When a partial falls silent is known when it is set up: the live
 * partials are the first ones, and the last is dropped (zeroed, no longer
 * computed) from tick silent_at[k] on, so that it never depends on how the
 * output is chunked (one before it that fell silent first turns on,
 * quietly, until it is the last). */
#ifndef SOMASCAPE_CUE_PARTIALS_H
#define SOMASCAPE_CUE_PARTIALS_H

#include <stdbool.h>
#include <stdint.h>

enum {
	CUE_MAX_PARTIALS = 8,
	CUE_LANES = 8, /* samples a partial advances at once */
	CUE_TICK = 16, /* samples computed at once */
};

typedef struct {
	/* partial k at samples t..t+7 of the next group of eight: the
	 * amplitude lives in the phasor; step is the rotation by eight samples
	 * with the decay folded in, the same in every lane (so that a multiply
	 * reads it as it is) */
	float lane_re[CUE_MAX_PARTIALS][CUE_LANES], lane_im[CUE_MAX_PARTIALS][CUE_LANES];
	float step_re[CUE_MAX_PARTIALS][CUE_LANES], step_im[CUE_MAX_PARTIALS][CUE_LANES];
	uint32_t count;                       /* partials set up */
	uint32_t live;                        /* [0, live) are computed; the rest are zero */
	uint32_t ticks;                       /* ticks computed */
	uint32_t silent_at[CUE_MAX_PARTIALS]; /* tick from which partial k is dropped */
} CuePartials;

/* Partial k (the next one: k == p->count) starts at amplitude `amplitude`
 * and `phase` (0: sine phase), turning by radius * exp(i omega) a sample;
 * it is dropped once its amplitude falls under `floor`.  In double, once
 * per strike. */
void cue_partials_start(CuePartials* p, double amplitude, double phase, double omega, double radius,
                        double floor);

/* Turns every partial's phase by the angle whose cosine and sine are c
 * and s. */
void cue_partials_turn(CuePartials* p, float c, float s);

/* Readies started partials to be computed from `lead` (< CUE_TICK)
 * samples before their start: the lanes hold the rotation extrapolated
 * back, so that ticks can fall on the caller's grid (the samples before
 * the true start are never heard). */
void cue_partials_align(CuePartials* p, uint32_t lead);

/* Computes the next `ticks` ticks into out (CUE_TICK samples each),
 * dropping partials as they fall silent, or adds them to out when `add`
 * (each sample summed first: the same rounding as adding ticks computed
 * apart). */
void cue_partials_render(CuePartials* p, float* out, uint32_t ticks, bool add);

/* The same, a sample at a time: the plain reference of the kernel above
 * (the same rotations and sums, in the same order, so the same samples
 * bit for bit); for the tests. */
void cue_partials_render_plain(CuePartials* p, float* out, uint32_t ticks, bool add);

/* New per-sample rotation re + i im for partial k from here on (a glide):
 * the lanes are rebuilt from lane 0, which is the state at this sample. */
void cue_partials_retune(CuePartials* p, uint32_t k, float re, float im);

/* The state `ticks` ticks on, in closed form (no ticks are computed). */
void cue_partials_advance(CuePartials* p, uint32_t ticks);

/* Whether b's partials turn exactly as a's, so that they can sum. */
bool cue_partials_same_steps(const CuePartials* a, const CuePartials* b);

/* What a bank's partials hold, exactly: the sum of what was added in and
 * taken out, in double, carried on to tick `ticks`.  The float partials
 * are set from it at each change, so that their rounding never builds up
 * (nor outlives a strike taken out). */
typedef struct {
	double re[CUE_MAX_PARTIALS][CUE_LANES], im[CUE_MAX_PARTIALS][CUE_LANES];
	uint32_t ticks;
} CueExactSum;

/* x holds p as it is. */
void cue_partials_hold(CueExactSum* x, const CuePartials* p);

/* Adds b into a (sign +1) or takes it out (sign -1) through x, what a
 * holds exactly; a and b are at the same sample and turn the same way.  a
 * keeps every partial that either still computes, for as long as either
 * would. */
void cue_partials_mix(CuePartials* a, CueExactSum* x, const CuePartials* b, double sign);

/* The first tick (>= 1) at whose start the partials' total power is below
 * `power`, with `extra` (power extra_power, falling by extra_decay a
 * tick) added: where a strike ends.  In double, once per strike. */
uint32_t cue_partials_end_tick(const CuePartials* p, double power, double extra_power,
                               double extra_decay);

#endif
