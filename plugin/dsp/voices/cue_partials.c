/* SPDX-License-Identifier: ISC */
#include "cue_partials.h"

#include "simd.h"

#include <complex.h>
#include <math.h>
#include <string.h>

_Static_assert(CUE_TICK % CUE_LANES == 0, "a tick is whole groups of lanes");
_Static_assert(CUE_TICK <= 2 * CUE_LANES, "a lead wraps the lanes at most twice");

/* A partial's eight samples side by side. */
typedef Floats8 Lanes;
_Static_assert(sizeof(Lanes) == CUE_LANES * sizeof(float), "a lane a sample");

/* re + i im.  glibc's CMPLX needs GCC's __builtin_complex, which clang 14
 * lacks; re + im * I would make NaN of an infinite part.  C11 lays a
 * complex out as an array of its two parts. */
static inline double complex
complex_of(double re, double im)
{
	const double parts[2] = {re, im};
	double complex z;
	memcpy(&z, parts, sizeof(z));
	return z;
}

static double complex
step_of(const CuePartials* p, uint32_t k)
{
	return complex_of((double)p->step_re[k][0], (double)p->step_im[k][0]);
}

static void
set_step(CuePartials* p, uint32_t k, float re, float im)
{
	for (int j = 0; j < CUE_LANES; ++j) {
		p->step_re[k][j] = re;
		p->step_im[k][j] = im;
	}
}

void
cue_partials_start(CuePartials* p, double amplitude, double phase, double omega, double radius,
                   double floor)
{
	const uint32_t k = p->count++;
	/* lane j is the sample j on: z^j by products, in double */
	const double complex z = radius * complex_of(cos(omega), sin(omega));
	const double complex start = amplitude * complex_of(cos(phase), sin(phase));
	double complex turn = 1.0;
	for (int j = 0; j < CUE_LANES; ++j) {
		p->lane_re[k][j] = (float)creal(start * turn);
		p->lane_im[k][j] = (float)cimag(start * turn);
		turn *= z;
	}
	set_step(p, k, (float)creal(turn), (float)cimag(turn));
	/* samples until it is under the floor; cue_partials_align makes it
	 * a tick */
	const double samples = amplitude > floor ? ceil(log(floor / amplitude) / log(radius)) : 0.0;
	p->silent_at[k] = samples < 4e9 ? (uint32_t)samples : UINT32_MAX - CUE_TICK;
	p->live = p->count;
}

void
cue_partials_turn(CuePartials* p, float c, float s)
{
	for (uint32_t k = 0; k < p->count; ++k) {
		for (int j = 0; j < CUE_LANES; ++j) {
			const float re = p->lane_re[k][j], im = p->lane_im[k][j];
			p->lane_re[k][j] = re * c - im * s;
			p->lane_im[k][j] = re * s + im * c;
		}
	}
}

void
cue_partials_align(CuePartials* p, uint32_t lead)
{
	for (uint32_t k = 0; k < p->count; ++k) {
		p->silent_at[k] = (uint32_t)(((uint64_t)p->silent_at[k] + lead + CUE_TICK - 1) / CUE_TICK);
		if (lead == 0) {
			continue;
		}
		/* new lane j is the sample j - lead: an old lane, stepped back
		 * once or twice (by the inverse of the step) */
		const double complex back = 1.0 / step_of(p, k);
		float re[CUE_LANES], im[CUE_LANES];
		for (int j = 0; j < CUE_LANES; ++j) {
			int from = j - (int)lead;
			double complex v;
			if (from >= 0) {
				v = complex_of(p->lane_re[k][from], p->lane_im[k][from]);
			} else {
				double complex turn = back;
				for (from += CUE_LANES; from < 0; from += CUE_LANES) {
					turn *= back;
				}
				v = complex_of(p->lane_re[k][from], p->lane_im[k][from]) * turn;
			}
			re[j] = (float)creal(v);
			im[j] = (float)cimag(v);
		}
		memcpy(p->lane_re[k], re, sizeof(re));
		memcpy(p->lane_im[k], im, sizeof(im));
	}
}

