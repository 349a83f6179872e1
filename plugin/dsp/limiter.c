/* SPDX-License-Identifier: ISC */
#include "limiter.h"

#include "simd.h"

#include <math.h>
#include <stdbool.h>
#include <string.h>

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
 * which the limiter has nothing to do.  On the bits: |x| as an integer
 * grows with |x|, and inf and NaN lie above every finite value, so one
 * OR of (knee - |x|) has its sign bit set exactly when some sample is
 * above the knee or not finite; a loop the compiler vectorises. */
SIMD_CLONES static bool
quiet_and_finite(const float* left, const float* right, uint32_t n)
{
	const float knee = LIMITER_KNEE;
	int32_t knee_bits;
	memcpy(&knee_bits, &knee, sizeof(knee_bits));
	int32_t over = 0;
	for (uint32_t i = 0; i < n; ++i) {
		int32_t a, b;
		memcpy(&a, left + i, sizeof(a));
		memcpy(&b, right + i, sizeof(b));
		over |= (knee_bits - (a & 0x7fffffff)) | (knee_bits - (b & 0x7fffffff));
	}
	return over >= 0;
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
