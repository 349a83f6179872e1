/* SPDX-License-Identifier: ISC */
/* The drone's frames: its partials a stride at a time, placed across the
 * stereo field, and the Ocean's noise (drone.h). */
#include "drone.h"

#include "simd.h"

#include <string.h>

/* One quad, [re x 4 | im x 4], or eight frames: AVX's width, two SSE
 * registers.  GCC and Clang both take this extension. */
typedef float Quad __attribute__((vector_size(DRONE_QUAD_WIDTH * sizeof(float))));
_Static_assert(DRONE_STRIDE == DRONE_QUAD_WIDTH, "a stride's frames fill one vector");

/* By pointer: a Quad passed by value has a different ABI with AVX. */
static inline __attribute__((always_inline)) void
quad_load(Quad* v, const float* x)
{
	memcpy(v, x, sizeof(*v));
}

static inline __attribute__((always_inline)) void
quad_store(float* x, const Quad* v)
{
	memcpy(x, v, sizeof(*v));
}

/* Sums of neighbouring lanes within each half:
 * (a0+a1, a2+a3, b0+b1, b2+b3 | a4+a5, a6+a7, b4+b5, b6+b7), AVX's
 * horizontal add.  By pointer, as the loads. */
static inline __attribute__((always_inline)) void
pair_sums(Quad* out, const Quad* a, const Quad* b)
{
	*out = __builtin_shufflevector(*a, *b, 0, 2, 8, 10, 4, 6, 12, 14) +
	       __builtin_shufflevector(*a, *b, 1, 3, 9, 11, 5, 7, 13, 15);
}

/* Element j: the sum of v[j]'s lanes, ((0+1)+(2+3))+((4+5)+(6+7)). */
static inline __attribute__((always_inline)) void
lane_sums(Quad* out, const Quad* v)
{
	Quad p[4], low, high;
	pair_sums(&p[0], &v[0], &v[1]);
	pair_sums(&p[1], &v[2], &v[3]);
	pair_sums(&p[2], &v[4], &v[5]);
	pair_sums(&p[3], &v[6], &v[7]);
	pair_sums(&low, &p[0], &p[1]);
	pair_sums(&high, &p[2], &p[3]);
	*out = __builtin_shufflevector(low, high, 0, 1, 2, 3, 8, 9, 10, 11) +
	       __builtin_shufflevector(low, high, 4, 5, 6, 7, 12, 13, 14, 15);
}

/* The first `count` quads for n frames from grid_at, placed and swelled,
 * added to left and right.  A stride is computed whole, its frames kept
 * as the chunk asks, and the state turned on when the stride is done, so
 * a frame's value does not depend on the chunking.  count is a constant
 * in each caller, so the state lives in registers. */
static inline __attribute__((always_inline)) void
render_quads(Drone* d, float* restrict left, float* restrict right, uint32_t n,
             uint32_t grid_at, const uint32_t count)
{
	Quad z[DRONE_QUADS];
	#pragma GCC unroll 9
	for (uint32_t q = 0; q < count; ++q) {
		quad_load(&z[q], d->z[q]);
	}
	const float* pl = d->pan_l;
	const float* pr = d->pan_r;
	const Quad place_l = {pl[0], pl[1], pl[2], pl[3], pl[0], pl[1], pl[2], pl[3]};
	const Quad place_r = {pr[0], pr[1], pr[2], pr[3], pr[0], pr[1], pr[2], pr[3]};
	const float dg = (d->gain[1] - d->gain[0]) * (1.0f / GRID_FRAMES);
	const Quad iota = {0.0f, 1.0f, 2.0f, 3.0f, 4.0f, 5.0f, 6.0f, 7.0f};
	for (uint32_t i = 0; i < n;) {
		const uint32_t first = (grid_at + i) % DRONE_STRIDE;
		const uint32_t len = DRONE_STRIDE - first < n - i ? DRONE_STRIDE - first : n - i;
		Quad on_l[DRONE_STRIDE], on_r[DRONE_STRIDE];
		#pragma GCC unroll 8
		for (uint32_t j = 0; j < DRONE_STRIDE; ++j) {
			Quad turn, sum;
			quad_load(&turn, d->frame_turn[0][j]);
			sum = z[0] * turn;
			#pragma GCC unroll 9
			for (uint32_t q = 1; q < count; ++q) {
				quad_load(&turn, d->frame_turn[q][j]);
				sum += z[q] * turn;
			}
			on_l[j] = sum * place_l;
			on_r[j] = sum * place_r;
		}
		/* from the frames' places in the grid step: the same for any chunking */
		const Quad gain = d->gain[0] + dg * ((float)(grid_at + i - first) + iota);
		Quad out_l, out_r;
		lane_sums(&out_l, on_l);
		lane_sums(&out_r, on_r);
		out_l *= gain;
		out_r *= gain;
		if (len == DRONE_STRIDE) {
			Quad l, r;
			quad_load(&l, left + i);
			quad_load(&r, right + i);
			l += out_l;
			r += out_r;
			quad_store(left + i, &l);
			quad_store(right + i, &r);
		} else {
			for (uint32_t k = 0; k < len; ++k) {
				left[i + k] += out_l[first + k];
				right[i + k] += out_r[first + k];
			}
		}
		if (first + len == DRONE_STRIDE) {
			#pragma GCC unroll 9
			for (uint32_t q = 0; q < count; ++q) {
				Quad c, s;
				quad_load(&c, d->stride_c[q]);
				quad_load(&s, d->stride_s[q]);
				const Quad swapped = __builtin_shufflevector(z[q], z[q], 4, 5, 6, 7, 0, 1, 2, 3);
				z[q] = z[q] * c + swapped * s;
			}
		}
		i += len;
	}
	#pragma GCC unroll 9
	for (uint32_t q = 0; q < count; ++q) {
		quad_store(d->z[q], &z[q]);
	}
}