/* Zeroes the partials at the end of the live ones that are silent from
 * the coming tick on (those before them keep turning, quietly). */
static void
drop_silent(CuePartials* p)
{
	while (p->live > 0 && p->silent_at[p->live - 1] <= p->ticks) {
		--p->live;
		memset(p->lane_re[p->live], 0, sizeof(p->lane_re[p->live]));
		memset(p->lane_im[p->live], 0, sizeof(p->lane_im[p->live]));
	}
}

enum {
	GROUPS_PER_TICK = CUE_TICK / CUE_LANES,
	BLOCK_TICKS = 4, /* ticks computed with the partials kept in registers */
};

/* Partial k's next `ticks` ticks: its lanes advance a group of eight
 * samples at a time, their sine parts summed into sum (or, for the first
 * partial, making it).  ticks is a constant in each caller below, so the
 * sums stay in registers. */
static inline __attribute__((always_inline)) void
render_partial(CuePartials* p, uint32_t k, Lanes* sum, const uint32_t ticks, const bool first)
{
	Lanes re, im, step_re, step_im;
	floats8_load(&re, p->lane_re[k]);
	floats8_load(&im, p->lane_im[k]);
	floats8_load(&step_re, p->step_re[k]);
	floats8_load(&step_im, p->step_im[k]);
#pragma GCC unroll 8
	for (uint32_t q = 0; q < ticks * GROUPS_PER_TICK; ++q) {
		sum[q] = first ? im : sum[q] + im;
		const Lanes next_re = re * step_re - im * step_im;
		im = re * step_im + im * step_re;
		re = next_re;
	}
	floats8_store(p->lane_re[k], &re);
	floats8_store(p->lane_im[k], &im);
}

/* `ticks` ticks of the live partials, their sine parts summed in a fixed
 * order. */
static inline __attribute__((always_inline)) void
render_block(CuePartials* p, float* out, const uint32_t ticks, const bool add)
{
	Lanes sum[BLOCK_TICKS * GROUPS_PER_TICK];
	const uint32_t live = p->live;
	if (live > 0) {
		render_partial(p, 0, sum, ticks, true);
	} else {
#pragma GCC unroll 8
		for (uint32_t q = 0; q < ticks * GROUPS_PER_TICK; ++q) {
			sum[q] = (Lanes){0.0f};
		}
	}
	for (uint32_t k = 1; k < live; ++k) {
		render_partial(p, k, sum, ticks, false);
	}
#pragma GCC unroll 8
	for (uint32_t q = 0; q < ticks * GROUPS_PER_TICK; ++q) {
		if (add) {
			Lanes before;
			floats8_load(&before, out + q * CUE_LANES);
			sum[q] = before + sum[q];
		}
		floats8_store(out + q * CUE_LANES, &sum[q]);
	}
	p->ticks += ticks;
}

/* Cloned, so static (simd.h): cue_partials_render() calls it. */
SIMD_CLONES static void
render_partials(CuePartials* p, float* out, uint32_t ticks, bool add)
{
	while (ticks > 0) {
		drop_silent(p);
		/* a block ends where the last live partial falls silent */
		uint32_t m = ticks < BLOCK_TICKS ? ticks : BLOCK_TICKS;
		if (p->live > 0 && p->silent_at[p->live - 1] - p->ticks < m) {
			m = p->silent_at[p->live - 1] - p->ticks;
		}
		if (m == BLOCK_TICKS) { /* the common case first */
			add ? render_block(p, out, BLOCK_TICKS, true)
			    : render_block(p, out, BLOCK_TICKS, false);
		} else if (m == 1) {
			add ? render_block(p, out, 1, true) : render_block(p, out, 1, false);
		} else if (m == 2) {
			add ? render_block(p, out, 2, true) : render_block(p, out, 2, false);
		} else {
			add ? render_block(p, out, 3, true) : render_block(p, out, 3, false);
		}
		out += m * CUE_TICK;
		ticks -= m;
	}
}

