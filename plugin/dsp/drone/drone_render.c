/* SPDX-License-Identifier: ISC */
/* The drone's frames: its partials a stride at a time, placed across the
 * stereo field, and the Ocean's noise (drone.h). */
#include "drone.h"

#include "simd.h"

#include <string.h>

/* One quad, [re x 4 | im x 4], or eight frames: AVX's width. */
typedef Floats8 Quad;
_Static_assert(sizeof(Quad) == DRONE_QUAD_WIDTH * sizeof(float), "a quad fills a vector");
_Static_assert(DRONE_STRIDE == 2 * DRONE_QUAD_WIDTH && DRONE_NOISE_BLOCK == DRONE_QUAD_WIDTH,
               "a stride's frames fill two vectors, a noise block's one");

/* The shuffles' indices, by the layout of a quad: two halves of four
 * lanes, half h lane k at index 4h + k of a shuffle's first operand and
 * 8 + 4h + k of its second. */
#define FIRST(h, k) (DRONE_LANES * (h) + (k))
#define SECOND(h, k) (DRONE_QUAD_WIDTH + DRONE_LANES * (h) + (k))
/* [re x 4 | im x 4] to [im x 4 | re x 4] */
#define SWAP_HALVES                                                                            \
	FIRST(1, 0), FIRST(1, 1), FIRST(1, 2), FIRST(1, 3), FIRST(0, 0), FIRST(0, 1), FIRST(0, 2), \
	    FIRST(0, 3)

/* Adds frames [first, first + len) of a block's output, `vectors` vectors
 * of eight frames a channel, to left and right (from their first frame):
 * a whole block in vector passes. */
static inline __attribute__((always_inline)) void
add_frames(float* restrict left, float* restrict right, const Quad* out_l, const Quad* out_r,
           const uint32_t vectors, uint32_t first, uint32_t len)
{
	if (len == vectors * DRONE_QUAD_WIDTH) {
#pragma GCC unroll 2
		for (uint32_t v = 0; v < vectors; ++v) {
			Quad l, r;
			floats8_load(&l, left + v * DRONE_QUAD_WIDTH);
			floats8_load(&r, right + v * DRONE_QUAD_WIDTH);
			l += out_l[v];
			r += out_r[v];
			floats8_store(left + v * DRONE_QUAD_WIDTH, &l);
			floats8_store(right + v * DRONE_QUAD_WIDTH, &r);
		}
		return;
	}
	for (uint32_t k = 0; k < len; ++k) {
		const uint32_t f = first + k;
		left[k] += out_l[f / DRONE_QUAD_WIDTH][f % DRONE_QUAD_WIDTH];
		right[k] += out_r[f / DRONE_QUAD_WIDTH][f % DRONE_QUAD_WIDTH];
	}
}

/* Sums of neighbouring lanes within each half:
 * (a0+a1, a2+a3, b0+b1, b2+b3 | a4+a5, a6+a7, b4+b5, b6+b7), AVX's
 * horizontal add: the even lanes of each half of a and b, plus the odd
 * ones.  By pointer, as the loads. */
static inline __attribute__((always_inline)) void
pair_sums(Quad* out, const Quad* a, const Quad* b)
{
	*out = __builtin_shufflevector(*a, *b, FIRST(0, 0), FIRST(0, 2), SECOND(0, 0), SECOND(0, 2),
	                               FIRST(1, 0), FIRST(1, 2), SECOND(1, 0), SECOND(1, 2)) +
	       __builtin_shufflevector(*a, *b, FIRST(0, 1), FIRST(0, 3), SECOND(0, 1), SECOND(0, 3),
	                               FIRST(1, 1), FIRST(1, 3), SECOND(1, 1), SECOND(1, 3));
}

/* One quad's share of a stride's pairs of frames (drone.h): z and z with
 * its halves swapped times each pair's two rows of turns, the first quad's
 * setting the sums and every other's added to them.  Then the quad turned
 * on to the next stride, from the same swap, and stored to next. */
