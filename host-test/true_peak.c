/* SPDX-License-Identifier: ISC */
#include "true_peak.h"

#include <math.h>
#include <string.h>

/* ITU-R BS.1770-4 Annex 2, one row per phase, each reversed (oldest frame
 * first) so a phase is a dot product with the history window.  Phase k
 * interpolates the point (k + 0.5) / 4 of the way through the interval. */
static const float phases[TRUE_PEAK_PHASES][TRUE_PEAK_TAPS] = {
    {-0.0083007812500f, 0.0148925781250f, -0.0266113281250f, 0.0476074218750f,
     -0.1022949218750f, 0.9721679687500f, 0.1373291015625f, -0.0594482421875f,
     0.0332031250000f, -0.0196533203125f, 0.0109863281250f, 0.0017089843750f},
    {-0.0189208984375f, 0.0330810546875f, -0.0582275390625f, 0.1015625000000f,
     -0.2003173828125f, 0.7797851562500f, 0.4650878906250f, -0.1665039062500f,
     0.0891113281250f, -0.0517578125000f, 0.0292968750000f, -0.0291748046875f},
    {-0.0291748046875f, 0.0292968750000f, -0.0517578125000f, 0.0891113281250f,
     -0.1665039062500f, 0.4650878906250f, 0.7797851562500f, -0.2003173828125f,
     0.1015625000000f, -0.0582275390625f, 0.0330810546875f, -0.0189208984375f},
    {0.0017089843750f, 0.0109863281250f, -0.0196533203125f, 0.0332031250000f,
     -0.0594482421875f, 0.1373291015625f, 0.9721679687500f, -0.1022949218750f,
     0.0476074218750f, -0.0266113281250f, 0.0148925781250f, -0.0083007812500f},
};

void
true_peak_init(TruePeak* tp)
{
	memset(tp, 0, sizeof(*tp));
}

/* The largest magnitude on the interval of one channel's window. */
static float
interval_peak(const float* window)
{
	/* window[TAPS - 1] is the newest frame, n; the interval is
	 * [n - LAG, n - LAG + 1] */
	float peak = fmaxf(fabsf(window[TRUE_PEAK_TAPS - 1 - TRUE_PEAK_LAG]),
	                   fabsf(window[TRUE_PEAK_TAPS - TRUE_PEAK_LAG]));
	for (int k = 0; k < TRUE_PEAK_PHASES; ++k) {
		float sum = 0.0f;
		for (int i = 0; i < TRUE_PEAK_TAPS; ++i) {
			sum += phases[k][i] * window[i];
		}
		peak = fmaxf(peak, fabsf(sum));
	}
	return peak;
}

float
true_peak_push(TruePeak* tp, float left, float right)
{
	tp->newest = tp->newest == TRUE_PEAK_TAPS - 1 ? 0 : tp->newest + 1;
	const int at = tp->newest;
	tp->history[0][at] = tp->history[0][at + TRUE_PEAK_TAPS] = left;
	tp->history[1][at] = tp->history[1][at + TRUE_PEAK_TAPS] = right;
	return fmaxf(interval_peak(tp->history[0] + at + 1), interval_peak(tp->history[1] + at + 1));
}
