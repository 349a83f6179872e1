/* SPDX-License-Identifier: ISC */
#include "cue_onset.h"

#include <complex.h>
#include <math.h>

/* z^n by squaring. */
static double complex
power(double complex z, uint64_t n)
{
	double complex result = 1.0;
	for (; n > 0; n >>= 1, z *= z) {
		if (n & 1u) {
			result *= z;
		}
	}
	return result;
}

double
cue_onset_phase(const CueOnsetShape* shape, double radius, double omega, double theta)
{
	/* the sum over the strike of ramp(t) * w(t), w the partial at sine
	 * phase 0 and unit amplitude as a complex number: its area at phase p
	 * is the imaginary part of exp(i p) times the sum */
	double complex sum = 0.0, w = 1.0;
	double pos = 1.0;
	bool settled = shape->glide_samples == 0;
	uint64_t t = 0;
	for (;;) {
		const double angle = omega + theta * (settled ? 0.0 : pos);
		const double complex z = radius * (cos(angle) + sin(angle) * I);
		const uint64_t length = settled ? UINT64_MAX : shape->glide_samples;
		uint64_t u = 0;
		if ((double)(t + 1) < shape->ramp_samples) {
			/* through the attack ramp, sample by sample, in reals (a
			 * complex product would check for infinities each time): the
			 * ramp is the smoothstep of (t + 1) / ramp_samples, as the
			 * strike applies it (its first sample already one step up) */
			const double step = 1.0 / shape->ramp_samples, zr = creal(z), zi = cimag(z);
			double wr = creal(w), wi = cimag(w), sr = creal(sum), si = cimag(sum);
			double r = (double)(t + 1) * step;
			for (; u < length && r < 1.0; ++u, ++t, r += step) {
				const double g = r * r * (3.0 - 2.0 * r);
				sr += g * wr;
				si += g * wi;
				const double next = wr * zr - wi * zi;
				wi = wr * zi + wi * zr;
				wr = next;
			}
			sum = sr + si * I;
			w = wr + wi * I;
		}
		if (settled) {
			sum += w / (1.0 - z); /* the rest, at full level, in closed form */
			break;
		}
		const double complex rest = power(z, length - u);
		sum += w * (1.0 - rest) / (1.0 - z);
		w *= rest;
		t += length - u;
		pos *= shape->pos_per_update;
		settled = pos < shape->settle_below;
	}
	return -carg(sum);
}
