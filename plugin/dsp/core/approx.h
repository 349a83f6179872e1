/* SPDX-License-Identifier: ISC */
/* sin, cos and exp on the short ranges the grid needs them, as Taylor
 * polynomials in double: a few dozen instructions inline where libm costs
 * a call and as much again, within about 1e-13 of the true value (far
 * below the float each result is rounded to), and the same on every
 * machine (libm picks its code by CPU). */
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
	    -1.0 / 6.0,          1.0 / 120.0,           -1.0 / 5040.0,
	    1.0 / 362880.0,      -1.0 / 39916800.0,     1.0 / 6227020800.0,
	    -1.0 / 1307674368000.0, 1.0 / 355687428096000.0,
	};
	const double x2 = x * x;
	return x + x * x2 * horner(tail, (int)(sizeof(tail) / sizeof(tail[0])), x2);
}

/* cos x for |x| <= pi/2 (terms to x^18: within 4e-15). */
static inline double
approx_cos(double x)
{
	static const double tail[] = {
	    -0.5,                1.0 / 24.0,            -1.0 / 720.0,
	    1.0 / 40320.0,       -1.0 / 3628800.0,      1.0 / 479001600.0,
	    -1.0 / 87178291200.0, 1.0 / 20922789888000.0, -1.0 / 6402373705728000.0,
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

/* e^x for |x| <= 1.2 (terms to x^14: within 4e-11 of it, relatively). */
static inline double
approx_exp(double x)
{
	static const double tail[] = {
	    1.0,                 0.5,                   1.0 / 6.0,
	    1.0 / 24.0,          1.0 / 120.0,           1.0 / 720.0,
	    1.0 / 5040.0,        1.0 / 40320.0,         1.0 / 362880.0,
	    1.0 / 3628800.0,     1.0 / 39916800.0,      1.0 / 479001600.0,
	    1.0 / 6227020800.0,  1.0 / 87178291200.0,
	};
	return 1.0 + x * horner(tail, (int)(sizeof(tail) / sizeof(tail[0])), x);
}

/* cos and sin for |x| <= pi/2, to float precision, without libm, for the
 * glides' updates.  Glide angles are omega * (from - to) <= 2 pi 0.45 *
 * |from - to| / max(from, to): about 1.06 rad at most in the recipes. */
static inline void
small_sincos(float x, float* c, float* s)
{
	const float x2 = x * x;
	*s = x * (1.0f - x2 * (1.0f / 6.0f) * (1.0f - x2 * (1.0f / 20.0f) *
	     (1.0f - x2 * (1.0f / 42.0f) * (1.0f - x2 * (1.0f / 72.0f) *
	     (1.0f - x2 * (1.0f / 110.0f))))));
	*c = 1.0f - x2 * 0.5f * (1.0f - x2 * (1.0f / 12.0f) * (1.0f - x2 * (1.0f / 30.0f) *
	     (1.0f - x2 * (1.0f / 56.0f) * (1.0f - x2 * (1.0f / 90.0f) *
	     (1.0f - x2 * (1.0f / 132.0f))))));
}

#endif
