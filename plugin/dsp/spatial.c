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
	const double sin_azimuth = sin(azimuth); /* one call for both differences */
	const float far_rel = powf(10.0f, -SPATIAL_ILD_DB * (float)sin_azimuth / 20.0f);
	const float near_g = 1.0f / sqrtf(1.0f + far_rel * far_rel);
	const float far_g = far_rel * near_g;
	const double itd_s = HEAD_RADIUS_M / SPEED_OF_SOUND * (azimuth + sin_azimuth);
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

/* Frames k + i up to k + end of the ring lie in one contiguous run from
 * k + i up to the returned frame (end at most). */
static inline uint32_t
contiguous_end(uint32_t k, uint32_t i, uint32_t end)
{
	const uint32_t room = SPATIAL_RING - ((k + i) & (SPATIAL_RING - 1u));
	return end - i < room ? end : i + room;
}

/* out[j] += g * x[j]: restrict, so the compiler vectorises it. */
static inline void
add_scaled(float* restrict out, const float* restrict x, uint32_t n, float g)
{
	for (uint32_t j = 0; j < n; ++j) {
		out[j] += g * x[j];
	}
}

/* out[j] = (out[j] + cb * b_before[j]) + ca * a[j]: restrict, so the
 * compiler vectorises it. */
static inline void
add_two_scaled(float* restrict out, const float* restrict a, float ca,
               const float* restrict b_before, float cb, uint32_t n)
{
	for (uint32_t j = 0; j < n; ++j) {
		out[j] = (out[j] + cb * b_before[j]) + ca * a[j];
	}
}

/* A sound split between two neighbouring frames of the ring: frame j of
 * it (j < n) adds ca * a[j] to ring frame k + j and cb * b[j] to k + j + 1.
 * To every ring frame the earlier sound frame's share goes in first, as
 * it does when the sound arrives in two chunks, so the sum is the same
 * for any chunking.  In at most two contiguous runs. */
static inline void
add_shares(float* ring, uint32_t k, const float* a, float ca, const float* b, float cb,
           uint32_t n)
{
	uint32_t i = 0;
	while (i <= n) {
		const uint32_t end = contiguous_end(k, i, n + 1);
		float* out = ring + ((k + i) & (SPATIAL_RING - 1u)); /* frame k + i */
		const uint32_t both = end < n ? end : n; /* ring frames with both shares */
		if (cb == 0.0f) { /* no later share: one product a frame */
			add_scaled(out, a + i, both - i, ca);
			i = end;
			continue;
		}
		uint32_t j = i;
		if (j == 0) {
			out[0] += ca * a[0];
			++j;
		}
		if (j < both) {
			add_two_scaled(out + (j - i), a + j, ca, b + j - 1, cb, both - j);
			j = both;
		}
		if (j < end) { /* j == n: the last frame's later share only */
			out[n - i] += cb * b[n - 1];
		}
		i = end;
	}
}

/* A still sound at a fixed fractional delay: ga * x[j] at frame k + j,
 * gb * x[j] at the next. */
SIMD_CLONES static void
add_still(float* ring, uint32_t k, const float* x, uint32_t n, float ga, float gb)
{
	add_shares(ring, k, x, ga, x, gb, n);
}

/* Where frame i of a moving sound is in the grid step (signed: converts
 * in one instruction). */
static inline float
moving_t(float t0, float dt, uint32_t i)
{
	return t0 + dt * (float)(int32_t)i;
}

/* The first frame in (i, end) whose delay has another whole part than
 * frame i's, or end.  The delay is linear in the frame, computed with
 * monotone roundings, so its whole part is monotone and a bisection finds
 * the change. */