void
cue_partials_render(CuePartials* p, float* out, uint32_t ticks, bool add)
{
	render_partials(p, out, ticks, add);
}

void
cue_partials_render_plain(CuePartials* p, float* out, uint32_t ticks, bool add)
{
	for (uint32_t t = 0; t < ticks; ++t, out += CUE_TICK) {
		drop_silent(p);
		/* sample i of the tick is lane i % CUE_LANES of group i / CUE_LANES */
		for (uint32_t i = 0; i < CUE_TICK; ++i) {
			const uint32_t j = i % CUE_LANES;
			float sum = 0.0f;
			for (uint32_t k = 0; k < p->live; ++k) {
				sum = k == 0 ? p->lane_im[k][j] : sum + p->lane_im[k][j];
			}
			out[i] = add ? out[i] + sum : sum;
			if (j < CUE_LANES - 1) {
				continue;
			}
			/* a group done: every lane turns by its step (eight samples) */
			for (uint32_t k = 0; k < p->live; ++k) {
				for (uint32_t l = 0; l < CUE_LANES; ++l) {
					const float re = p->lane_re[k][l], im = p->lane_im[k][l];
					p->lane_re[k][l] = re * p->step_re[k][l] - im * p->step_im[k][l];
					p->lane_im[k][l] = re * p->step_im[k][l] + im * p->step_re[k][l];
				}
			}
		}
		++p->ticks;
	}
}

void
cue_partials_retune(CuePartials* p, uint32_t k, float r1, float i1)
{
	/* lane j from lane 0 by the rotation to the j-th power */
	const float zr = p->lane_re[k][0], zi = p->lane_im[k][0];
	float pr = r1, pi = i1;
	for (int j = 1; j < CUE_LANES; ++j) {
		p->lane_re[k][j] = zr * pr - zi * pi;
		p->lane_im[k][j] = zr * pi + zi * pr;
		const float next = pr * r1 - pi * i1;
		pi = pr * i1 + pi * r1;
		pr = next;
	}
	set_step(p, k, pr, pi);
}

/* Partial k's step to the power of `ticks` ticks, by squaring, in double:
 * as its lanes would turn, without their rounding. */
static double complex
ticks_turn(const CuePartials* p, uint32_t k, uint32_t ticks)
{
	double complex turn = 1.0, power = step_of(p, k);
	for (uint32_t e = ticks * GROUPS_PER_TICK; e > 0; e >>= 1) {
		if (e & 1u) {
			turn *= power;
		}
		power *= power;
	}
	return turn;
}

void
cue_partials_advance(CuePartials* p, uint32_t ticks)
{
	for (uint32_t k = 0; k < p->live; ++k) {
		const double complex turn = ticks_turn(p, k, ticks);
		for (int j = 0; j < CUE_LANES; ++j) {
			const double complex v = complex_of(p->lane_re[k][j], p->lane_im[k][j]) * turn;
			p->lane_re[k][j] = (float)creal(v);
			p->lane_im[k][j] = (float)cimag(v);
		}
	}
	p->ticks += ticks;
}

bool
cue_partials_same_steps(const CuePartials* a, const CuePartials* b)
{
	return a->count == b->count &&
	       !memcmp(a->step_re, b->step_re, a->count * sizeof(a->step_re[0])) &&
	       !memcmp(a->step_im, b->step_im, a->count * sizeof(a->step_im[0]));
}

void
cue_partials_hold(CueExactSum* x, const CuePartials* p)
{
	for (int k = 0; k < CUE_MAX_PARTIALS; ++k) {
		for (int j = 0; j < CUE_LANES; ++j) {
			x->re[k][j] = p->lane_re[k][j];
			x->im[k][j] = p->lane_im[k][j];
		}
	}
	x->ticks = p->ticks;
}

