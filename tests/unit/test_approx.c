/* SPDX-License-Identifier: ISC */
/* Every approximation in approx.h against libm in long double, densely
 * over the range it is used on: each stays within the error its comment
 * states. */
#include "approx.h"

#include "check.h"
#include <math.h>
#include <stdio.h>

#define POINTS 1000000

typedef double (*Approx)(double);
typedef long double (*Exact)(long double);

/* The largest error of f against g over [lo, hi], absolute or relative to
 * g; the ends included. */
static double
largest_error(Approx f, Exact g, double lo, double hi, int relative)
{
	double largest = 0.0;
	for (int i = 0; i <= POINTS; ++i) {
		const double x = lo + (hi - lo) * i / POINTS;
		const long double exact = g(x);
		long double err = fabsl((long double)f(x) - exact);
		if (relative) {
			err /= fabsl(exact);
		}
		largest = (double)err > largest ? (double)err : largest;
	}
	return largest;
}

static long double
cos_turns(long double c)
{
	return cosl(2.0L * (long double)M_PI * c);
}

static double
exp2_small(double x)
{
	return approx_exp2_small((float)x);
}

static void
check(const char* name, double err, double bound)
{
	printf("%-18s %.3g (bound %.3g)\n", name, err, bound);
	CHECK(err <= bound, "%s: %.3g over %.3g", name, err, bound);
}

int
main(void)
{
	check("approx_sin", largest_error(approx_sin, sinl, -M_PI / 2, M_PI / 2, 0), 5e-14);
	check("approx_cos", largest_error(approx_cos, cosl, -M_PI / 2, M_PI / 2, 0), 5e-14);
	check("approx_cos_turns", largest_error(approx_cos_turns, cos_turns, 0.0, 0.999999, 0), 5e-14);
	check("approx_exp", largest_error(approx_exp, expl, -1.2, 1.2, 1), 4e-11);
	/* double precision: within a few units of the last place */
	check("approx_cos_small", largest_error(approx_cos_small, cosl, -0.0999, 0.0999, 1), 4e-16);
	check("approx_sin_small", largest_error(approx_sin_small, sinl, -0.0999, 0.0999, 1), 4e-16);
	check("approx_cos_tiny", largest_error(approx_cos_tiny, cosl, -0.003, 0.003, 0), 4e-12);
	check("approx_sin_tiny", largest_error(approx_sin_tiny, sinl, -0.003, 0.003, 0), 3e-15);
	/* against 2^x of the float it is given: the error is the cubic's */
	double largest = 0.0;
	for (int i = 0; i < POINTS; ++i) {
		const float x = 8.0f * (float)i / POINTS;
		const double err = fabs(exp2_small(x) / (double)exp2l(x) - 1.0);
		largest = err > largest ? err : largest;
	}
	check("approx_exp2_small", largest, 2e-4);
	/* in float, against the float it is given: the polynomials' truncation
	 * (under 2e-9 at pi/2) and float's own rounding */
	double worst_c = 0.0, worst_s = 0.0;
	for (int i = 0; i <= POINTS; ++i) {
		const float x = (float)(-M_PI / 2 + M_PI * i / POINTS);
		float c, sn;
		approx_sincos_float(x, &c, &sn);
		worst_c = fmax(worst_c, fabs((double)c - (double)cosl(x)));
		worst_s = fmax(worst_s, fabs((double)sn - (double)sinl(x)));
	}
	check("approx_sincos_float cos", worst_c, 3e-7);
	check("approx_sincos_float sin", worst_s, 3e-7);
	return 0;
}
