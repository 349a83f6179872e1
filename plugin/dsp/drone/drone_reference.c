/* SPDX-License-Identifier: ISC */
/* The plain versions of the drone's vector kernels (drone_reference.h).
 * Each step names the vector code it mirrors; where that code adds in
 * another order, the addition is a commutative one (a + b == b + a in
 * IEEE arithmetic), never a reassociation. */
#include "drone_reference.h"

#include "drone_parts.h"

#include <math.h>
#include <string.h>

/* From nothing (or nearly) a ramp starts at 1/DRONE_REFRESH_FRAMES of
 * its goal, and a fall to nothing stops there; else it moves by the
 * ratio.  Then the DRONE_REFRESH_FRAMES-th root, by square roots. */
void
drone_reference_ramp(float from, float to, float* start, float* grow)
{
	const float floor = 1.0f / DRONE_REFRESH_FRAMES;
	const bool rise = from < to * floor, fall = to<from * floor, held = from> 0.0f;
	float g = rise ? DRONE_REFRESH_FRAMES : fall ? floor : held ? to / from : 1.0f;
	for (int i = 0; i < REFRESH_FRAMES_LOG2; ++i) {
		g = sqrtf(g);
	}
	*start = rise ? to * floor : from;
	*grow = g;
}

bool
drone_reference_quad_on(const Drone* d, uint32_t q)
{
	for (uint32_t n = 0; n < DRONE_NOTES; ++n) {
		for (uint32_t r = 0; r < DRONE_NOTE_QUADS; ++r) {
			if (quad_of(n, r) != q) {
				continue;
			}
			const DroneNote* note = &d->note[n];
			bool on = false;
			for (uint32_t l = 0; l < DRONE_LANES; ++l) {
				const uint32_t j = r * DRONE_LANES + l;
				on = on || note->amp[j] != 0.0f || note->amp_goal[j] != 0.0f;
			}
			return on;
		}
	}
	return false;
}

/* (c, s) times (by_c, by_s), rounded as every turn in the drone is. */
static void
turn(float* c, float* s, float by_c, float by_s)
{
	const float next_c = *c * by_c - *s * by_s;
	*s = *s * by_c + *c * by_s;
	*c = next_c;
}

/* set_quad_turns() for one partial: frames 0..3 step on from R^0; R^4
 * is R stepped three times, and frames 5..8 step on from it (the two
 * halves of a pair of frames); frames 8..15 are frames 0..7 times R^8;
 * the next stride's turn is R^8 squared. */
DroneReferencePowers
drone_reference_powers(float c, float s)
{
	DroneReferencePowers p;
	p.c[0] = 1.0f;
	p.s[0] = 0.0f;
	for (uint32_t j = 1; j < 4; ++j) {
		p.c[j] = p.c[j - 1];
		p.s[j] = p.s[j - 1];
		turn(&p.c[j], &p.s[j], c, s);
	}
	p.c[4] = c;
	p.s[4] = s;
	for (uint32_t j = 1; j < 4; ++j) {
		turn(&p.c[4], &p.s[4], c, s);
	}
	for (uint32_t j = 5; j <= 8; ++j) {
		p.c[j] = p.c[j - 1];
		p.s[j] = p.s[j - 1];
		turn(&p.c[j], &p.s[j], c, s);
	}
	const float c8 = p.c[8], s8 = p.s[8];
	for (uint32_t j = 8; j < DRONE_STRIDE; ++j) {
		p.c[j] = p.c[j - 8];
		p.s[j] = p.s[j - 8];
		turn(&p.c[j], &p.s[j], c8, s8);
	}
	p.c[DRONE_STRIDE] = c8;
	p.s[DRONE_STRIDE] = s8;
	turn(&p.c[DRONE_STRIDE], &p.s[DRONE_STRIDE], c8, s8);
	return p;
}

/* render_quads(): every frame of a stride is the sum over the quads, in
 * their order, of each place's partial Im(z R^j); the places weighted
 * into the channels as ((0 + 1) + (2 + 3)), times the swell at the
 * frame's place in the grid step.  The state turns on by R^16 only when
 * the stride is done. */
static void
reference_partials(Drone* d, float* left, float* right, uint32_t n, uint32_t grid_at)
{
	const float dg = (d->gain[1] - d->gain[0]) * (1.0f / GRID_FRAMES);
	DroneReferencePowers powers[DRONE_QUADS][DRONE_LANES];
	for (uint32_t q = 0; q < d->quads_on; ++q) {
		for (uint32_t l = 0; l < DRONE_LANES; ++l) {
			powers[q][l] =
			    drone_reference_powers(d->rotation[q][l], d->rotation[q][DRONE_LANES + l]);
		}
	}
	for (uint32_t i = 0; i < n; ++i) {
		const uint32_t at = grid_at + i, j = at % DRONE_STRIDE;
		float place[DRONE_LANES];
		for (uint32_t l = 0; l < DRONE_LANES; ++l) {
			for (uint32_t q = 0; q < d->quads_on; ++q) {
				const float re = d->z[q][l], im = d->z[q][DRONE_LANES + l];
				const float value = re * powers[q][l].s[j] + im * powers[q][l].c[j];
				place[l] = q == 0 ? value : place[l] + value;
			}
		}
		float out[2];
		for (uint32_t ch = 0; ch < 2; ++ch) {
			const float(*w)[DRONE_QUAD_WIDTH] = d->place_gain[ch];
			out[ch] = (place[0] * w[0][0] + place[1] * w[1][0]) +
			          (place[2] * w[2][0] + place[3] * w[3][0]);
		}
		const float gain = d->gain[0] + dg * (float)at;
		left[i] += out[0] * gain;
		right[i] += out[1] * gain;
		if (j == DRONE_STRIDE - 1) {
			for (uint32_t q = 0; q < d->quads_on; ++q) {
				for (uint32_t l = 0; l < DRONE_LANES; ++l) {
					const DroneReferencePowers* p = &powers[q][l];
					const float re = d->z[q][l], im = d->z[q][DRONE_LANES + l];
					d->z[q][l] = re * p->c[DRONE_STRIDE] + im * -p->s[DRONE_STRIDE];
					d->z[q][DRONE_LANES + l] = im * p->c[DRONE_STRIDE] + re * p->s[DRONE_STRIDE];
				}
			}
		}
	}
}

