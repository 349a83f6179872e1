/* SPDX-License-Identifier: ISC */
/* The last stage: a soft limiter with no latency.  Gain falls at once to
 * keep every sample under the ceiling and recovers slowly, so loud moments
 * are turned down rather than clipped; anything not finite becomes
 * silence.  The output never exceeds the ceiling (below 0 dBFS). */
#ifndef SOMASCAPE_LIMITER_H
#define SOMASCAPE_LIMITER_H

#include <stdint.h>

#define LIMITER_CEILING 0.944f /* -0.5 dBFS */

typedef struct {
	float gain;
	float release; /* per-frame recovery coefficient */
} Limiter;

void limiter_init(Limiter* lim, double rate);
void limiter_process(Limiter* lim, float* left, float* right, uint32_t n);

#endif
