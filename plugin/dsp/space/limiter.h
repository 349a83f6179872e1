/* SPDX-License-Identifier: ISC */
/* The last stage: a soft limiter with no latency.  Gain falls at once to
 * keep every sample under the ceiling and recovers slowly, so loud moments
 * are turned down rather than clipped; anything not finite becomes
 * silence.  The output never exceeds the ceiling (below 0 dBFS). */
#ifndef SOMASCAPE_LIMITER_H
#define SOMASCAPE_LIMITER_H

#include <stdint.h>
#include <string.h>

#define LIMITER_CEILING 0.944f /* -0.5 dBFS */

typedef struct {
	float gain;
	float release; /* per-frame recovery coefficient */
} Limiter;

void limiter_init(Limiter* lim, double rate);
void limiter_process(Limiter* lim, float* left, float* right, uint32_t n);

/* The test limiter_process begins with, for a pass that writes the output
 * anyway and can make it on the way: the largest limiter_size of a
 * block's samples is above limiter_size(LIMITER_KNEE) exactly when some
 * sample is above the knee or not finite.  On the bits: |x| as an integer
 * grows with |x|, and inf and NaN lie above every finite value. */
#define LIMITER_KNEE 0.7f /* above this the gain starts to fall */

static inline int32_t
limiter_size(float x)
{
	int32_t bits;
	memcpy(&bits, &x, sizeof(bits));
	return bits & 0x7fffffff;
}

/* limiter_process for a block whose test is made: `largest`, the largest
 * limiter_size of its samples. */
void limiter_process_tested(Limiter* lim, float* left, float* right, uint32_t n, int32_t largest);

#endif
