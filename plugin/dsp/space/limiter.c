/* SPDX-License-Identifier: ISC */
#include "limiter.h"

#include "simd.h"

#include <math.h>

#define LIMITER_RELEASE_S 0.25

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

/* The largest limiter_size of the block: a loop the compiler vectorises. */
SIMD_CLONES static int32_t
largest_size(const float* left, const float* right, uint32_t n)
{
	int32_t largest = 0;
	for (uint32_t i = 0; i < n; ++i) {
		const int32_t l = limiter_size(left[i]), r = limiter_size(right[i]);
		largest = l > largest ? l : largest;
		largest = r > largest ? r : largest;
	}
	return largest;
}

void
limiter_process(Limiter* lim, float* left, float* right, uint32_t n)
{
	limiter_process_tested(lim, left, right, n,
	                       lim->gain == 1.0f ? largest_size(left, right, n) : INT32_MAX);
}

void
limiter_process_tested(Limiter* lim, float* left, float* right, uint32_t n, int32_t largest)
{
	if (lim->gain == 1.0f && largest <= limiter_size(LIMITER_KNEE)) {
		return; /* finite and below the knee: nothing to do */
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
