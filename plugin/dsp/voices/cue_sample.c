/* SPDX-License-Identifier: ISC */
#include "cue_sample.h"

#include <math.h>

void
cue_sample_start(CueSamplePlay* p, const CueSample* sample, double pitch_hz, float gain)
{
	double ratio = pitch_hz / CUE_SAMPLE_REFERENCE_HZ;
	const double top = (double)(1u << (CUE_SAMPLE_LEVELS - 1));
	ratio = isfinite(ratio) ? fmin(fmax(ratio, 1.0 / 16.0), top) : 1.0;
	/* the smallest level whose step is at most 1: its copy is band-limited
	 * to rate / 2^(k+1), which the step lifts to at most rate / 2 */
	int k = 0;
	while (k < CUE_SAMPLE_LEVELS - 1 && ratio > (double)(1u << k)) {
		++k;
	}
	*p = (CueSamplePlay){
	    .sample = sample,
	    .data = sample->data[k],
	    .frames = sample->frames[k],
	    .step = ratio / (double)(1u << k),
	    .gain = isfinite(gain) ? gain : 0.0f,
	};
	if (p->frames == 0 || !p->data) {
		p->sample = 0;
	}
}

/* 4-point, 3rd-order Hermite (Catmull-Rom) between x[0] and x[1]. */
static inline float
hermite(const float* x, float t)
{
	const float c1 = 0.5f * (x[1] - x[-1]);
	const float c2 = x[-1] - 2.5f * x[0] + 2.0f * x[1] - 0.5f * x[2];
	const float c3 = 0.5f * (x[2] - x[-1]) + 1.5f * (x[0] - x[1]);
	return ((c3 * t + c2) * t + c1) * t + x[0];
}

void
cue_sample_render(CueSamplePlay* p, float* out, uint32_t n)
{
	if (!p->sample) {
		return;
	}
	const float* data = p->data;
	const double end = (double)p->frames;
	double pos = p->pos;
	const float gain = p->gain;
	uint32_t i = 0;
	if (p->step == 1.0 && pos == floor(pos)) {
		/* as recorded: a plain copy */
		for (; i < n && pos < end; ++i, pos += 1.0) {
			out[i] += gain * data[(uint32_t)pos];
		}
	} else {
		for (; i < n && pos < end; ++i, pos += p->step) {
			const uint32_t at = (uint32_t)pos;
			out[i] += gain * hermite(data + at, (float)(pos - at));
		}
	}
	p->pos = pos;
	if (pos >= end) {
		p->sample = 0;
	}
}