/* Four values summed in pairs, as pair_sums() does twice: a noise block's
 * weighted sum is pairwise4 of its halves, added. */
_Static_assert(DRONE_NOISE_BLOCK == 8, "two halves of four");
static float
pairwise4(const float* x)
{
	return (x[0] + x[1]) + (x[2] + x[3]);
}

void
drone_reference_low_pass(const DroneLowPassBlock* b, const float in[DRONE_NOISE_BLOCK], float y1,
                         float y2, float out[DRONE_NOISE_BLOCK])
{
	for (uint32_t k = 0; k < DRONE_NOISE_BLOCK; ++k) {
		float sum = y1 * b->from_y1[k] + y2 * b->from_y2[k];
		for (uint32_t m = 0; m < DRONE_NOISE_BLOCK; ++m) {
			sum += in[m] * b->response[DRONE_NOISE_BLOCK - m + k];
		}
		out[k] = sum;
	}
}

float
drone_reference_low_pass_y1(const DroneLowPassBlock* b, const float in[DRONE_NOISE_BLOCK], float y1)
{
	float ends[DRONE_NOISE_BLOCK];
	for (uint32_t k = 0; k < DRONE_NOISE_BLOCK; ++k) {
		ends[k] = in[k] * b->y1_weight[k];
	}
	return b->y1_decay * y1 + (pairwise4(ends) + pairwise4(ends + 4));
}

/* render_ocean(): frame k of a noise block draws from stream k; the two
 * low-passes in block form, one frame at a time; the high-pass's floors
 * move on at the block's end. */
static void
reference_ocean(Drone* d, float* left, float* right, uint32_t n, uint32_t grid_at)
{
	enum { BLOCK = DRONE_NOISE_BLOCK };
	const DroneLowPassBlock* b = &d->low_pass_block;
	DroneHighPass* hp = &d->high_pass;
	const float dg = (d->noise_gain[1] - d->noise_gain[0]) * (1.0f / GRID_FRAMES);
	float in[2][BLOCK], low[2][BLOCK];
	uint32_t draws[BLOCK];
	for (uint32_t i = 0; i < n;) {
		const uint32_t first = (grid_at + i) % BLOCK;
		const uint32_t len = BLOCK - first < n - i ? BLOCK - first : n - i;
		for (uint32_t k = 0; k < BLOCK; ++k) {
			uint32_t x = d->noise_rng[k].state;
			RNG_XORSHIFT(x);
			draws[k] = x;
			/* the high and the low 16 bits, signed */
			const float shared = (float)((int32_t)x >> 16) * (1.0f / 32768.0f);
			const float apart = (float)((int32_t)(x << 16) >> 16) * (0.5f / 32768.0f);
			in[0][k] = shared + apart;
			in[1][k] = shared - apart;
		}
		for (uint32_t c = 0; c < 2; ++c) {
			drone_reference_low_pass(b, in[c], d->low_pass[c].y1, d->low_pass[c].y2, low[c]);
			const float floor = hp->low[0][c] + hp->low[1][c];
			float* out = c == 0 ? left : right;
			for (uint32_t k = first; k < first + len; ++k) {
				const float gain = d->noise_gain[0] + dg * (float)(grid_at + i - first + k);
				out[i + k - first] += (low[c][k] - floor) * gain;
			}
		}
		if (first + len == BLOCK) {
			for (uint32_t c = 0; c < 2; ++c) {
				float sums[BLOCK];
				for (uint32_t k = 0; k < BLOCK; ++k) {
					sums[k] = low[c][k] * hp->weight[k];
				}
				DroneLowPass* lp = &d->low_pass[c];
				lp->y1 = drone_reference_low_pass_y1(b, in[c], lp->y1);
				lp->y2 = low[c][BLOCK - 1];
				const float sum = pairwise4(sums) + pairwise4(sums + 4);
				const float first_low = hp->low[0][c];
				hp->low[0][c] = hp->decay * first_low + sum;
				hp->low[1][c] = hp->decay * hp->low[1][c] + (sum - first_low * hp->weight_sum);
			}
			for (uint32_t k = 0; k < BLOCK; ++k) {
				d->noise_rng[k].state = draws[k];
			}
		}
		i += len;
	}
}

void
drone_render_reference(Drone* d, float* left, float* right, uint32_t n, uint32_t grid_at)
{
	if (d->gain[0] == 0.0f && d->gain[1] == 0.0f) {
		return;
	}
	if (d->quads_on > 0) {
		reference_partials(d, left, right, n, grid_at);
	}
	if (d->noise_gain[0] != 0.0f || d->noise_gain[1] != 0.0f) {
		reference_ocean(d, left, right, n, grid_at);
	}
}
