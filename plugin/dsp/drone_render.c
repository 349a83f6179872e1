/* SPDX-License-Identifier: ISC */
/* The drone's frames: its partials a stride at a time, placed across the
 * stereo field, and the Ocean's noise (drone.h). */
#include "drone.h"

#include "simd.h"

#include <string.h>

/* One quad, [re x 4 | im x 4], or eight frames: AVX's width. */
typedef Floats8 Quad;
_Static_assert(sizeof(Quad) == DRONE_QUAD_WIDTH * sizeof(float), "a quad fills a vector");
_Static_assert(DRONE_STRIDE == DRONE_QUAD_WIDTH, "a stride's frames fill one vector");

/* Adds frames [first, first + len) of a stride's output to left and right
 * (from their first frame): a whole stride in one vector pass. */
static inline __attribute__((always_inline)) void
add_stride(float* restrict left, float* restrict right, const Quad* out_l, const Quad* out_r,
           uint32_t first, uint32_t len)
{
	if (len == DRONE_STRIDE) {
		Quad l, r;
		floats8_load(&l, left);
		floats8_load(&r, right);
		l += *out_l;
		r += *out_r;
		floats8_store(left, &l);
		floats8_store(right, &r);
		return;
	}
	for (uint32_t k = 0; k < len; ++k) {
		left[k] += (*out_l)[first + k];
		right[k] += (*out_r)[first + k];
	}
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

/* Eight frames of one channel from the frames' sums by place, two frames
 * a vector (places 0..3 of frame 2k | of frame 2k + 1), each place
 * weighted by its gain into the channel.  The sum of a frame is
 * (0 + 1) + (2 + 3) in the places' order, whatever the chunking. */
static inline __attribute__((always_inline)) void
place_frames(Quad* out, const Quad* by_place, const Quad* weight)
{
	Quad w[4], low, high, all;
	#pragma GCC unroll 4
	for (uint32_t k = 0; k < 4; ++k) {
		w[k] = by_place[k] * *weight;
	}
	pair_sums(&low, &w[0], &w[1]);  /* frames 0 2 1 3, two halves each */
	pair_sums(&high, &w[2], &w[3]); /* frames 4 6 5 7 */
	pair_sums(&all, &low, &high);   /* 0 2 4 6 | 1 3 5 7 */
	*out = __builtin_shufflevector(all, all, 0, 4, 1, 5, 2, 6, 3, 7);
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
		floats8_load(&z[q], d->z[q]);
	}
	const float* pl = d->pan_l;
	const float* pr = d->pan_r;
	const Quad place_l = {pl[0], pl[1], pl[2], pl[3], pl[0], pl[1], pl[2], pl[3]};
	const Quad place_r = {pr[0], pr[1], pr[2], pr[3], pr[0], pr[1], pr[2], pr[3]};
	const float dg = (d->gain[1] - d->gain[0]) * (1.0f / GRID_FRAMES);
	const Quad iota = {0.0f, 1.0f, 2.0f, 3.0f, 4.0f, 5.0f, 6.0f, 7.0f};
	const Quad zero = {0.0f};
	for (uint32_t i = 0; i < n;) {
		const uint32_t first = (grid_at + i) % DRONE_STRIDE;
		const uint32_t len = DRONE_STRIDE - first < n - i ? DRONE_STRIDE - first : n - i;
		/* read afresh each stride: held in registers across strides, the
		 * tables would crowd out the state */
		const float(*turns)[DRONE_STRIDE][DRONE_QUAD_WIDTH] = d->frame_turn;
		__asm__("" : "+r"(turns));
		/* frame j is the sum over quads of z * turn j, re and im halves
		 * together: places by frame, two frames a vector.  Frame 0 is z
		 * itself: its sum is the im half. */
		Quad by_place[DRONE_STRIDE / 2];
		#pragma GCC unroll 4
		for (uint32_t k = 0; k < DRONE_STRIDE / 2; ++k) {
			Quad sum[2];
			#pragma GCC unroll 2
			for (uint32_t e = 0; e < 2; ++e) {
				const uint32_t j = 2 * k + e;
				Quad turn;
				if (j == 0) {
					sum[e] = z[0];
					#pragma GCC unroll 9
					for (uint32_t q = 1; q < count; ++q) {
						sum[e] += z[q];
					}
					sum[e] = __builtin_shufflevector(sum[e], zero, 8, 9, 10, 11, 4, 5, 6, 7);
					continue;
				}
				floats8_load(&turn, turns[0][j]);
				sum[e] = z[0] * turn;
				#pragma GCC unroll 9
				for (uint32_t q = 1; q < count; ++q) {
					floats8_load(&turn, turns[q][j]);
					sum[e] += z[q] * turn;
				}
			}
			by_place[k] = __builtin_shufflevector(sum[0], sum[1], 0, 1, 2, 3, 8, 9, 10, 11) +
			              __builtin_shufflevector(sum[0], sum[1], 4, 5, 6, 7, 12, 13, 14, 15);
		}
		/* from the frames' places in the grid step: the same for any chunking */
		const Quad gain = d->gain[0] + dg * ((float)(grid_at + i - first) + iota);
		Quad out_l, out_r;
		place_frames(&out_l, by_place, &place_l);
		place_frames(&out_r, by_place, &place_r);
		out_l *= gain;
		out_r *= gain;
		add_stride(left + i, right + i, &out_l, &out_r, first, len);
		if (first + len == DRONE_STRIDE) {
			#pragma GCC unroll 9
			for (uint32_t q = 0; q < count; ++q) {
				Quad c, s;
				floats8_load(&c, d->stride_c[q]);
				floats8_load(&s, d->stride_s[q]);
				const Quad swapped = __builtin_shufflevector(z[q], z[q], 4, 5, 6, 7, 0, 1, 2, 3);
				z[q] = z[q] * c + swapped * s;
			}
		}
		i += len;
	}
	#pragma GCC unroll 9
	for (uint32_t q = 0; q < count; ++q) {
		floats8_store(d->z[q], &z[q]);
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

/* The Ocean's noise, a stride of frames at a time: the generators' lanes
 * as one vector (a draw of every lane is the stride's frames), and the
 * low-passes in block form (DroneLowPassBlock). */
typedef uint32_t Draws __attribute__((vector_size(DRONE_STRIDE * sizeof(uint32_t))));
typedef int32_t Signed __attribute__((vector_size(DRONE_STRIDE * sizeof(int32_t))));
_Static_assert(sizeof(Draws) == sizeof(Quad) && sizeof(Rng) == sizeof(uint32_t),
               "a stride's noise fills one vector");

/* A channel's second stage over the stride, from its inputs and its
 * state (y1, y2) at the frame before. */
static inline __attribute__((always_inline)) void
low_pass_block(Quad* out, const DroneLowPassBlock* b, const float in[DRONE_STRIDE], float y1,
               float y2)
{
	Quad from_y1, from_y2, column;
	floats8_load(&from_y1, b->from_y1);
	floats8_load(&from_y2, b->from_y2);
	Quad sum = y1 * from_y1 + y2 * from_y2;
	#pragma GCC unroll 8
	for (uint32_t m = 0; m < DRONE_STRIDE; ++m) {
		floats8_load(&column, b->response + DRONE_STRIDE - m);
		sum += in[m] * column;
	}
	*out = sum;
}

/* Two noises, shared and apart, give a wide but not split sea.  A stride
 * is computed whole, its frames kept as the chunk asks, and the state
 * moved on when the stride is done, so a frame's value does not depend
 * on the chunking. */
SIMD_CLONES static void
render_ocean(Drone* d, float* restrict left, float* restrict right, uint32_t n, uint32_t grid_at)
{
	const DroneLowPassBlock* b = &d->low_pass_block;
	Draws state;
	memcpy(&state, d->noise_rng, sizeof(state));
	float y1[2] = {d->low_pass[0].y1, d->low_pass[1].y1};
	float y2[2] = {d->low_pass[0].y2, d->low_pass[1].y2};
	Quad y1_weight;
	floats8_load(&y1_weight, b->y1_weight);
	const float* ng = d->noise_gain;
	const float dg = (ng[1] - ng[0]) * (1.0f / GRID_FRAMES);
	const Quad iota = {0.0f, 1.0f, 2.0f, 3.0f, 4.0f, 5.0f, 6.0f, 7.0f};
	for (uint32_t i = 0; i < n;) {
		const uint32_t first = (grid_at + i) % DRONE_STRIDE;
		const uint32_t len = DRONE_STRIDE - first < n - i ? DRONE_STRIDE - first : n - i;
		Draws draws = state;
		RNG_XORSHIFT(draws);
		/* the high and the low 16 bits, signed */
		const Quad shared = __builtin_convertvector((Signed)draws >> 16, Quad) * (1.0f / 32768.0f);
		const Quad apart =
			__builtin_convertvector((Signed)(draws << 16) >> 16, Quad) * (0.5f / 32768.0f);
		/* read back from memory: a load broadcasts a frame's input in one
		 * instruction, a shuffle of the register takes two */
		const Quad in_l = shared + apart, in_r = shared - apart;
		const Quad in_frames[2] = {in_l, in_r};
		const float(*in)[DRONE_STRIDE] = (const float(*)[DRONE_STRIDE])in_frames;
		__asm__("" : "+r"(in) : : "memory");
		Quad low_l, low_r;
		low_pass_block(&low_l, b, in[0], y1[0], y2[0]);
		low_pass_block(&low_r, b, in[1], y1[1], y2[1]);
		const Quad gain = ng[0] + dg * ((float)(grid_at + i - first) + iota);
		const Quad out_l = low_l * gain, out_r = low_r * gain;
		add_stride(left + i, right + i, &out_l, &out_r, first, len);
		if (first + len == DRONE_STRIDE) {
			/* the first stage's ends, both channels: (l, r) in lanes 0, 1 */
			Quad w_l = in_l * y1_weight, w_r = in_r * y1_weight, pairs, quads;
			pair_sums(&pairs, &w_l, &w_r);
			pair_sums(&quads, &pairs, &pairs);
			for (uint32_t c = 0; c < 2; ++c) {
				y1[c] = b->y1_decay * y1[c] + (quads[c] + quads[4 + c]);
			}
			y2[0] = low_l[DRONE_STRIDE - 1];
			y2[1] = low_r[DRONE_STRIDE - 1];
			state = draws;
		}
		i += len;
	}
	memcpy(d->noise_rng, &state, sizeof(state));
	for (uint32_t c = 0; c < 2; ++c) {
		d->low_pass[c] = (DroneLowPass){y1[c], y2[c]};
	}
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
