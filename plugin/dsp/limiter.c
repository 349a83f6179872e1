/* SPDX-License-Identifier: ISC */
#include "limiter.h"

#include <math.h>
#include <stdbool.h>

#define LIMITER_RELEASE_S 0.25
/* Above this the gain starts to fall, so the limiter bends in softly. */
#define LIMITER_KNEE 0.7f

void
limiter_init(Limiter* lim, double rate)
{
	lim->gain = 1.0f;
	lim->release = (float)(1.0 - exp(-1.0 / (LIMITER_RELEASE_S * rate)));
}

/* Gain that brings a peak into the soft knee: below the knee nothing is
 * done, above it the level approaches the ceiling smoothly. */
static float
knee_gain(float peak)
{
	if (peak <= LIMITER_KNEE) {
		return 1.0f;
	}
	const float over = peak - LIMITER_KNEE;
	const float room = LIMITER_CEILING - LIMITER_KNEE;
	const float out = LIMITER_KNEE + room * over / (over + room);
	return out / peak;
}

/* True when the chunk is finite and below the knee: the common case, in
 * which the limiter has nothing to do (a loop the compiler vectorises). */
static bool
quiet_and_finite(const float* left, const float* right, uint32_t n)
{
	float peak = 0.0f, probe = 0.0f;
	for (uint32_t i = 0; i < n; ++i) {
		const float a = fabsf(left[i]), b = fabsf(right[i]);
		peak = a > peak ? a : peak;
		peak = b > peak ? b : peak;
		probe += (left[i] - left[i]) + (right[i] - right[i]); /* NaN for NaN or inf */
	}
	return probe == 0.0f && peak <= LIMITER_KNEE;
}

void
limiter_process(Limiter* lim, float* left, float* right, uint32_t n)
{
	if (lim->gain == 1.0f && quiet_and_finite(left, right, n)) {
		return;
	}
	float gain = lim->gain;
	const float release = lim->release;
	for (uint32_t i = 0; i < n; ++i) {
		float l = left[i], r = right[i];
		if (!isfinite(l) || !isfinite(r)) {
			l = r = 0.0f;
		}
		const float peak = fmaxf(fabsf(l), fabsf(r));
		const float want = knee_gain(peak);
		gain = want < gain ? want : gain + (want - gain) * release;
		gain = gain > 0.99999f ? 1.0f : gain; /* recovered: back to the fast path */
		left[i] = l * gain;
		right[i] = r * gain;
	}
	lim->gain = gain;
}
