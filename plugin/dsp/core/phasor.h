/* SPDX-License-Identifier: ISC */
/* Unit phasors in double, for phases that must stay functions of session
 * time: advanced by a fixed rotation on the grid and renormalised each
 * step, they drift from the exact phase by rounding only (about 1e-16 rad a
 * step, well under a microradian over a day), so a relocation can compute
 * the same phase directly and land on it. */
#ifndef SOMASCAPE_PHASOR_H
#define SOMASCAPE_PHASOR_H

#include "approx.h"

#include <math.h>

typedef struct {
	double re, im;
} Phasor;

static inline Phasor
phasor_mul(Phasor a, Phasor b)
{
	return (Phasor){a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re};
}

/* Back onto the unit circle: one Newton step, exact for rounding errors. */
static inline Phasor
phasor_renormalise(Phasor a)
{
	const double fix = 1.5 - 0.5 * (a.re * a.re + a.im * a.im);
	return (Phasor){a.re * fix, a.im * fix};
}

/* exp(i x) with libm: for set-up and relocation, not the grid. */
static inline Phasor
phasor_of(double x)
{
	return (Phasor){cos(x), sin(x)};
}

/* exp(i x) for |x| < 0.1, to double precision, without libm: the small
 * chorus increments on the grid. */
static inline Phasor
phasor_small(double x)
{
	return (Phasor){approx_cos_small(x), approx_sin_small(x)};
}

/* a^(2^k), by k squarings. */
static inline Phasor
phasor_pow2(Phasor a, unsigned k)
{
	while (k-- > 0) {
		a = phasor_mul(a, a);
	}
	return a;
}

/* x mod 2 pi, in [0, 2 pi), for phases grown large over a long session. */
static inline double
phase_wrap(double x)
{
	const double turn = 2.0 * M_PI;
	return x - turn * floor(x / turn);
}

#endif
