/* SPDX-License-Identifier: ISC */
#include "true_peak_limiter.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Below this the released reduction is dropped to 0, so the gain comes
 * back to exactly 1 (a step of -120 dB, smoothed over the look-ahead). */
#define RELEASE_FLOOR 1e-6
/* How far either side of a frame the interpolator reads. */
#define REACH (TRUE_PEAK_TAPS / 2)
/* A frame counts as limited when its gain is this far under 1 (0.1 dB). */
#define ACTING_GAIN 0.98855309f

static bool
moving_average_init(MovingAverage* avg, uint32_t length)
{
	memset(avg, 0, sizeof(*avg));
	avg->length = length;
	avg->values = (double*)calloc(length, sizeof(double));
	return avg->values != NULL;
}

static double
moving_average_push(MovingAverage* avg, double value)
{
	const double old = avg->values[avg->at];
	avg->values[avg->at] = value;
	avg->at = avg->at + 1 == avg->length ? 0 : avg->at + 1;
	avg->nonzero += (value != 0.0) - (old != 0.0);
	/* running sums leave residues: a window of zeros starts again from 0 */
	avg->sum = avg->nonzero ? avg->sum + value - old : 0.0;
	return avg->sum / avg->length;
}

bool
true_peak_limiter_init(TruePeakLimiter* lim, double rate, double ceiling_db,
                       double lookahead_s, double release_s)
{
	memset(lim, 0, sizeof(*lim));
	/* two averages of `smooth` frames span 2 * smooth - 1 frames; the hold
	 * is longer by the interpolator's reach on both sides, so the gain
	 * stays down over every frame that goes into a peak's interpolation */
	const double smooth_frames = round(lookahead_s * rate / 2.0);
	const uint32_t smooth = smooth_frames < 1.0 ? 1u : (uint32_t)smooth_frames;
	const uint32_t span = 2 * smooth - 1;
	lim->hold = span + 2 * REACH;
	/* the frame a gain is for comes out when the gain is ready: the peak
	 * detector's lag, the averages' span, the reach after it */
	lim->latency = TRUE_PEAK_LAG + span - 1 + REACH;
	lim->ceiling = (float)pow(10.0, ceiling_db / 20.0);
	lim->release = exp(-1.0 / (release_s * rate));
	lim->lowest_gain = 1.0f;
	lim->settled = true;
	true_peak_init(&lim->peak);
	lim->hold_frames = (uint64_t*)calloc(lim->hold, sizeof(uint64_t));
	lim->hold_values = (double*)calloc(lim->hold, sizeof(double));
	lim->delay = (float*)calloc(2 * (size_t)lim->latency, sizeof(float));
	const bool ok = moving_average_init(&lim->smooth[0], smooth) &&
	                moving_average_init(&lim->smooth[1], smooth) && lim->hold_frames &&
	                lim->hold_values && lim->delay;
	if (!ok) {
		true_peak_limiter_free(lim);
	}
	return ok;
}

void
true_peak_limiter_free(TruePeakLimiter* lim)
{
	free(lim->hold_frames);
	free(lim->hold_values);
	free(lim->smooth[0].values);
	free(lim->smooth[1].values);
	free(lim->delay);
	lim->hold_frames = NULL;
	lim->hold_values = NULL;
	lim->smooth[0].values = lim->smooth[1].values = NULL;
	lim->delay = NULL;
}

/* The largest reduction of the last `hold` frames, `reduction` the newest. */
static double
hold_push(TruePeakLimiter* lim, double reduction)
{
	const uint32_t size = lim->hold;
	if (lim->hold_count > 0 && lim->hold_frames[lim->hold_first] + size <= lim->frame) {
		lim->hold_first = lim->hold_first + 1 == size ? 0 : lim->hold_first + 1;
		--lim->hold_count;
	}
	/* what the new reduction outlasts and outweighs can never be the largest */
	while (lim->hold_count > 0) {
		uint32_t last = lim->hold_first + lim->hold_count - 1;
		last = last >= size ? last - size : last;
		if (lim->hold_values[last] > reduction) {
			break;
		}
		--lim->hold_count;
	}
	uint32_t next = lim->hold_first + lim->hold_count;
	next = next >= size ? next - size : next;
	lim->hold_frames[next] = lim->frame;
	lim->hold_values[next] = reduction;
	++lim->hold_count;
	return lim->hold_values[lim->hold_first];
}

/* The gain for the frame leaving the delay, with `left`, `right` coming
 * in. */
static float
next_gain(TruePeakLimiter* lim, float left, float right)
{
	const float interval = true_peak_push(&lim->peak, left, right);
	/* a frame's neighbourhood: the intervals on both sides of it */
	const float peak = interval > lim->previous_peak ? interval : lim->previous_peak;
	lim->previous_peak = interval;
	lim->input_peak = interval > lim->input_peak ? interval : lim->input_peak;
	if (!(peak > lim->ceiling) && lim->settled) {
		/* every stage holds zeros and would stay so: the gain is 1 */
		return 1.0f;
	}
	const double reduction = peak > lim->ceiling ? 1.0 - (double)lim->ceiling / peak : 0.0;
	const double held = hold_push(lim, reduction), fading = lim->released * lim->release;
	double released = held > fading ? held : fading;
	released = released < RELEASE_FLOOR ? 0.0 : released;
	lim->released = released;
	const double smoothed =
	    moving_average_push(&lim->smooth[1], moving_average_push(&lim->smooth[0], released));
	lim->settled = held == 0.0 && released == 0.0 && lim->smooth[0].nonzero == 0 &&
	               lim->smooth[1].nonzero == 0;
	return (float)(1.0 - smoothed);
}

/* One frame in; the frame `latency` before it out, limited, into out
 * (which may be where in was).  False while nothing comes out yet. */
static bool
step(TruePeakLimiter* lim, const float* in, float* out)
{
	const float left = in[0], right = in[1];
	const float gain = next_gain(lim, left, right);
	float* delayed = lim->delay + 2 * (size_t)lim->delay_at;
	const bool ready = lim->frame >= lim->latency;
	if (ready) {
		out[0] = delayed[0] * gain;
		out[1] = delayed[1] * gain;
		lim->lowest_gain = gain < lim->lowest_gain ? gain : lim->lowest_gain;
		lim->acting += gain < ACTING_GAIN;
		++lim->output;
	}
	delayed[0] = left;
	delayed[1] = right;
	lim->delay_at = lim->delay_at + 1 == lim->latency ? 0 : lim->delay_at + 1;
	++lim->frame;
	return ready;
}

size_t
true_peak_limiter_process(TruePeakLimiter* lim, float* frames, size_t n)
{
	size_t out = 0;
	for (size_t i = 0; i < n; ++i) {
		out += step(lim, frames + 2 * i, frames + 2 * out);
	}
	return out;
}

size_t
true_peak_limiter_flush(TruePeakLimiter* lim, float* out)
{
	static const float silence[2] = {0.0f, 0.0f};
	size_t n = 0;
	for (uint32_t i = 0; i < lim->latency; ++i) {
		n += step(lim, silence, out + 2 * n);
	}
	return n;
}

double
true_peak_limiter_reduction_db(const TruePeakLimiter* lim)
{
	return -20.0 * log10((double)lim->lowest_gain);
}

double
true_peak_limiter_input_peak_db(const TruePeakLimiter* lim)
{
	return lim->input_peak > 0.0f ? 20.0 * log10((double)lim->input_peak) : -HUGE_VAL;
}
