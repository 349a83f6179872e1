/* SPDX-License-Identifier: ISC */
/* Every home-made sin, cos and exp, on the short ranges where they are
 * used instead of libm: a few dozen instructions inline where libm costs
 * a call and as much again, and the same on every machine (libm picks
 * its code by CPU).  Each states its range and its error there, checked
 * against libm by tests/unit/test_approx.c.
 *   approx_sin, approx_cos                    |x| <= pi/2     5e-14
 *   approx_cos_turns (cos 2 pi c)             0 <= c < 1      5e-14
 *   approx_exp                                |x| <= 1.2      4e-11 relative
 *   approx_cos_small, approx_sin_small        |x| < 0.1       double precision
 *   approx_cos_tiny, approx_sin_tiny          |x| <= 0.003    4e-12, 3e-15
 *   approx_exp2_small (float)                 0 <= x < 8      2e-4 relative
 *   approx_sincos_float (float)               |x| <= pi/2     float precision
 * Changing one changes the sound: the arithmetic is part of what every
 * render is compared against. */
#ifndef SOMASCAPE_APPROX_H
#define SOMASCAPE_APPROX_H

#include <math.h>
#include <stdint.h>

/* c[0] + c[1] y + ... + c[count - 1] y^(count - 1), from the highest
 * term down (Horner): unrolled where c is a constant table. */
static inline __attribute__((always_inline)) double
horner(const double* c, int count, double y)
{
	double p = c[count - 1];
	for (int k = count - 2; k >= 0; --k) {
		p = p * y + c[k];
	}
	return p;
}

/* sin x for |x| <= pi/2 (terms to x^17: within 5e-14). */
static inline double
approx_sin(double x)
{
	static const double tail[] = {
	    -1.0 / 6.0,        1.0 / 120.0,        -1.0 / 5040.0,          1.0 / 362880.0,
	    -1.0 / 39916800.0, 1.0 / 6227020800.0, -1.0 / 1307674368000.0, 1.0 / 355687428096000.0,
	};
	const double x2 = x * x;
	return x + x * x2 * horner(tail, (int)(sizeof(tail) / sizeof(tail[0])), x2);
}

/* cos x for |x| <= pi/2 (terms to x^18: within 4e-15). */
static inline double
approx_cos(double x)
{
	static const double tail[] = {
	    -0.5,
	    1.0 / 24.0,
	    -1.0 / 720.0,
	    1.0 / 40320.0,
	    -1.0 / 3628800.0,
	    1.0 / 479001600.0,
	    -1.0 / 87178291200.0,
	    1.0 / 20922789888000.0,
	    -1.0 / 6402373705728000.0,
	};
	const double x2 = x * x;
	return 1.0 + x2 * horner(tail, (int)(sizeof(tail) / sizeof(tail[0])), x2);
}

/* cos(2 pi c) for 0 <= c < 1: the quarter turn it lies in (exactly: 4 c
 * and its fraction are exact), then a polynomial on that quarter. */
static inline double
approx_cos_turns(double c)
{
	const double quarters = 4.0 * c;
	const int q = (int)quarters;
	const double x = (quarters - (double)q) * (M_PI / 2.0);
	switch (q & 3) {
	case 0:
		return approx_cos(x);
	case 1:
		return -approx_sin(x);
	case 2:
		return -approx_cos(x);
	default:
		return approx_sin(x);
	}
}

/* cos x and sin x for |x| < 0.1, to double precision (the first terms
 * left out are under 3e-17 and 3e-19): nested Taylor series to x^8 and
 * x^9, for the drone's small phasor steps (phasor_small). */
static inline double
approx_cos_small(double x)
{
	const double x2 = x * x;
	return 1.0 - x2 / 2.0 * (1.0 - x2 / 12.0 * (1.0 - x2 / 30.0 * (1.0 - x2 / 56.0)));
}

static inline double
approx_sin_small(double x)
{
	const double x2 = x * x;
	return x * (1.0 - x2 / 6.0 * (1.0 - x2 / 20.0 * (1.0 - x2 / 42.0 * (1.0 - x2 / 72.0))));
}

/* cos x and sin x for the tiny per-frame share of the drone's chorus,
 * |x| <= 0.003 (its depth, 0.0017, times the highest fundamental's
 * radians per frame): two terms each, within x^4 / 24 < 4e-12 and
 * x^5 / 120 < 3e-15. */
static inline double
approx_cos_tiny(double x)
{
	return 1.0 - 0.5 * x * x;
}

static inline double
approx_sin_tiny(double x)
{
	return x - x * x * x / 6.0;
}

/* 2^x for 0 <= x < 8 in float, within 2e-4 relatively (a third of a
 * cent): the whole octaves exactly, a cubic on the fraction.  For the
 * drone's pitches and gains on the grid. */
static inline float
approx_exp2_small(float x)
{
	const int whole = (int)x;
	const float f = x - (float)whole;
	const float frac = 1.0f + f * (0.6951786f + f * (0.2261487f + f * 0.0786727f));
	return (float)(1u << whole) * frac;
}

/* e^x for |x| <= 1.2 (terms to x^14: within 4e-11 of it, relatively). */
static inline double
approx_exp(double x)
{
	static const double tail[] = {
	    1.0,
	    0.5,
	    1.0 / 6.0,
	    1.0 / 24.0,
	    1.0 / 120.0,
	    1.0 / 720.0,
	    1.0 / 5040.0,
	    1.0 / 40320.0,
	    1.0 / 362880.0,
	    1.0 / 3628800.0,
	    1.0 / 39916800.0,
	    1.0 / 479001600.0,
	    1.0 / 6227020800.0,
	    1.0 / 87178291200.0,
	};
	return 1.0 + x * horner(tail, (int)(sizeof(tail) / sizeof(tail[0])), x);
}

/* cos and sin for |x| <= pi/2, to float precision, in float, for the cue
 * glides' updates.  Glide angles are omega * (from - to) <= 2 pi 0.45 *
 * |from - to| / max(from, to): about 1.06 rad at most in the recipes. */
static inline void
approx_sincos_float(float x, float* c, float* s)
{
	const float x2 = x * x;
	*s = x * (1.0f - x2 * (1.0f / 6.0f) *
	                     (1.0f - x2 * (1.0f / 20.0f) *
	                                 (1.0f - x2 * (1.0f / 42.0f) *
	                                             (1.0f - x2 * (1.0f / 72.0f) *
	                                                         (1.0f - x2 * (1.0f / 110.0f))))));
	*c = 1.0f -
	     x2 * 0.5f *
	         (1.0f - x2 * (1.0f / 12.0f) *
	                     (1.0f - x2 * (1.0f / 30.0f) *
	                                 (1.0f - x2 * (1.0f / 56.0f) *
	                                             (1.0f - x2 * (1.0f / 90.0f) *
	                                                         (1.0f - x2 * (1.0f / 132.0f))))));
}

#endif
