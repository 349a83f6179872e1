/* SPDX-License-Identifier: ISC */
#include "low_band.h"

#include <math.h>
#include <string.h>

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

/* Section k of an order-n Butterworth by the bilinear transform, its
 * analogue pole pair at angle pi (2k + 1) / (2n) from the imaginary axis. */
void
butterworth(Butterworth* f, bool high, uint32_t order, double hz, double rate)
{
	memset(f, 0, sizeof(*f));
	f->sections = order / 2;
	const double k = tan(M_PI * hz / rate);
	for (uint32_t s = 0; s < f->sections; ++s) {
		const double q = 1.0 / (2.0 * sin(M_PI * (2.0 * s + 1.0) / (2.0 * order)));
		const double norm = 1.0 / (1.0 + k / q + k * k);
		Biquad* b = &f->section[s];
		if (high) {
			b->b0 = norm;
			b->b1 = -2.0 * norm;
		} else {
			b->b0 = k * k * norm;
			b->b1 = 2.0 * k * k * norm;
		}
		b->b2 = b->b0;
		b->a1 = 2.0 * (k * k - 1.0) * norm;
		b->a2 = (1.0 - k / q + k * k) * norm;
	}
}

void
butterworth_run(Butterworth* f, float* x, uint32_t n)
{
	for (uint32_t s = 0; s < f->sections; ++s) {
		Biquad* b = &f->section[s];
		for (uint32_t i = 0; i < n; ++i) {
			const double y =
			    b->b0 * x[i] + b->b1 * b->x1 + b->b2 * b->x2 - b->a1 * b->y1 - b->a2 * b->y2;
			b->x2 = b->x1;
			b->x1 = x[i];
			b->y2 = b->y1;
			b->y1 = y;
			x[i] = (float)y;
		}
	}
}

void
low_band_meter_init(LowBandMeter* m, double hz, double window_s, double rate, uint64_t from)
{
	memset(m, 0, sizeof(*m));
	butterworth(&m->low[0], false, 8, hz, rate);
	butterworth(&m->low[1], false, 8, hz, rate);
	m->half = (uint32_t)(0.5 * window_s * rate);
	m->from = from;
}

void
low_band_meter_add(LowBandMeter* m, const float* left, const float* right, uint32_t n)
{
	enum { CHUNK = 1024 };
	float x[2][CHUNK];
	for (uint32_t at = 0; at < n; at += CHUNK) {
		const uint32_t k = n - at < CHUNK ? n - at : CHUNK;
		memcpy(x[0], left + at, k * sizeof(float));
		memcpy(x[1], right + at, k * sizeof(float));
		butterworth_run(&m->low[0], x[0], k);
		butterworth_run(&m->low[1], x[1], k);
		for (uint32_t i = 0; i < k; ++i, ++m->frame) {
			if (m->frame < m->from) {
				continue;
			}
			for (int c = 0; c < 2; ++c) {
				m->sum[c][1] += (double)x[c][i] * x[c][i];
			}
			if ((m->frame - m->from + 1) % m->half != 0) {
				continue;
			}
			/* a half window ends: the whole one ending here, if there is one */
			const bool whole = m->frame - m->from + 1 >= 2u * m->half;
			for (int c = 0; c < 2; ++c) {
				const double mean = (m->sum[c][0] + m->sum[c][1]) / (2.0 * m->half);
				m->loudest = whole && mean > m->loudest ? mean : m->loudest;
				m->sum[c][0] = m->sum[c][1];
				m->sum[c][1] = 0.0;
			}
		}
	}
}

double
low_band_meter_dbfs(const LowBandMeter* m)
{
	return 10.0 * log10(m->loudest + 1e-30);
}
