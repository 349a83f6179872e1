/* SPDX-License-Identifier: ISC */
#include "spatial_parts.h"

#include "approx.h"
#include "grid.h"
#include "simd.h"

#include <math.h>
#include <stdbool.h>
#include <stddef.h>
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
	sp->reach = 0;
}

Placement
spatial_placement(double rate, float pos, float speakers)
{
	const float p = pos < -1.0f ? -1.0f : pos > 1.0f ? 1.0f : pos;

	/* Headphones: far ear softer and later; power kept constant. */
	const float azimuth = fabsf(p) * (float)(M_PI / 2.0);
	const double sin_azimuth = approx_sin(azimuth);                    /* for both differences */
	const float ild_db = -SPATIAL_ILD_DB * (float)sin_azimuth / 20.0f; /* 0 .. -0.5 */
	const float far_rel = (float)approx_exp(M_LN10 * (double)ild_db);  /* 10^ild_db */
	const float near_g = 1.0f / sqrtf(1.0f + far_rel * far_rel);
	const float far_g = far_rel * near_g;
	const double itd_s = HEAD_RADIUS_M / SPEED_OF_SOUND * (azimuth + sin_azimuth);
	const float itd = (float)(itd_s * rate) * (1.0f - speakers);

	const int right_near = p >= 0.0f;
	Placement out;
	out.gain[0] = right_near ? far_g : near_g;
	out.gain[1] = right_near ? near_g : far_g;
	out.delay[0] = right_near ? itd : 0.0f;
	out.delay[1] = right_near ? 0.0f : itd;
	if (speakers != 0.0f) { /* blended by 0, the headphones' gains stay as they are */
		/* Speakers: equal power, sums to constant power at every position. */
		const float angle = (p + 1.0f) * (float)(M_PI / 4.0);
		const float spk[2] = {(float)approx_cos(angle), (float)approx_sin(angle)};
		for (int ear = 0; ear < 2; ++ear) {
			out.gain[ear] += (spk[ear] - out.gain[ear]) * speakers;
		}
	}
	return out;
}

/* Eight frames of a still sound, a = x[j ..] and b = x[j - 1 ..], into
 * the ring frames of both ears: each gets ga * a and, with two taps,
 * first the earlier sound frame's share gb * b. */
static inline __attribute__((always_inline)) void
splat8(float* restrict left, float* restrict right, Floats8 a, Floats8 b, StillEar l, StillEar r,
       bool two_l, bool two_r)
{
	Floats8 o;
	floats8_load(&o, left);
	o = two_l ? (o + l.gb * b) + l.ga * a : o + l.ga * a;
	floats8_store(left, &o);
	floats8_load(&o, right);
	o = two_r ? (o + r.gb * b) + r.ga * a : o + r.ga * a;
	floats8_store(right, &o);
}

/* A still sound at a fixed fractional delay, into both ears at once:
 * frame j of it (j < n) adds ga * x[j] to ring frame j of its ear and,
 * for an ear with two taps, gb * x[j] to frame j + 1.  To every ring
 * frame the earlier sound frame's share goes in first, as it does when
 * the sound arrives in two chunks, so the sum is the same for any
 * chunking (the first frame's "earlier share" is a zero lane: the chunk
 * before gave its own).  An ear at a whole delay has one tap: one product
 * a frame.  Both ears share the loads of x. */
static inline __attribute__((always_inline)) void
splat_ears(float* restrict left, float* restrict right, const float* restrict x, size_t n,
           StillEar l, StillEar r, bool two_l, bool two_r)
{
	size_t j = 0;
	if (n >= 8u) {
		Floats8 a, b = {0.0f};
		floats8_load(&a, x);
		if (two_l || two_r) { /* x[-1 .. 6], a zero lane and then a */
			b = __builtin_shufflevector(b, a, 0, 8, 9, 10, 11, 12, 13, 14);
		}
		splat8(left, right, a, b, l, r, two_l, two_r);
		for (j = 8u; j + 8u <= n; j += 8u) {
			floats8_load(&a, x + j);
			if (two_l || two_r) {
				floats8_load(&b, x + j - 1);
			}
			splat8(left + j, right + j, a, b, l, r, two_l, two_r);
		}
	}
	if (n % 8u != 0u) { /* never, for a whole grid step */
		for (; j < n; ++j) {
			splat1(left + j, right + j, x[j], j == 0 ? 0.0f : x[j - 1], l, r, two_l, two_r);
		}
	}
	if (two_l) {
		left[n] += l.gb * x[n - 1]; /* the last frame's later share */
	}
	if (two_r) {
		right[n] += r.gb * x[n - 1];
	}
}

