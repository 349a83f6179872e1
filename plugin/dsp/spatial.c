/* SPDX-License-Identifier: ISC */
#include "spatial.h"

#include <math.h>
#include <string.h>

#define HEAD_RADIUS_M 0.0875
#define SPEED_OF_SOUND 343.0

void
spatial_init(Spatial* sp, double rate)
{
	sp->rate = rate;
	spatial_clear(sp);
}

void
spatial_clear(Spatial* sp)
{
	memset(sp->ring, 0, sizeof(sp->ring));
	sp->now = 0;
}

Placement
spatial_placement(double rate, float pos, float speakers)
{
	const float p = pos < -1.0f ? -1.0f : pos > 1.0f ? 1.0f : pos;

	/* Speakers: equal power, sums to constant power at every position. */
	const float angle = (p + 1.0f) * (float)(M_PI / 4.0);
	const float spk_l = cosf(angle);
	const float spk_r = sinf(angle);

	/* Headphones: far ear softer and later; power kept constant. */
	const float azimuth = fabsf(p) * (float)(M_PI / 2.0);
	const float far_rel = powf(10.0f, -SPATIAL_ILD_DB * sinf(azimuth) / 20.0f);
	const float near_g = 1.0f / sqrtf(1.0f + far_rel * far_rel);
	const float far_g = far_rel * near_g;
	const double itd_s = HEAD_RADIUS_M / SPEED_OF_SOUND * (azimuth + sin(azimuth));
	const float itd = (float)(itd_s * rate) * (1.0f - speakers);

	const int right_near = p >= 0.0f;
	const float hp_l = right_near ? far_g : near_g;
	const float hp_r = right_near ? near_g : far_g;

	Placement out;
	out.gain[0] = hp_l + (spk_l - hp_l) * speakers;
	out.gain[1] = hp_r + (spk_r - hp_r) * speakers;
	out.delay[0] = right_near ? itd : 0.0f;
	out.delay[1] = right_near ? 0.0f : itd;
	return out;
}

void
spatial_add(Spatial* sp, const float* x, uint32_t at, uint32_t n,
            const Placement* p0, const Placement* p1, float t0, float dt)
{
	const uint32_t mask = SPATIAL_RING - 1u;
	for (int ear = 0; ear < 2; ++ear) {
		float* ring = sp->ring[ear];
		const float g0 = p0->gain[ear], dg = p1->gain[ear] - g0;
		const float d0 = p0->delay[ear], dd = p1->delay[ear] - d0;
		if (dg == 0.0f && dd == 0.0f && d0 == 0.0f) {
			/* The common case: a still sound, no delay. */
			for (uint32_t i = 0; i < n; ++i) {
				ring[(sp->now + at + i) & mask] += g0 * x[i];
			}
			continue;
		}
		for (uint32_t i = 0; i < n; ++i) {
			const float t = t0 + dt * (float)i;
			const float g = (g0 + dg * t) * x[i];
			const float d = d0 + dd * t;
			const uint32_t whole = (uint32_t)d;
			const float frac = d - (float)whole;
			const uint32_t k = sp->now + at + i + whole;
			ring[k & mask] += g * (1.0f - frac);
			ring[(k + 1u) & mask] += g * frac;
		}
	}
}

void
spatial_read(Spatial* sp, float* left, float* right, uint32_t n)
{
	const uint32_t mask = SPATIAL_RING - 1u;
	for (uint32_t i = 0; i < n; ++i) {
		const uint32_t k = (sp->now + i) & mask;
		left[i] = sp->ring[0][k];
		right[i] = sp->ring[1][k];
		sp->ring[0][k] = 0.0f;
		sp->ring[1][k] = 0.0f;
	}
	sp->now = (sp->now + n) & mask;
}
