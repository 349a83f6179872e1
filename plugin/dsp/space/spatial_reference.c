/* SPDX-License-Identifier: ISC */
/* The plain versions of spatial.c's kernels (spatial_reference.h). */
#include "spatial_reference.h"

#include "spatial_parts.h"

/* add_still_ears(): every frame as splat_ears() does its last ones, an ear
 * with a fraction (gb != 0) taking two taps. */
static void
still_ears_plain(float* restrict left, float* restrict right, const float* restrict x, uint32_t n,
                 float ga_l, float gb_l, float ga_r, float gb_r)
{
	const StillEar l = {ga_l, gb_l}, r = {ga_r, gb_r};
	const bool two_l = gb_l != 0.0f, two_r = gb_r != 0.0f;
	for (uint32_t j = 0; j < n; ++j) {
		splat1(left + j, right + j, x[j], j == 0 ? 0.0f : x[j - 1], l, r, two_l, two_r);
	}
	if (two_l) {
		left[n] += l.gb * x[n - 1];
	}
	if (two_r) {
		right[n] += r.gb * x[n - 1];
	}
}

/* read_moving(): each frame's whole delay found afresh, rather than held
 * over a run of frames. */
static void
moving_plain(float* restrict left, float* restrict right, const float* restrict past, uint32_t now,
             uint32_t n, const MovingEar* ears, float t0, float dt)
{
	float* out[2] = {left, right};
	for (int e = 0; e < 2; ++e) {
		const MovingEar* m = &ears[e];
		const bool still = m->d0 == 0.0f && m->dd == 0.0f;
		for (uint32_t j = 0; j < n; ++j) {
			const int32_t whole = still ? 0 : moving_whole(m, j, t0, dt);
			const uint32_t at = (now + j - (uint32_t)whole - 1u) & RING_MASK;
			const float t = t0 + dt * (float)(int32_t)j;
			out[e][j] += moving_frame(m, still, (float)whole, past + at, t);
		}
	}
}

void
spatial_add_reference(Spatial* sp, const float* x, uint32_t at, uint32_t n, const Placement* p)
{
	spatial_add_with(sp, x, at, n, p, still_ears_plain);
}

void
spatial_track_add_reference(SpatialTrack* tr, const float* x, uint32_t n, const Placement* p0,
                            const Placement* p1, float t0, float dt, float* left, float* right)
{
	spatial_track_add_with(tr, x, n, p0, p1, t0, dt, left, right, moving_plain);
}