/* splat_ears with the taps of each ear known when compiled: on
 * headphones the near ear is at no delay, on speakers both are. */
static inline __attribute__((always_inline)) void
splat_taps(float* restrict left, float* restrict right, const float* restrict x, size_t n,
           StillEar l, StillEar r)
{
	switch ((l.gb != 0.0f) | (r.gb != 0.0f) << 1) {
	case 0:
		splat_ears(left, right, x, n, l, r, false, false);
		break;
	case 1:
		splat_ears(left, right, x, n, l, r, true, false);
		break;
	case 2:
		splat_ears(left, right, x, n, l, r, false, true);
		break;
	default:
		splat_ears(left, right, x, n, l, r, true, true);
	}
}

/* Both ears of spatial_add, their gains passed in registers.  A voice
 * mostly sounds for whole grid steps: a chunk of that length is splatted
 * with no loop left to run. */
SIMD_CLONES static void
add_still_ears(float* restrict left, float* restrict right, const float* restrict x, uint32_t n,
               float ga_l, float gb_l, float ga_r, float gb_r)
{
	const StillEar l = {ga_l, gb_l}, r = {ga_r, gb_r};
	if (n == GRID_FRAMES) {
		splat_taps(left, right, x, GRID_FRAMES, l, r);
	} else {
		splat_taps(left, right, x, n, l, r);
	}
}

void
spatial_track_clear(SpatialTrack* tr)
{
	memset(tr->past, 0, sizeof(tr->past));
	tr->now = 0;
	tr->silent = SPATIAL_RING;
}

/* The end of the run of frames from j (before n) whose delay has the whole
 * part `whole`: the delay is monotonic in j (each operation on it rounds
 * monotonically), so the run ends where its whole part first differs,
 * found by halving. */
static inline uint32_t
run_end(const MovingEar* m, uint32_t j, uint32_t n, int32_t whole, float t0, float dt)
{
	if (moving_whole(m, n - 1u, t0, dt) == whole) {
		return n;
	}
	uint32_t lo = j, hi = n - 1u; /* whole at lo, not at hi */
	while (hi - lo > 1u) {
		const uint32_t mid = lo + (hi - lo) / 2u;
		if (moving_whole(m, mid, t0, dt) == whole) {
			lo = mid;
		} else {
			hi = mid;
		}
	}
	return hi;
}

/* The same for eight frames, from eight neighbouring past frames, added
 * to out. */
static inline __attribute__((always_inline)) void
moving_frames8(const MovingEar* m, bool still, float wf, const float* p, Floats8 t, float* out)
{
	const Floats8 g = m->g0 + m->dg * t;
	Floats8 a, o;
	floats8_load(&a, p + 1);
	floats8_load(&o, out);
	if (still) {
		o += g * a;
	} else {
		Floats8 b;
		floats8_load(&b, p);
		const Floats8 frac = (m->d0 + m->dd * t) - wf;
		o += g * (a + frac * (b - a));
	}
	floats8_store(out, &o);
}