static inline __attribute__((always_inline)) void
add_quad(Quad pairs[DRONE_PAIRS], const Drone* d, uint32_t q, float* next)
{
	Quad z, turn_z, turn_swapped, c, s;
	floats8_load(&z, d->z[q]);
	const Quad swapped = __builtin_shufflevector(z, z, SWAP_HALVES);
#pragma GCC unroll 8
	for (uint32_t p = 0; p < DRONE_PAIRS; ++p) {
		floats8_load(&turn_z, d->pair_turn[q][p][0]);
		floats8_load(&turn_swapped, d->pair_turn[q][p][1]);
		const Quad sum = z * turn_z + swapped * turn_swapped;
		pairs[p] = q == 0 ? sum : pairs[p] + sum;
	}
	floats8_load(&c, d->stride_c[q]);
	floats8_load(&s, d->stride_s[q]);
	const Quad turned = z * c + swapped * s;
	floats8_store(next, &turned);
}

/* Eight frames of each channel from four pairs' sums (places 0..3 of frame
 * a | of frame a + 4, a = 0..3): a transpose within each half lays each
 * place along the frames, in their order, and the places are weighted by
 * their gains into the channels.  The sum of a frame is (0 + 1) + (2 + 3)
 * in the places' order, whatever the chunking. */
static inline __attribute__((always_inline)) void
place_frames(Quad* out_l, Quad* out_r, const Quad pairs[4],
             const float gain[2][DRONE_LANES][DRONE_QUAD_WIDTH])
{
	Quad weight_l[DRONE_LANES], weight_r[DRONE_LANES];
#pragma GCC unroll 4
	for (uint32_t l = 0; l < DRONE_LANES; ++l) {
		floats8_load(&weight_l[l], gain[0][l]);
		floats8_load(&weight_r[l], gain[1][l]);
	}
	/* pairs[a] is [places 0..3 of frame a | of frame a + 4]; interleaved
	 * two pairs at a time: low01 is [place 0 of frames 0, 1, place 1 of
	 * frames 0, 1 | the same of frames 4, 5], high01 places 2 and 3 */
#define INTERLEAVE(k)                                                                        \
	FIRST(0, k), SECOND(0, k), FIRST(0, k + 1), SECOND(0, k + 1), FIRST(1, k), SECOND(1, k), \
	    FIRST(1, k + 1), SECOND(1, k + 1)
	const Quad low01 = __builtin_shufflevector(pairs[0], pairs[1], INTERLEAVE(0));
	const Quad high01 = __builtin_shufflevector(pairs[0], pairs[1], INTERLEAVE(2));
	const Quad low23 = __builtin_shufflevector(pairs[2], pairs[3], INTERLEAVE(0));
	const Quad high23 = __builtin_shufflevector(pairs[2], pairs[3], INTERLEAVE(2));
	/* then a place's frames 0, 1 from the first and 2, 3 from the second,
	 * in each half: [place p of frames 0..3 | of frames 4..7] */
#define FRAMES_OF(k)                                                                            \
	FIRST(0, k), FIRST(0, k + 1), SECOND(0, k), SECOND(0, k + 1), FIRST(1, k), FIRST(1, k + 1), \
	    SECOND(1, k), SECOND(1, k + 1)
	const Quad place[DRONE_LANES] = {
	    __builtin_shufflevector(low01, low23, FRAMES_OF(0)),
	    __builtin_shufflevector(low01, low23, FRAMES_OF(2)),
	    __builtin_shufflevector(high01, high23, FRAMES_OF(0)),
	    __builtin_shufflevector(high01, high23, FRAMES_OF(2)),
	};
#undef INTERLEAVE
#undef FRAMES_OF
	*out_l = (place[0] * weight_l[0] + place[1] * weight_l[1]) +
	         (place[2] * weight_l[2] + place[3] * weight_l[3]);
	*out_r = (place[0] * weight_r[0] + place[1] * weight_r[1]) +
	         (place[2] * weight_r[2] + place[3] * weight_r[3]);
}

/* The first `count` quads for n frames from grid_at, placed and swelled,
 * added to left and right.  A stride is computed whole, its frames kept
 * as the chunk asks, and the state turned on only when the stride is done
 * (else its turn goes to a scratch copy), so a frame's value does not
 * depend on the chunking.  count is a constant in each caller, so the
 * quads' loop unrolls and the pairs' sums live in registers. */
