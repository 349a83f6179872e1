/* SPDX-License-Identifier: ISC */
#include "session.h"

#include <math.h>

static float
raised_cosine(double x)
{
	/* in float: a gain needs no more, and cosf costs half of cos */
	return x <= 0.0 ? 0.0f : x >= 1.0 ? 1.0f : 0.5f - 0.5f * cosf((float)(M_PI * x));
}

float
session_gain(const SessionParams* p, double t)
{
	float gain = p->fade_in_s > 0.0 ? raised_cosine(t / p->fade_in_s) : 1.0f;
	if (p->length_s > 0.0) {
		const double left = p->length_s - t;
		gain *= p->fade_out_s > 0.0 ? raised_cosine(left / p->fade_out_s)
		                            : (left > 0.0 ? 1.0f : 0.0f);
	}
	return gain;
}

uint64_t
session_frames_to_end(const SessionParams* p, double rate, int64_t frame)
{
	if (p->length_s <= 0.0) {
		return UINT64_MAX;
	}
	const int64_t end = (int64_t)llround(p->length_s * rate);
	return end >= frame ? (uint64_t)(end - frame) : UINT64_MAX;
}
