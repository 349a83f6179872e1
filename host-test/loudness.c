/* SPDX-License-Identifier: ISC */
#include "loudness.h"

#include <ebur128.h>

#include <math.h>

bool
loudness_meter_init(LoudnessMeter* meter, unsigned rate)
{
	/* the histogram keeps memory constant; without it libebur128 keeps
	 * every 400 ms block of the whole session */
	meter->state = ebur128_init(2, rate,
	                            EBUR128_MODE_I | EBUR128_MODE_TRUE_PEAK | EBUR128_MODE_HISTOGRAM);
	return meter->state != NULL;
}

void
loudness_meter_free(LoudnessMeter* meter)
{
	if (meter->state) {
		ebur128_destroy(&meter->state);
	}
}

bool
loudness_meter_add(LoudnessMeter* meter, const float* frames, size_t n)
{
	return ebur128_add_frames_float(meter->state, frames, n) == EBUR128_SUCCESS;
}

bool
loudness_meter_result(LoudnessMeter* meter, double* lufs, double* true_peak_db)
{
	double peak = 0.0;
	for (unsigned channel = 0; channel < 2; ++channel) {
		double channel_peak;
		if (ebur128_true_peak(meter->state, channel, &channel_peak) != EBUR128_SUCCESS) {
			return false;
		}
		peak = channel_peak > peak ? channel_peak : peak;
	}
	*true_peak_db = peak > 0.0 ? 20.0 * log10(peak) : -HUGE_VAL;
	return ebur128_loudness_global(meter->state, lufs) == EBUR128_SUCCESS;
}

double
loudness_gain_db(double lufs, double true_peak_db, double target_lufs, double ceiling_db,
                 bool* limited)
{
	double gain = target_lufs - lufs;
	*limited = false;
	if (true_peak_db + gain > ceiling_db) {
		gain = ceiling_db - true_peak_db;
		*limited = true;
	}
	return gain;
}
