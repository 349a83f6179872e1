/* SPDX-License-Identifier: ISC */
#include "loudness.h"

#include <ebur128.h>

bool
loudness_meter_init(LoudnessMeter* meter, unsigned rate)
{
	/* the histogram keeps memory constant; without it libebur128 keeps
	 * every 400 ms block of the whole session */
	meter->state = ebur128_init(2, rate, EBUR128_MODE_I | EBUR128_MODE_HISTOGRAM);
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
loudness_meter_result(LoudnessMeter* meter, double* lufs)
{
	return ebur128_loudness_global(meter->state, lufs) == EBUR128_SUCCESS;
}
