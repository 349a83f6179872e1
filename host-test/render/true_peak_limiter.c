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
/* Frames a block: the detector's peaks go through a buffer this long. */
#define BLOCK 256
/* A frame counts as limited when its gain is this far under 1 (0.1 dB). */
#define ACTING_GAIN 0.98855309f

static bool
moving_average_init(MovingAverage* avg, uint32_t length)
{
	memset(avg, 0, sizeof(*avg));
	avg->length = length;
	avg->scale = 1.0 / length;
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
	return avg->sum * avg->scale;
}

bool
true_peak_limiter_init(TruePeakLimiter* lim, double rate, const TruePeakLimiterSettings* settings)
{
	memset(lim, 0, sizeof(*lim));
	/* two averages of `smooth` frames span 2 * smooth - 1 frames; the hold
	 * is longer by the interpolator's reach on both sides, so the gain
	 * stays down over every frame that goes into a peak's interpolation,
	 * and longer by the hold time */
	const double smooth_frames = round(settings->lookahead_s * rate / 2.0);
	const uint32_t smooth = smooth_frames < 1.0 ? 1u : (uint32_t)smooth_frames;
	const uint32_t span = 2 * smooth - 1;
	lim->hold = span + 2 * REACH + (uint32_t)round(settings->hold_s * rate);
	/* the frame a gain is for comes out when the gain is ready: the peak
	 * detector's lag, the averages' span, the reach after it */
	lim->latency = TRUE_PEAK_LAG + span - 1 + REACH;
	lim->ceiling = (float)pow(10.0, settings->ceiling_db / 20.0);
	lim->release = exp(-1.0 / (settings->release_s * rate));
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

/* The largest reduction of the last `hold` frames, `reduction` that of
 * `frame`, the newest. */
static double
hold_push(TruePeakLimiter* lim, uint64_t frame, double reduction)
{
	const uint32_t size = lim->hold;
	uint32_t first = lim->hold_first, count = lim->hold_count;
	if (count > 0 && lim->hold_frames[first] + size <= frame) {
		first = first + 1 == size ? 0 : first + 1;
		--count;
	}
	/* what the new reduction outlasts and outweighs can never be the largest */
	while (count > 0) {
		const uint32_t last = first + count - 1;
		if (lim->hold_values[last >= size ? last - size : last] > reduction) {
			break;
		}
		--count;
	}
	const uint32_t next = first + count >= size ? first + count - size : first + count;
	lim->hold_frames[next] = frame;
	lim->hold_values[next] = reduction;
	lim->hold_first = first;
	lim->hold_count = count + 1;
	return lim->hold_values[first];
}

/* The frames of one block through the gain, their interval peaks known:
 * each frame in, the frame `latency` before it out, limited, into out
 * (which may be where the input was: out never runs ahead of it).
 * Returns how many came out.  The state lives in locals meanwhile. */
static size_t
limit_block(TruePeakLimiter* lim, const float* in, size_t n, const float* peaks, float* out)
{
	const float ceiling = lim->ceiling;
	const double release = lim->release;
	float previous_peak = lim->previous_peak, input_peak = lim->input_peak;
	float lowest_gain = lim->lowest_gain;
	double released = lim->released;
	bool settled = lim->settled;
	uint64_t frame = lim->frame, acting = lim->acting;
	uint32_t delay_at = lim->delay_at;
	size_t n_out = 0;
	for (size_t i = 0; i < n; ++i, ++frame) {
		/* a frame's neighbourhood: the intervals on both sides of it */
		const float interval = peaks[i];
		const float peak = interval > previous_peak ? interval : previous_peak;
		previous_peak = interval;
		input_peak = interval > input_peak ? interval : input_peak;
		float gain = 1.0f; /* while every stage holds zeros and would stay so */
		if (peak > ceiling || !settled) {
			const double reduction = peak > ceiling ? 1.0 - (double)ceiling / peak : 0.0;
			const double held = hold_push(lim, frame, reduction);
			const double fading = released * release;
			released = held > fading ? held : fading;
			released = released < RELEASE_FLOOR ? 0.0 : released;
			const double smoothed = moving_average_push(
			    &lim->smooth[1], moving_average_push(&lim->smooth[0], released));
			settled = held == 0.0 && released == 0.0 && lim->smooth[0].nonzero == 0 &&
			          lim->smooth[1].nonzero == 0;
			gain = (float)(1.0 - smoothed);
		}
		float* delayed = lim->delay + 2 * (size_t)delay_at;
		const float left = in[2 * i], right = in[2 * i + 1];
		if (frame >= lim->latency) {
			out[2 * n_out] = delayed[0] * gain;
			out[2 * n_out + 1] = delayed[1] * gain;
			lowest_gain = gain < lowest_gain ? gain : lowest_gain;
			acting += gain < ACTING_GAIN;
			++n_out;
		}
		delayed[0] = left;
		delayed[1] = right;
		delay_at = delay_at + 1 == lim->latency ? 0 : delay_at + 1;
	}
	lim->previous_peak = previous_peak;
	lim->input_peak = input_peak;
	lim->lowest_gain = lowest_gain;
	lim->released = released;
	lim->settled = settled;
	lim->frame = frame;
	lim->acting = acting;
	lim->delay_at = delay_at;
	lim->output += n_out;
	return n_out;
}

size_t
true_peak_limiter_process(TruePeakLimiter* lim, float* frames, size_t n)
{
	size_t out = 0;
	for (size_t done = 0; done < n;) {
		float peaks[BLOCK];
		const size_t m = n - done < BLOCK ? n - done : BLOCK;
		/* exact where it could act, or raise the input's peak */
		const float floor = lim->ceiling < lim->input_peak ? lim->ceiling : lim->input_peak;
		true_peak_block(&lim->peak, frames + 2 * done, m, floor, peaks);
		out += limit_block(lim, frames + 2 * done, m, peaks, frames + 2 * out);
		done += m;
	}
	return out;
}

size_t
true_peak_limiter_flush(TruePeakLimiter* lim, float* out)
{
	/* silence pushes the last frames out */
	memset(out, 0, sizeof(float) * 2 * lim->latency);
	return true_peak_limiter_process(lim, out, lim->latency);
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
