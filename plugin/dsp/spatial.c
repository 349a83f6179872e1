/* SPDX-License-Identifier: ISC */
#include "spatial.h"

#include "approx.h"
#include "simd.h"

#include <math.h>
#include <stdbool.h>
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

	/* Headphones: far ear softer and later; power kept constant. */
	const float azimuth = fabsf(p) * (float)(M_PI / 2.0);
	const double sin_azimuth = approx_sin(azimuth); /* for both differences */
	const float ild_db = -SPATIAL_ILD_DB * (float)sin_azimuth / 20.0f; /* 0 .. -0.5 */
	const float far_rel = (float)approx_exp(M_LN10 * (double)ild_db); /* 10^ild_db */
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

/* out[j] += g * x[j] for j < n, eight at a time. */
static inline __attribute__((always_inline)) void
add_one_tap(float* restrict out, const float* restrict x, uint32_t n, float g)
{
	uint32_t j = 0;
	for (; j + 8u <= n; j += 8u) {
		Floats8 o, a;
		floats8_load(&o, out + j);
		floats8_load(&a, x + j);
		o += g * a;
		floats8_store(out + j, &o);
	}
	for (; j < n; ++j) {
		out[j] += g * x[j];
	}
}

/* out[j] = (out[j] + gb * x[j - 1]) + ga * x[j] for j < n, where x[-1]
 * stands for `before`, eight at a time. */
static inline __attribute__((always_inline)) void
add_two_taps(float* restrict out, const float* restrict x, uint32_t n, float ga, float gb,
             float before)
{
	uint32_t j = 0;
	if (n >= 8u) {
		float first[8] = {before};
		memcpy(first + 1, x, 7 * sizeof(float));
		for (; j + 8u <= n; j += 8u) {
			Floats8 o, a, b;
			floats8_load(&o, out + j);
			floats8_load(&a, x + j);
			floats8_load(&b, j == 0 ? first : x + j - 1);
			o = (o + gb * b) + ga * a;
			floats8_store(out + j, &o);
		}
	}
	for (; j < n; ++j) {
		out[j] = (out[j] + gb * (j == 0 ? before : x[j - 1])) + ga * x[j];
	}
}

/* A still sound at a fixed fractional delay: frame j of it (j < n) adds
 * ga * x[j] to ring frame k + j and gb * x[j] to k + j + 1.  To every ring
 * frame the earlier sound frame's share goes in first, as it does when
 * the sound arrives in two chunks, so the sum is the same for any
 * chunking (the first frame's "earlier share" is a zero: the chunk before
 * gave its own).  In at most two contiguous runs. */
static inline __attribute__((always_inline)) void
add_still(float* ring, uint32_t k, const float* x, uint32_t n, float ga, float gb)
{
	const uint32_t start = k & (SPATIAL_RING - 1u);
	const uint32_t first = n < SPATIAL_RING - start ? n : SPATIAL_RING - start;
	if (gb == 0.0f) { /* no later share: one product a frame */
		add_one_tap(ring + start, x, first, ga);
		add_one_tap(ring, x + first, n - first, ga);
		return;
	}
	add_two_taps(ring + start, x, first, ga, gb, 0.0f);
	if (first < n) {
		add_two_taps(ring, x + first, n - first, ga, gb, x[first - 1]);
	}
	ring[(k + n) & (SPATIAL_RING - 1u)] += gb * x[n - 1]; /* the last frame's later share */
}

/* Both ears of spatial_add: a fixed two-tap splat each, frame j at the
 * delay's whole part k, its fraction's share (gb) one frame later. */
SIMD_CLONES static void
add_still_ears(Spatial* sp, const uint32_t k[2], const float* x, uint32_t n, const float ga[2],
               const float gb[2])
{
	add_still(sp->ring[0], k[0], x, n, ga[0], gb[0]);
	add_still(sp->ring[1], k[1], x, n, ga[1], gb[1]);
}

void
spatial_add(Spatial* sp, const float* x, uint32_t at, uint32_t n, const Placement* p)
{
	if (n == 0) {
		return;
	}
	uint32_t k[2];
	float ga[2], gb[2];
	for (int ear = 0; ear < 2; ++ear) {
		const uint32_t whole = (uint32_t)p->delay[ear];
		const float frac = p->delay[ear] - (float)whole;
		const float g = p->gain[ear];
		k[ear] = sp->now + at + whole;
		ga[ear] = g * (1.0f - frac);
		gb[ear] = g * frac;
	}
	add_still_ears(sp, k, x, n, ga, gb);
}

void
spatial_track_clear(SpatialTrack* tr)
{
	memset(tr->past, 0, sizeof(tr->past));
	tr->now = 0;
	tr->silent = SPATIAL_RING;
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

#define RING_MASK (SPATIAL_RING - 1u)

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
read_moving(float* restrict left, float* restrict right, const float* restrict past,
            uint32_t now, uint32_t n, const MovingEar* ears, float t0, float dt)
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
spatial_track_add(SpatialTrack* tr, const float* x, uint32_t n, const Placement* p0,
                  const Placement* p1, float t0, float dt, float* left, float* right)
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

void
spatial_turn(Spatial* sp)
{
	float turned[SPATIAL_RING];
	for (int ear = 0; ear < 2; ++ear) {
		memcpy(turned, sp->ring[ear] + sp->now, (SPATIAL_RING - sp->now) * sizeof(float));
		memcpy(turned + SPATIAL_RING - sp->now, sp->ring[ear], sp->now * sizeof(float));
		memcpy(sp->ring[ear], turned, sizeof(turned));
	}
	sp->now = 0;
}