void
cue_partials_mix(CuePartials* a, CueExactSum* x, const CuePartials* b, double sign)
{
	/* the exact sum carried on to now; a's dropped partials are zero */
	for (uint32_t k = 0; k < CUE_MAX_PARTIALS; ++k) {
		const double complex turn = k < a->live ? ticks_turn(a, k, a->ticks - x->ticks) : 0.0;
		for (int j = 0; j < CUE_LANES; ++j) {
			const double complex v = complex_of(x->re[k][j], x->im[k][j]) * turn;
			x->re[k][j] = creal(v);
			x->im[k][j] = cimag(v);
		}
	}
	x->ticks = a->ticks;
	for (uint32_t k = 0; k < b->live; ++k) {
		for (int j = 0; j < CUE_LANES; ++j) {
			x->re[k][j] += sign * b->lane_re[k][j];
			x->im[k][j] += sign * b->lane_im[k][j];
		}
		/* b's silent tick counted on a's ticks */
		const int64_t remaining = (int64_t)b->silent_at[k] - b->ticks;
		const uint32_t at = remaining > 0 ? a->ticks + (uint32_t)remaining : a->ticks;
		a->silent_at[k] = k >= a->live || at > a->silent_at[k] ? at : a->silent_at[k];
	}
	a->live = b->live > a->live ? b->live : a->live;
	for (uint32_t k = 0; k < a->live; ++k) {
		for (int j = 0; j < CUE_LANES; ++j) {
			a->lane_re[k][j] = (float)x->re[k][j];
			a->lane_im[k][j] = (float)x->im[k][j];
		}
	}
}

/* Total power at the start of tick n: sum of power[k] * decay[k]^n. */
static double
power_at(const double* power, const double* log_decay, uint32_t count, double n)
{
	double sum = 0.0;
	for (uint32_t k = 0; k < count; ++k) {
		sum += power[k] * exp(n * log_decay[k]);
	}
	return sum;
}

uint32_t
cue_partials_end_tick(const CuePartials* p, double power, double extra_power, double extra_decay)
{
	double start[CUE_MAX_PARTIALS + 1], log_decay[CUE_MAX_PARTIALS + 1];
	uint32_t terms = 0;
	for (uint32_t k = 0; k < p->count; ++k) {
		const double re = p->lane_re[k][0], im = p->lane_im[k][0];
		const double g = (double)p->step_re[k][0] * p->step_re[k][0] +
		                 (double)p->step_im[k][0] * p->step_im[k][0];
		start[terms] = re * re + im * im;
		/* power falls by |step|^2 a group, two groups a tick */
		log_decay[terms] = 2.0 * log(g);
		terms += start[terms] > 0.0 && log_decay[terms] < 0.0;
	}
	if (extra_power > 0.0 && extra_decay < 1.0) {
		start[terms] = extra_power;
		log_decay[terms] = log(extra_decay);
		++terms;
	}
	/* the answer lies between the tick where the loudest term alone is
	 * under `power` and the tick where every term is under power / terms */
	double lo = 1.0, hi = 1.0;
	for (uint32_t k = 0; k < terms; ++k) {
		lo = fmax(lo, ceil(log(power / start[k]) / log_decay[k]));
		hi = fmax(hi, ceil(log(power / (terms * start[k])) / log_decay[k]));
	}
	if (power_at(start, log_decay, terms, lo) < power) {
		hi = lo;
	}
	while (hi - lo > 1.0) { /* power_at(lo) >= power > power_at(hi) */
		const double mid = floor(0.5 * (lo + hi));
		if (power_at(start, log_decay, terms, mid) < power) {
			hi = mid;
		} else {
			lo = mid;
		}
	}
	return hi < 4e9 / CUE_TICK ? (uint32_t)hi : UINT32_MAX / CUE_TICK;
}