static uint32_t
same_whole_end(float d0, float dd, float t0, float dt, uint32_t i, uint32_t end)
{
	const uint32_t whole = (uint32_t)(d0 + dd * moving_t(t0, dt, i));
	if ((uint32_t)(d0 + dd * moving_t(t0, dt, end - 1)) == whole) {
		return end;
	}
	uint32_t lo = i, hi = end - 1; /* lo has that whole part, hi another */
	while (hi - lo > 1) {
		const uint32_t mid = lo + (hi - lo) / 2;
		if ((uint32_t)(d0 + dd * moving_t(t0, dt, mid)) == whole) {
			lo = mid;
		} else {
			hi = mid;
		}
	}
	return hi;
}

/* A sound whose gain moves at a whole delay that holds still (the near
 * ear, on headphones): what add_moving would add, with no later share,
 * in one pass. */
static inline void
add_gained(float* ring, uint32_t k, const float* x, uint32_t n, float g0, float dg, float t0,
           float dt)
{
	uint32_t i = 0;
	while (i < n) {
		const uint32_t end = contiguous_end(k, i, n);
		float* restrict out = ring + ((k + i) & (SPATIAL_RING - 1u)); /* frame k + i */
		for (uint32_t j = i; j < end; ++j) {
			out[j - i] += (g0 + dg * moving_t(t0, dt, j)) * x[j];
		}
		i = end;
	}
}

/* Most frames add_moving takes in one piece. */
#define MOVING_PIECE 64u

/* A moving sound: gain and delay interpolated per frame.  Each frame is
 * split between the two ring frames around its delay; over a run of
 * frames whose delay has the same whole part those are contiguous, so the
 * shares are computed into two arrays and added in one vectorised pass,
 * adding to every ring frame what a frame-by-frame splat would, in the
 * same order. */
SIMD_CLONES static void
add_moving(float* ring, uint32_t k, const float* x, uint32_t n, float g0, float dg, float d0,
           float dd, float t0, float dt)
{
	if (dd == 0.0f && d0 == (float)(uint32_t)d0) {
		add_gained(ring, k + (uint32_t)d0, x, n, g0, dg, t0, dt);
		return;
	}
	float a[MOVING_PIECE], b[MOVING_PIECE];
	uint32_t i = 0;
	while (i < n) {
		const uint32_t limit = n - i < MOVING_PIECE ? n : i + MOVING_PIECE;
		const uint32_t end = same_whole_end(d0, dd, t0, dt, i, limit);
		const uint32_t whole = (uint32_t)(d0 + dd * moving_t(t0, dt, i));
		for (uint32_t j = i; j < end; ++j) {
			const float t = moving_t(t0, dt, j);
			const float g = (g0 + dg * t) * x[j];
			const float frac = (d0 + dd * t) - (float)whole;
			a[j - i] = g * (1.0f - frac);
			b[j - i] = g * frac;
		}
		add_shares(ring, k + i + whole, a, 1.0f, b, 1.0f, end - i);
		i = end;
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

/* out[j] = ring[j], leaving the ring cleared, in one vector pass.  GCC
 * would make a memcpy and a memset of the loop, expanded inline to string
 * instructions that cost more for a chunk than this whole pass. */
#if defined(__GNUC__) && !defined(__clang__)
__attribute__((optimize("no-tree-loop-distribute-patterns")))
#endif
SIMD_CLONES static void
take(float* restrict left, float* restrict right, float* restrict ring_l, float* restrict ring_r,
     uint32_t n)
{
	for (uint32_t j = 0; j < n; ++j) {
		left[j] = ring_l[j];
		right[j] = ring_r[j];
		ring_l[j] = 0.0f;
		ring_r[j] = 0.0f;
	}
}

void
spatial_read(Spatial* sp, float* left, float* right, uint32_t n)
{
	const uint32_t mask = SPATIAL_RING - 1u;
	uint32_t done = 0;
	while (done < n) { /* at most two contiguous runs */
		const uint32_t at = (sp->now + done) & mask;
		const uint32_t m = contiguous_end(at, 0, n - done);
		take(left + done, right + done, sp->ring[0] + at, sp->ring[1] + at, m);
		done += m;
	}
	sp->now = (sp->now + n) & mask;
}
