/* SPDX-License-Identifier: ISC */
#include "spatial.h"

#include "simd.h"

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

/* out[j] += g * x[j]: restrict, so the compiler vectorises it. */
static inline void
add_scaled(float* restrict out, const float* restrict x, uint32_t n, float g)
{
	for (uint32_t j = 0; j < n; ++j) {
		out[j] += g * x[j];
	}
}

/* Adds b * x[j - 1] + a * x[j] (x[-1] = x[n] = 0) to the n + 1 frames of
 * the ring from frame k: a still sound at a fixed fractional delay.  The
 * earlier frame's share goes in first, as it does when the sound arrives
 * in two chunks, so the sum is the same for any chunking.  In at most two
 * contiguous runs. */
SIMD_CLONES static void
add_still(float* ring, uint32_t k, const float* x, uint32_t n, float a, float b)
{
	uint32_t i = 0;
	while (i <= n) {
		const uint32_t at = (k + i) & (SPATIAL_RING - 1u);
		const uint32_t room = SPATIAL_RING - at;
		const uint32_t end = n + 1 - i < room ? n + 1 : i + room;
		float* out = ring + at; /* frame k + i */
		if (b != 0.0f) { /* b * x[j - 1] for j in [max(i, 1), end) */
			const uint32_t from = i > 0 ? i : 1;
			add_scaled(out + (from - i), x + from - 1, end - from, b);
		}
		add_scaled(out, x + i, (end < n ? end : n) - i, a); /* a * x[j], j < n */
		i = end;
	}
}

/* A moving sound: gain and delay interpolated per frame. */
SIMD_CLONES static void
add_moving(float* ring, uint32_t k, const float* x, uint32_t n, float g0, float dg, float d0,
           float dd, float t0, float dt)
{
	const uint32_t mask = SPATIAL_RING - 1u;
	for (uint32_t i = 0; i < n; ++i) {
		const float t = t0 + dt * (float)i;
		const float g = (g0 + dg * t) * x[i];
		const float d = d0 + dd * t;
		const uint32_t whole = (uint32_t)d;
		const float frac = d - (float)whole;
		const uint32_t at = k + i + whole;
		ring[at & mask] += g * (1.0f - frac);
		ring[(at + 1u) & mask] += g * frac;
	}
}

void
spatial_add(Spatial* sp, const float* x, uint32_t at, uint32_t n,
            const Placement* p0, const Placement* p1, float t0, float dt)
{
	if (n == 0) {
		return;
	}
	for (int ear = 0; ear < 2; ++ear) {
		float* ring = sp->ring[ear];
		const float g0 = p0->gain[ear], dg = p1->gain[ear] - g0;
		const float d0 = p0->delay[ear], dd = p1->delay[ear] - d0;
		if (dg == 0.0f && dd == 0.0f) {
			/* The common case, a still sound: a fixed two-tap splat, the
			 * same arithmetic as the moving case with t frozen. */
			const uint32_t whole = (uint32_t)d0;
			const float frac = d0 - (float)whole;
			add_still(ring, sp->now + at + whole, x, n, g0 * (1.0f - frac), g0 * frac);
		} else {
			add_moving(ring, sp->now + at, x, n, g0, dg, d0, dd, t0, dt);
		}
	}
}

void
spatial_read(Spatial* sp, float* left, float* right, uint32_t n)
{
	const uint32_t mask = SPATIAL_RING - 1u;
	uint32_t done = 0;
	while (done < n) { /* at most two contiguous runs */
		const uint32_t at = (sp->now + done) & mask;
		const uint32_t room = SPATIAL_RING - at;
		const uint32_t m = n - done < room ? n - done : room;
		memcpy(left + done, sp->ring[0] + at, m * sizeof(float));
		memcpy(right + done, sp->ring[1] + at, m * sizeof(float));
		memset(sp->ring[0] + at, 0, m * sizeof(float));
		memset(sp->ring[1] + at, 0, m * sizeof(float));
		done += m;
	}
	sp->now = (sp->now + n) & mask;
}
