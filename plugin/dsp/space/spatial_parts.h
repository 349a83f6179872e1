/* SPDX-License-Identifier: ISC */
/* What spatial.c and its plain version spatial_reference.c share: the
 * frame-at-a-time arithmetic, and the public functions' bodies, taking the
 * kernel that does their frames (inlined: a direct call in each). */
#ifndef SOMASCAPE_SPATIAL_PARTS_H
#define SOMASCAPE_SPATIAL_PARTS_H

#include "spatial.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#define RING_MASK (SPATIAL_RING - 1u)

/* The gains of a still sound in one ear: a frame's own share (ga) goes
 * to its ring frame, its fraction's share (gb) to the next one. */
typedef struct {
	float ga, gb;
} StillEar;

/* One frame of a still sound into both ears (splat8 in spatial.c, eight
 * at once): a = x[j], b = x[j - 1]. */
static inline __attribute__((always_inline)) void
splat1(float* restrict left, float* restrict right, float a, float b, StillEar l, StillEar r,
       bool two_l, bool two_r)
{
	*left = two_l ? (*left + l.gb * b) + l.ga * a : *left + l.ga * a;
	*right = two_r ? (*right + r.gb * b) + r.ga * a : *right + r.ga * a;
}

/* One ear of a moving read: its gain and delay at grid position t are
 * g0 + dg t and d0 + dd t. */
typedef struct {
	float g0, dg, d0, dd;
} MovingEar;

/* The whole part of the delay at frame j, at grid position t0 + dt j. */
static inline int32_t
moving_whole(const MovingEar* m, uint32_t j, float t0, float dt)
{
	return (int32_t)(m->d0 + m->dd * (t0 + dt * (float)(int32_t)j));
}

/* One frame of one ear at grid position t, its delay's whole part wf (as
 * a float), from the two past frames around it, p[0] (earlier) and p[1].
 * An ear `still` at no delay reads p[1] alone: its fraction is 0. */
static inline __attribute__((always_inline)) float
moving_frame(const MovingEar* m, bool still, float wf, const float* p, float t)
{
	const float g = m->g0 + m->dg * t;
	if (still) {
		return g * p[1];
	}
	const float frac = (m->d0 + m->dd * t) - wf;
	return g * (p[1] + frac * (p[0] - p[1]));
}

/* Both ears of a still sound, frames x[0 .. n), at their gains (a frame's
 * own share ga, its fraction's gb) from where each ear's frame 0 lands. */
typedef void StillEarsKernel(float* restrict left, float* restrict right, const float* restrict x,
                             uint32_t n, float ga_l, float gb_l, float ga_r, float gb_r);
/* Both ears of a moving read of the past (spatial.c, read_moving). */
typedef void MovingKernel(float* restrict left, float* restrict right, const float* restrict past,
                          uint32_t now, uint32_t n, const MovingEar* ears, float t0, float dt);

static inline __attribute__((always_inline)) void
spatial_add_with(Spatial* sp, const float* x, uint32_t at, uint32_t n, const Placement* p,
                 StillEarsKernel* add_still_ears)
{
	if (at >= SPATIAL_STILL_AHEAD - 1u) {
		return; /* out of reach (never in a chunk) */
	}
	n = n < SPATIAL_STILL_AHEAD - 1u - at ? n : SPATIAL_STILL_AHEAD - 1u - at;
	if (n == 0) {
		return;
	}
	const uint32_t farthest = SPATIAL_STILL_AHEAD - 1u - at - n; /* the largest whole delay */
	float* out[2];
	float ga[2], gb[2];
	for (int ear = 0; ear < 2; ++ear) {
		uint32_t whole = (uint32_t)p->delay[ear];
		const float frac = p->delay[ear] - (float)whole;
		whole = whole < farthest ? whole : farthest;
		const float g = p->gain[ear];
		const uint32_t k = sp->now + at + whole; /* where frame 0 lands */
		out[ear] = sp->ring[ear] + k;
		ga[ear] = g * (1.0f - frac);
		gb[ear] = g * frac;
		sp->reach = k + n + 1u > sp->reach ? k + n + 1u : sp->reach;
	}
	add_still_ears(out[0], out[1], x, n, ga[0], gb[0], ga[1], gb[1]);
}

static inline __attribute__((always_inline)) void
spatial_track_add_with(SpatialTrack* tr, const float* x, uint32_t n, const Placement* p0,
                       const Placement* p1, float t0, float dt, float* left, float* right,
                       MovingKernel* read_moving)
{
	if (!x && tr->silent >= SPATIAL_RING) {
		return; /* nothing left to come out */
	}
	for (uint32_t i = 0; i < n;) { /* in at most two contiguous runs */
		const uint32_t at = (tr->now + i) & RING_MASK;
		const uint32_t m = n - i < SPATIAL_RING - at ? n - i : SPATIAL_RING - at;
		if (x) {
			memcpy(tr->past + at, x + i, m * sizeof(float));
		} else {
			memset(tr->past + at, 0, m * sizeof(float));
		}
		i += m;
	}
	memcpy(tr->past + SPATIAL_RING, tr->past, (SPATIAL_TRACK_PAD + 1u) * sizeof(float));
	tr->silent = x ? 0 : tr->silent + n;
	MovingEar ears[2];
	for (int e = 0; e < 2; ++e) {
		ears[e] = (MovingEar){p0->gain[e], p1->gain[e] - p0->gain[e], p0->delay[e],
		                      p1->delay[e] - p0->delay[e]};
	}
	read_moving(left, right, tr->past, tr->now, n, ears, t0, dt);
	tr->now = (tr->now + n) & RING_MASK;
}

#endif
