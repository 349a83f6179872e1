/* SPDX-License-Identifier: ISC */
#include "highpass.h"

#include <math.h>

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif
#ifndef M_SQRT2
#define M_SQRT2 1.41421356237309504880
#endif

void
highpass_init(HighPass* f, double hz, double rate)
{
	/* the bilinear transform of s^2 / (s^2 + sqrt(2) s + 1) */
	const double k = tan(M_PI * fmin(hz / rate, 0.45));
	const double norm = 1.0 / (1.0 + M_SQRT2 * k + k * k);
	*f = (HighPass){
	    .b0 = norm, .a1 = 2.0 * (k * k - 1.0) * norm, .a2 = (1.0 - M_SQRT2 * k + k * k) * norm};
}
