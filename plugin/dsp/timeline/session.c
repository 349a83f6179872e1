/* SPDX-License-Identifier: ISC */
#include "session.h"

#include "approx.h"

#include <math.h>

/* The ramp at a / b (b > 0): 0 up to a = 0, 1 from a = b.  Outside the
 * ramp there is no division (a / b >= 1 exactly when a >= b). */
static float
raised_cosine(double a, double b)
{
	if (a <= 0.0 || a >= b) {
		return a <= 0.0 ? 0.0f : 1.0f;
	}
	const double s = approx_sin(M_PI / 2.0 * (a / b)); /* (1 - cos 2x) / 2 = sin^2 x */
	return (float)(s * s);
}

float
session_gain(const SessionParams* p, double t)
{
	float gain = p->fade_in_s > 0.0 ? raised_cosine(t, p->fade_in_s) : 1.0f;
	if (p->length_s > 0.0) {
		const double remaining_s = p->length_s - t;
		gain *= p->fade_out_s > 0.0 ? raised_cosine(remaining_s, p->fade_out_s)
		                            : (remaining_s > 0.0 ? 1.0f : 0.0f);
	}
	return gain;
}

int64_t
session_end_frame(const SessionParams* p, double rate)
{
	return p->length_s > 0.0 ? (int64_t)llround(p->length_s * rate) : -1;
}
