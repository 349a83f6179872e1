/* SPDX-License-Identifier: ISC */
#include "true_peak.h"

#include <stdint.h>
#include <string.h>

/* ITU-R BS.1770-4 Annex 2, one row per tap, oldest frame first, one
 * column per phase: phase k interpolates the point (k + 0.5) / 4 of the way
 * through the interval, and a tap's four products are one vector. */
typedef TruePeakPhases Phases;
/* clang-format off */
static const Phases taps[TRUE_PEAK_TAPS] = {
    {-0.0083007812500f, -0.0189208984375f, -0.0291748046875f, 0.0017089843750f},
    {0.0148925781250f, 0.0330810546875f, 0.0292968750000f, 0.0109863281250f},
    {-0.0266113281250f, -0.0582275390625f, -0.0517578125000f, -0.0196533203125f},
    {0.0476074218750f, 0.1015625000000f, 0.0891113281250f, 0.0332031250000f},
    {-0.1022949218750f, -0.2003173828125f, -0.1665039062500f, -0.0594482421875f},
    {0.9721679687500f, 0.7797851562500f, 0.4650878906250f, 0.1373291015625f},
    {0.1373291015625f, 0.4650878906250f, 0.7797851562500f, 0.9721679687500f},
    {-0.0594482421875f, -0.1665039062500f, -0.2003173828125f, -0.1022949218750f},
    {0.0332031250000f, 0.0891113281250f, 0.1015625000000f, 0.0476074218750f},
    {-0.0196533203125f, -0.0517578125000f, -0.0582275390625f, -0.0266113281250f},
    {0.0109863281250f, 0.0292968750000f, 0.0330810546875f, 0.0148925781250f},
    {0.0017089843750f, -0.0291748046875f, -0.0189208984375f, -0.0083007812500f},
};
/* clang-format on */

typedef int32_t Lanes __attribute__((vector_size(TRUE_PEAK_PHASES * sizeof(int32_t))));

/* Lane by lane: the larger magnitude (finite values: a compare and a
 * select, which compilers turn into one max instruction). */
static Phases
larger_magnitude(Phases a, Phases b)
{
	const Lanes sign = {INT32_MIN, INT32_MIN, INT32_MIN, INT32_MIN};
	a = (Phases)((Lanes)a & ~sign);
	b = (Phases)((Lanes)b & ~sign);
	const Lanes a_larger = a > b;
	return (Phases)(((Lanes)a & a_larger) | ((Lanes)b & ~a_larger));
}

static float
magnitude(float x)
{
	return x < 0.0f ? -x : x;
}

static float
largest(Phases v)
{
	const float x = v[0] > v[1] ? v[0] : v[1], y = v[2] > v[3] ? v[2] : v[3];
	return x > y ? x : y;
}

void
true_peak_init(TruePeak* tp)
{
	memset(tp, 0, sizeof(*tp));
	/* the largest sum of magnitudes of one phase's taps, and a little
	 * for the rounding of the sums */
	for (int k = 0; k < TRUE_PEAK_PHASES; ++k) {
		float sum = 0.0f;
		for (int i = 0; i < TRUE_PEAK_TAPS; ++i) {
			sum += magnitude(taps[i][k]);
		}
		tp->bound = sum > tp->bound ? sum : tp->bound;
	}
	tp->bound *= 1.0001f;
}

static inline float
push(TruePeak* tp, float left, float right, float floor)
{
	tp->newest = tp->newest == TRUE_PEAK_TAPS - 1 ? 0 : tp->newest + 1;
	const int at = tp->newest;
	const Phases l_now = {left, left, left, left}, r_now = {right, right, right, right};
	tp->history[0][at] = tp->history[0][at + TRUE_PEAK_TAPS] = l_now;
	tp->history[1][at] = tp->history[1][at + TRUE_PEAK_TAPS] = r_now;
	/* the windows: the last TAPS frames, the newest last; the interval is
	 * [n - LAG, n - LAG + 1] with n the newest */
	const Phases* l = tp->history[0] + at + 1;
	const Phases* r = tp->history[1] + at + 1;
	const int start = TRUE_PEAK_TAPS - 1 - TRUE_PEAK_LAG;
	const Phases ends_l = {l[start][0], l[start + 1][0], 0.0f, 0.0f};
	const Phases ends_r = {r[start][0], r[start + 1][0], 0.0f, 0.0f};
	const Phases ends = larger_magnitude(ends_l, ends_r);
	/* most of a normalised session is too quiet for its interpolated
	 * points to pass the floor: they are worked out only near a frame
	 * loud enough that they might */
	const float loud = magnitude(left) > magnitude(right) ? magnitude(left) : magnitude(right);
	if (loud * tp->bound > floor) {
		tp->pending = TRUE_PEAK_TAPS;
	}
	if (tp->pending == 0) {
		return largest(ends);
	}
	--tp->pending;
	/* three partial sums a channel, so the additions do not wait on each
	 * other down one long chain */
	Phases sum_l[3], sum_r[3];
	for (int j = 0; j < 3; ++j) {
		sum_l[j] = taps[j] * l[j];
		sum_r[j] = taps[j] * r[j];
	}
	for (int i = 3; i < TRUE_PEAK_TAPS; i += 3) {
		for (int j = 0; j < 3; ++j) {
			sum_l[j] += taps[i + j] * l[i + j];
			sum_r[j] += taps[i + j] * r[i + j];
		}
	}
	const Phases between =
	    larger_magnitude(sum_l[0] + sum_l[1] + sum_l[2], sum_r[0] + sum_r[1] + sum_r[2]);
	return largest(larger_magnitude(between, ends));
}

float
true_peak_push(TruePeak* tp, float left, float right, float floor)
{
	return push(tp, left, right, floor);
}

void
true_peak_block(TruePeak* tp, const float* frames, size_t n, float floor, float* peaks)
{
	for (size_t i = 0; i < n; ++i) {
		peaks[i] = push(tp, frames[2 * i], frames[2 * i + 1], floor);
	}
}
