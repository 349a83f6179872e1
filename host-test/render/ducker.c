/* SPDX-License-Identifier: ISC */
#include "ducker.h"

#include <math.h>

void
ducker_init(Ducker* d, double rate, float depth_db)
{
	depth_db = depth_db > 0.0f ? depth_db : 0.0f; /* NaN too */
	depth_db = depth_db < 60.0f ? depth_db : 60.0f;
	d->depth_db = depth_db;
	d->threshold = (float)pow(10.0, DUCK_THRESHOLD_DB / 20.0);
	d->attack_db = (float)(depth_db / (DUCK_ATTACK_S * rate));
	d->return_db = (float)(depth_db / (DUCK_RETURN_S * rate));
	d->hold_frames = (uint32_t)lround(DUCK_HOLD_S * rate);
	d->quiet_frames = d->hold_frames; /* no voice yet */
	d->gain_db = 0.0f;
	d->gain = 1.0f;
}

bool
ducker_process(Ducker* d, float* left, float* right, const float* voice_l, const float* voice_r,
               uint32_t n)
{
	bool heard = false;
	float gain_db = d->gain_db, gain = d->gain;
	uint32_t quiet = d->quiet_frames;
	for (uint32_t i = 0; i < n; ++i) {
		const float level = fmaxf(fabsf(voice_l[i]), fabsf(voice_r[i]));
		if (level > d->threshold) {
			quiet = 0;
			heard = true;
		} else if (quiet < d->hold_frames) {
			++quiet;
		}
		const float target = quiet < d->hold_frames ? -d->depth_db : 0.0f;
		if (gain_db != target) {
			gain_db = target < gain_db ? fmaxf(gain_db - d->attack_db, target)
			                           : fminf(gain_db + d->return_db, target);
			gain = gain_db == 0.0f ? 1.0f : powf(10.0f, gain_db / 20.0f);
		}
		left[i] *= gain;
		right[i] *= gain;
	}
	d->gain_db = gain_db;
	d->gain = gain;
	d->quiet_frames = quiet;
	return heard;
}
