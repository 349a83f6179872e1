/* SPDX-License-Identifier: ISC */
/* The last pass of a chunk: the mix, the session fade, the end chime and
 * the level out to the host's buffers, and the limiter's test of them. */
#include "engine_parts.h"
#include "limiter.h"
#include "simd.h"

/* The largest of `largest` and the limiter_size of l and r. */
static inline int32_t
larger_size(int32_t largest, float l, float r)
{
	const int32_t a = limiter_size(l), b = limiter_size(r);
	largest = a > largest ? a : largest;
	return b > largest ? b : largest;
}

/* The chunk's mix (where it lies in the spatial ring) out to left and
 * right with the last gains, in one pass over both channels that leaves
 * the mix zero: the breath chimes (mono, at the centre, or NULL; added to
 * the mix first, and left zero too), the session fade (layer_gain), then
 * the end chime (mono, already at its level, or NULL), which rings past
 * the fade, then the level (master_gain).  Returns the largest
 * limiter_size of what it wrote, the limiter's test.  Whether there are
 * breath chimes, and whether the gains are settled (no end chime, no
 * ramp), are known when compiled, so that neither costs a settled or
 * silent chunk anything.  (GCC would split the clearing off into memset
 * calls, which cost more for a chunk than the whole pass.) */
static inline __attribute__((always_inline)) int32_t
output_pass(float* restrict mix_l, float* restrict mix_r, float* restrict breath_chimes,
            float* restrict left, float* restrict right, const float* restrict chime, uint32_t n,
            const float layer[2], const float master[2], uint32_t grid_at, bool chiming,
            bool settled)
{
	int32_t largest = 0;
	const float dl = (layer[1] - layer[0]) * (1.0f / GRID_FRAMES);
	const float dm = (master[1] - master[0]) * (1.0f / GRID_FRAMES);
	const float g = layer[0] * master[0];
	for (uint32_t i = 0; i < n; ++i) {
		const float at = (float)(int32_t)(grid_at + i); /* signed: one instruction */
		const float l = layer[0] + dl * at, m = master[0] + dm * at;
		const float c = chiming ? breath_chimes[i] : 0.0f;
		const float x_l = chiming ? mix_l[i] + c : mix_l[i];
		const float x_r = chiming ? mix_r[i] + c : mix_r[i];
		if (settled) { /* l * m is g: the same product, made once */
			left[i] = x_l * g;
			right[i] = x_r * g;
		} else if (chime) {
			left[i] = (x_l * l + chime[i]) * m;
			right[i] = (x_r * l + chime[i]) * m;
		} else {
			left[i] = x_l * (l * m);
			right[i] = x_r * (l * m);
		}
		mix_l[i] = 0.0f;
		mix_r[i] = 0.0f;
		if (chiming) {
			breath_chimes[i] = 0.0f;
		}
		largest = larger_size(largest, left[i], right[i]);
	}
	return largest;
}

#if defined(__GNUC__) && !defined(__clang__)
__attribute__((optimize("no-tree-loop-distribute-patterns")))
#endif
SIMD_CLONES int32_t
engine_take_output(float* restrict mix_l, float* restrict mix_r, float* restrict breath_chimes,
            float* restrict left, float* restrict right, const float* restrict chime, uint32_t n,
            const float layer[2], const float master[2], uint32_t grid_at)
{
	const bool settled = layer[0] == layer[1] && master[0] == master[1] && !chime;
#define OUTPUT_PASS(chimes, chiming, settled)                                                  \
	output_pass(mix_l, mix_r, chimes, left, right, chime, n, layer, master, grid_at, chiming, \
	            settled)
	if (breath_chimes) {
		return settled ? OUTPUT_PASS(breath_chimes, true, true)
		               : OUTPUT_PASS(breath_chimes, true, false);
	}
	return settled ? OUTPUT_PASS(NULL, false, true) : OUTPUT_PASS(NULL, false, false);
#undef OUTPUT_PASS
}