static inline __attribute__((always_inline)) void
render_quads(Drone* d, float* restrict left, float* restrict right, uint32_t n, uint32_t grid_at,
             const uint32_t count)
{
	const float dg = (d->gain[1] - d->gain[0]) * (1.0f / GRID_FRAMES);
	const Quad iota[2] = {{0.0f, 1.0f, 2.0f, 3.0f, 4.0f, 5.0f, 6.0f, 7.0f},
	                      {8.0f, 9.0f, 10.0f, 11.0f, 12.0f, 13.0f, 14.0f, 15.0f}};
	float discard[DRONE_QUADS][DRONE_QUAD_WIDTH];
	for (uint32_t i = 0; i < n;) {
		const uint32_t first = (grid_at + i) % DRONE_STRIDE;
		const uint32_t len = DRONE_STRIDE - first < n - i ? DRONE_STRIDE - first : n - i;
		float(*next)[DRONE_QUAD_WIDTH] = first + len == DRONE_STRIDE ? d->z : discard;
		Quad pairs[DRONE_PAIRS];
#pragma GCC unroll 9
		for (uint32_t q = 0; q < count; ++q) {
			add_quad(pairs, d, q, next[q]);
		}
		Quad out_l[2], out_r[2];
#pragma GCC unroll 2
		for (uint32_t h = 0; h < 2; ++h) {
			place_frames(&out_l[h], &out_r[h], &pairs[4 * h], d->place_gain);
			/* from the frames' places in the grid step: the same for any chunking */
			const Quad gain = d->gain[0] + dg * ((float)(grid_at + i - first) + iota[h]);
			out_l[h] *= gain;
			out_r[h] *= gain;
		}
		add_frames(left + i, right + i, out_l, out_r, 2, first, len);
		i += len;
	}
}

SIMD_CLONES static void
drone_partials(Drone* d, float* restrict left, float* restrict right, uint32_t n, uint32_t grid_at)
{
	_Static_assert(DRONE_QUADS == 9, "one case a quad count");
	switch (d->quads_on) {
	case 1:
		render_quads(d, left, right, n, grid_at, 1);
		break;
	case 2:
		render_quads(d, left, right, n, grid_at, 2);
		break;
	case 3:
		render_quads(d, left, right, n, grid_at, 3);
		break;
	case 4:
		render_quads(d, left, right, n, grid_at, 4);
		break;
	case 5:
		render_quads(d, left, right, n, grid_at, 5);
		break;
	case 6:
		render_quads(d, left, right, n, grid_at, 6);
		break;
	case 7:
		render_quads(d, left, right, n, grid_at, 7);
		break;
	case 8:
		render_quads(d, left, right, n, grid_at, 8);
		break;
	default:
		render_quads(d, left, right, n, grid_at, 9);
		break;
	}
}

/* The Ocean's noise, a block of frames at a time: the generators' lanes
 * as one vector (a draw of every lane is the block's frames), and the
 * low-passes in block form (DroneLowPassBlock). */
typedef uint32_t Draws __attribute__((vector_size(DRONE_NOISE_BLOCK * sizeof(uint32_t))));
typedef int32_t Signed __attribute__((vector_size(DRONE_NOISE_BLOCK * sizeof(int32_t))));
_Static_assert(sizeof(Draws) == sizeof(Quad) && sizeof(Rng) == sizeof(uint32_t),
               "a block's noise fills one vector");

/* A channel's second stage over the block, from its inputs and its
 * state (y1, y2) at the frame before. */
static inline __attribute__((always_inline)) void
low_pass_block(Quad* out, const DroneLowPassBlock* b, const float in[DRONE_NOISE_BLOCK], float y1,
               float y2)
{
	Quad from_y1, from_y2, column;
	floats8_load(&from_y1, b->from_y1);
	floats8_load(&from_y2, b->from_y2);
	Quad sum = y1 * from_y1 + y2 * from_y2;
#pragma GCC unroll 8
	for (uint32_t m = 0; m < DRONE_NOISE_BLOCK; ++m) {
		floats8_load(&column, b->response + DRONE_NOISE_BLOCK - m);
		sum += in[m] * column;
	}
	*out = sum;
}

