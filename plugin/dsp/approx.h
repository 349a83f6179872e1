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

/* sin x for |x| <= pi/2 (terms to x^17: within 5e-14). */
static inline double
approx_sin(double x)
{
	const double x2 = x * x;
	double p = 1.0 / 355687428096000.0;
	p = p * x2 - 1.0 / 1307674368000.0;
	p = p * x2 + 1.0 / 6227020800.0;
	p = p * x2 - 1.0 / 39916800.0;
	p = p * x2 + 1.0 / 362880.0;
	p = p * x2 - 1.0 / 5040.0;
	p = p * x2 + 1.0 / 120.0;
	p = p * x2 - 1.0 / 6.0;
	return x + x * x2 * p;
}

/* cos x for |x| <= pi/2 (terms to x^18: within 4e-15). */
static inline double
approx_cos(double x)
{
	const double x2 = x * x;
	double p = -1.0 / 6402373705728000.0;
	p = p * x2 + 1.0 / 20922789888000.0;
	p = p * x2 - 1.0 / 87178291200.0;
	p = p * x2 + 1.0 / 479001600.0;
	p = p * x2 - 1.0 / 3628800.0;
	p = p * x2 + 1.0 / 40320.0;
	p = p * x2 - 1.0 / 720.0;
	p = p * x2 + 1.0 / 24.0;
	p = p * x2 - 0.5;
	return 1.0 + x2 * p;
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
	double p = 1.0 / 87178291200.0;
	p = p * x + 1.0 / 6227020800.0;
	p = p * x + 1.0 / 479001600.0;
	p = p * x + 1.0 / 39916800.0;
	p = p * x + 1.0 / 3628800.0;
	p = p * x + 1.0 / 362880.0;
	p = p * x + 1.0 / 40320.0;
	p = p * x + 1.0 / 5040.0;
	p = p * x + 1.0 / 720.0;
	p = p * x + 1.0 / 120.0;
	p = p * x + 1.0 / 24.0;
	p = p * x + 1.0 / 6.0;
	p = p * x + 0.5;
	p = p * x + 1.0;
	return 1.0 + x * p;
}

#endif