/* read_moving for ears that are still or not, known when compiled. */
static inline __attribute__((always_inline)) void
read_runs(float* restrict left, float* restrict right, const float* restrict past, uint32_t now,
          uint32_t n, const MovingEar* ears, bool still_l, bool still_r, float t0, float dt)
{
	const MovingEar l = ears[0], r = ears[1];
	uint32_t j = 0;
	while (j < n) {
		/* the run from j where neither ear's whole part changes; frame j
		 * reads past[at] and past[at + 1] of each ear's at */
		const int32_t wl = still_l ? 0 : moving_whole(&l, j, t0, dt);
		const int32_t wr = still_r ? 0 : moving_whole(&r, j, t0, dt);
		uint32_t end = still_l ? n : run_end(&l, j, n, wl, t0, dt);
		end = still_r ? end : run_end(&r, j, end, wr, t0, dt);
		const float wlf = (float)wl, wrf = (float)wr;
		uint32_t at_l = (now + j - (uint32_t)wl - 1u) & RING_MASK;
		uint32_t at_r = (now + j - (uint32_t)wr - 1u) & RING_MASK;
		Floats8 jv = {0.0f, 1.0f, 2.0f, 3.0f, 4.0f, 5.0f, 6.0f, 7.0f};
		jv += (float)(int32_t)j;
		for (; j + 8u <= end; j += 8u) {
			const Floats8 t = t0 + dt * jv;
			moving_frames8(&l, still_l, wlf, past + at_l, t, left + j);
			moving_frames8(&r, still_r, wrf, past + at_r, t, right + j);
			at_l = (at_l + 8u) & RING_MASK;
			at_r = (at_r + 8u) & RING_MASK;
			jv += 8.0f;
		}
		for (; j < end; ++j) {
			const float t = t0 + dt * (float)(int32_t)j;
			left[j] += moving_frame(&l, still_l, wlf, past + at_l, t);
			right[j] += moving_frame(&r, still_r, wrf, past + at_r, t);
			at_l = (at_l + 1u) & RING_MASK;
			at_r = (at_r + 1u) & RING_MASK;
		}
	}
}

/* Adds to left[j] and right[j] (j < n) the track's frame now + j read at a
 * gain and a delay moving linearly with its grid position t0 + dt j: the
 * two past frames around the delay, interpolated.
 *
 * The delay moves by a small part of a frame per frame, so its whole part
 * stays the same over runs of many frames: a run reads neighbouring frames
 * of the past, eight at a time in vector loads rather than a gather, for
 * both ears at once.  The past's padding lets eight start anywhere in the
 * ring.  Each frame is computed the same way in the vector loop and in
 * the rest, so the samples do not depend on where runs and chunks begin.
 * The near ear mostly stays at no delay (on speakers both do): it needs
 * no interpolation. */
SIMD_CLONES static void
read_moving(float* restrict left, float* restrict right, const float* restrict past, uint32_t now,
            uint32_t n, const MovingEar* ears, float t0, float dt)
{
	const bool still_l = ears[0].d0 == 0.0f && ears[0].dd == 0.0f;
	const bool still_r = ears[1].d0 == 0.0f && ears[1].dd == 0.0f;
	if (still_l && still_r) {
		read_runs(left, right, past, now, n, ears, true, true, t0, dt);
	} else if (still_l) {
		read_runs(left, right, past, now, n, ears, true, false, t0, dt);
	} else if (still_r) {
		read_runs(left, right, past, now, n, ears, false, true, t0, dt);
	} else {
		read_runs(left, right, past, now, n, ears, false, false, t0, dt);
	}
}

void
spatial_add(Spatial* sp, const float* x, uint32_t at, uint32_t n, const Placement* p)
{
	spatial_add_with(sp, x, at, n, p, add_still_ears);
}

void
spatial_track_add(SpatialTrack* tr, const float* x, uint32_t n, const Placement* p0,
                  const Placement* p1, float t0, float dt, float* left, float* right)
{
	spatial_track_add_with(tr, x, n, p0, p1, t0, dt, left, right, read_moving);
}

/* One pass (GCC would make calls to memcpy and memset of it, which cost
 * more for these few frames than the pass). */
#if defined(__GNUC__) && !defined(__clang__)
__attribute__((optimize("no-tree-loop-distribute-patterns")))
#endif
void
spatial_move_down(Spatial* sp)
{
	const uint32_t m = sp->reach > SPATIAL_RING ? sp->reach - SPATIAL_RING : 0u;
	float* restrict low_l = sp->ring[0];
	float* restrict low_r = sp->ring[1];
	float* restrict high_l = sp->ring[0] + SPATIAL_RING;
	float* restrict high_r = sp->ring[1] + SPATIAL_RING;
	for (uint32_t j = 0; j < m; ++j) {
		low_l[j] = high_l[j];
		low_r[j] = high_r[j];
		high_l[j] = 0.0f;
		high_r[j] = 0.0f;
	}
	sp->reach = m;
	sp->now -= SPATIAL_RING;
}