/* Two noises, shared and apart, give a wide but not split sea, without
 * infrasound (DroneHighPass).  A block is computed whole, its frames kept
 * as the chunk asks, and the state moved on when the block is done, so a
 * frame's value does not depend on the chunking. */
SIMD_CLONES static void
render_ocean(Drone* d, float* restrict left, float* restrict right, uint32_t n, uint32_t grid_at)
{
	const DroneLowPassBlock* b = &d->low_pass_block;
	Draws state;
	memcpy(&state, d->noise_rng, sizeof(state));
	float y1[2] = {d->low_pass[0].y1, d->low_pass[1].y1};
	float y2[2] = {d->low_pass[0].y2, d->low_pass[1].y2};
	Quad y1_weight, floor_weight;
	floats8_load(&y1_weight, b->y1_weight);
	DroneHighPass* hp = &d->high_pass;
	floats8_load(&floor_weight, hp->weight);
	float(*floor)[2] = hp->low;
	const float* ng = d->noise_gain;
	const float dg = (ng[1] - ng[0]) * (1.0f / GRID_FRAMES);
	const Quad iota = {0.0f, 1.0f, 2.0f, 3.0f, 4.0f, 5.0f, 6.0f, 7.0f};
	for (uint32_t i = 0; i < n;) {
		const uint32_t first = (grid_at + i) % DRONE_NOISE_BLOCK;
		const uint32_t len = DRONE_NOISE_BLOCK - first < n - i ? DRONE_NOISE_BLOCK - first : n - i;
		Draws draws = state;
		RNG_XORSHIFT(draws);
		/* the high and the low 16 bits, signed */
		const Quad shared = __builtin_convertvector((Signed)draws >> 16, Quad) * (1.0f / 32768.0f);
		const Quad apart =
		    __builtin_convertvector((Signed)(draws << 16) >> 16, Quad) * (0.5f / 32768.0f);
		/* read back from memory: a load broadcasts a frame's input in one
		 * instruction, a shuffle of the register takes two.  The empty
		 * asm hides where `in` points, so that GCC 12 loads rather than
		 * shuffles: without it the Ocean costs 73 instructions a frame
		 * rather than 71 (bench/callgrind.sh) */
		const Quad in_l = shared + apart, in_r = shared - apart;
		const Quad in_frames[2] = {in_l, in_r};
		const float(*in)[DRONE_NOISE_BLOCK] = (const float(*)[DRONE_NOISE_BLOCK])in_frames;
		__asm__("" : "+r"(in) : : "memory");
		Quad low_l, low_r;
		low_pass_block(&low_l, b, in[0], y1[0], y2[0]);
		low_pass_block(&low_r, b, in[1], y1[1], y2[1]);
		const Quad gain = ng[0] + dg * ((float)(grid_at + i - first) + iota);
		const Quad out_l = (low_l - (floor[0][0] + floor[1][0])) * gain;
		const Quad out_r = (low_r - (floor[0][1] + floor[1][1])) * gain;
		add_frames(left + i, right + i, &out_l, &out_r, 1, first, len);
		if (first + len == DRONE_NOISE_BLOCK) {
			/* the first low-pass's ends and the high-pass's weighted sums,
			 * both channels: (l, r) in lanes 0, 1 and 2, 3 */
			const Quad w_l = in_l * y1_weight, w_r = in_r * y1_weight;
			const Quad f_l = low_l * floor_weight, f_r = low_r * floor_weight;
			Quad ends, sums, quads;
			pair_sums(&ends, &w_l, &w_r);
			pair_sums(&sums, &f_l, &f_r);
			pair_sums(&quads, &ends, &sums);
			for (uint32_t c = 0; c < 2; ++c) {
				y1[c] = b->y1_decay * y1[c] + (quads[c] + quads[4 + c]);
				/* the second stage's input is the first's output: the
				 * block's sum less what the first took, weighted */
				const float sum = quads[2 + c] + quads[6 + c];
				const float first_low = floor[0][c];
				floor[0][c] = hp->decay * first_low + sum;
				floor[1][c] = hp->decay * floor[1][c] + (sum - first_low * hp->weight_sum);
			}
			y2[0] = low_l[DRONE_NOISE_BLOCK - 1];
			y2[1] = low_r[DRONE_NOISE_BLOCK - 1];
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