SIMD_CLONES static void
drone_partials(Drone* d, float* restrict left, float* restrict right, uint32_t n, uint32_t grid_at)
{
	_Static_assert(DRONE_QUADS == 9, "one case a quad count");
	switch (d->quads_on) {
	case 1: render_quads(d, left, right, n, grid_at, 1); break;
	case 2: render_quads(d, left, right, n, grid_at, 2); break;
	case 3: render_quads(d, left, right, n, grid_at, 3); break;
	case 4: render_quads(d, left, right, n, grid_at, 4); break;
	case 5: render_quads(d, left, right, n, grid_at, 5); break;
	case 6: render_quads(d, left, right, n, grid_at, 6); break;
	case 7: render_quads(d, left, right, n, grid_at, 7); break;
	case 8: render_quads(d, left, right, n, grid_at, 8); break;
	default: render_quads(d, left, right, n, grid_at, 9); break;
	}
}

static float
low_pass(DroneLowPass* f, float coef, float x)
{
	f->y1 += coef * (x - f->y1);
	f->y2 += coef * (f->y1 - f->y2);
	return f->y2;
}

/* Two noises, shared and apart, give a wide but not split sea. */
static void
render_ocean(Drone* d, float* left, float* right, uint32_t n, uint32_t grid_at)
{
	const float* ng = d->noise_gain;
	const float step = (ng[1] - ng[0]) * (1.0f / GRID_FRAMES);
	const float coef = d->low_pass_coef;
	DroneLowPass lp_l = d->low_pass[0], lp_r = d->low_pass[1];
	Rng rng = d->rng;
	for (uint32_t i = 0; i < n; ++i) {
		const float gain = ng[0] + step * (float)(grid_at + i);
		/* one draw, two 16-bit noises: half the generator's latency */
		const uint32_t bits = rng_next(&rng);
		const float shared = (float)(int16_t)(bits >> 16) * (1.0f / 32768.0f);
		const float apart = (float)(int16_t)bits * (0.5f / 32768.0f);
		left[i] += gain * low_pass(&lp_l, coef, shared + apart);
		right[i] += gain * low_pass(&lp_r, coef, shared - apart);
	}
	d->low_pass[0] = lp_l;
	d->low_pass[1] = lp_r;
	d->rng = rng;
}

void
drone_render(Drone* d, float* left, float* right, uint32_t n, uint32_t grid_at)
{
	if (d->gain[0] == 0.0f && d->gain[1] == 0.0f) {
		return;
	}
	if (d->quads_on > 0) {
		drone_partials(d, left, right, n, grid_at);
	}
	if (d->noise_gain[0] != 0.0f || d->noise_gain[1] != 0.0f) {
		render_ocean(d, left, right, n, grid_at);
	}
}
