/* SPDX-License-Identifier: ISC */
/* The renderer's true-peak limiter (host-test/render/true_peak_limiter.c) and its
 * 4x detector, on signals made to test them: where it must not act the
 * output is the input, bit for bit; where it must, libebur128's true-peak
 * meter reads at most -1 dBTP at the output; the gain reaches each peak's
 * reduction in time along a curve without corners, and comes back with the
 * release; under a loud drone it holds still; how the stream is cut into
 * calls changes nothing.  Then the gain search (host-test/render/gain_search.c) on
 * a model of a limited render. */
#undef NDEBUG
#include "check.h"
#include "gain_search.h"
#include "true_peak.h"
#include "true_peak_limiter.h"

#include <ebur128.h>

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define RATE 48000.0
#define CEILING_DB -1.3
#define LOOKAHEAD_S 0.002
#define HOLD_S 0.0125
#define RELEASE_S 0.1
#define FRAMES 96000 /* 2 s */

static float input[2 * FRAMES], output[2 * FRAMES];

/* A deterministic noise in [-1, 1). */
static uint32_t noise_state;
static float
noise(void)
{
	noise_state = noise_state * 1664525u + 1013904223u;
	return (float)(noise_state >> 8) / 8388608.0f - 1.0f;
}

static double
db(double x)
{
	return 20.0 * log10(x);
}

static void
limiter_start(TruePeakLimiter* lim, double ceiling_db)
{
	const TruePeakLimiterSettings settings = {ceiling_db, LOOKAHEAD_S, HOLD_S, RELEASE_S};
	CHECK(true_peak_limiter_init(lim, RATE, &settings), "init");
}

/* The whole of `input` through a fresh limiter in calls of `chunk` frames
 * (0: varied lengths), flushed, into `output`; returns frames out. */
static size_t
limit_all(TruePeakLimiter* lim, double ceiling_db, size_t frames, size_t chunk)
{
	limiter_start(lim, ceiling_db);
	memcpy(output, input, sizeof(float) * 2 * frames);
	size_t in = 0, out = 0;
	uint32_t lengths = 12345;
	while (in < frames) {
		lengths = lengths * 1103515245u + 12345u;
		size_t n = chunk ? chunk : 1 + (lengths >> 16) % 3000;
		n = n < frames - in ? n : frames - in;
		/* in place, as the writer does: what comes out moves to `out` */
		memmove(output + 2 * out, output + 2 * in, sizeof(float) * 2 * n);
		out += true_peak_limiter_process(lim, output + 2 * out, n);
		in += n;
	}
	CHECK(out + lim->latency >= frames, "output %zu of %zu", out, frames);
	static float tail[2 * 8192];
	const size_t rest = true_peak_limiter_flush(lim, tail);
	memcpy(output + 2 * out, tail, sizeof(float) * 2 * rest);
	return out + rest;
}

/* libebur128's true peak of `output`, in dBTP. */
static double
measured_peak_db(size_t frames)
{
	ebur128_state* meter = ebur128_init(2, (unsigned)RATE, EBUR128_MODE_TRUE_PEAK);
	CHECK(meter && ebur128_add_frames_float(meter, output, frames) == EBUR128_SUCCESS, "meter");
	double peak = 0.0;
	for (unsigned c = 0; c < 2; ++c) {
		double p;
		ebur128_true_peak(meter, c, &p);
		peak = fmax(peak, p);
	}
	ebur128_destroy(&meter);
	return db(peak);
}

/* A sine at fs/4 sampled 45 degrees off its crests reads 3 dB low on its
 * samples; the detector finds the crests. */
static void
test_detector_finds_crests_between_samples(void)
{
	TruePeak tp;
	true_peak_init(&tp);
	float sample_peak = 0.0f, peak = 0.0f;
	for (int i = 0; i < 4800; ++i) {
		const float x = (float)sin(M_PI / 2.0 * i + M_PI / 4.0);
		sample_peak = fmaxf(sample_peak, fabsf(x));
		peak = fmaxf(peak, true_peak_push(&tp, x, 0.0f, 0.0f));
	}
	CHECK(fabs(db(sample_peak) + 3.01) < 0.01, "samples %.2f dB", db(sample_peak));
	CHECK(fabs(db(peak)) < 0.1, "the detector reads %.3f dB, not 0", db(peak));
}

/* Under the ceiling it is a delay line: the same samples, bit for bit. */
static void
test_idle_is_exact(void)
{
	noise_state = 1;
	for (size_t i = 0; i < FRAMES; ++i) {
		const double t = (double)i / RATE;
		input[2 * i] = (float)(0.5 * sin(2.0 * M_PI * 110.0 * t)) + 0.2f * noise();
		input[2 * i + 1] = (float)(0.6 * sin(2.0 * M_PI * 165.0 * t)) + 0.1f * noise();
	}
	TruePeakLimiter lim;
	const size_t n = limit_all(&lim, CEILING_DB, FRAMES, 0);
	CHECK(n == FRAMES, "%zu frames out of %d", n, FRAMES);
	CHECK(memcmp(input, output, sizeof(float) * 2 * FRAMES) == 0, "the samples changed");
	CHECK(lim.lowest_gain == 1.0f && lim.acting == 0, "it acted: %g", lim.lowest_gain);
	CHECK(true_peak_limiter_reduction_db(&lim) == 0.0, "reduction");
	true_peak_limiter_free(&lim);

	/* a ceiling of +inf never acts, and measures the input's peak */
	limit_all(&lim, INFINITY, FRAMES, 0);
	CHECK(memcmp(input, output, sizeof(float) * 2 * FRAMES) == 0, "the samples changed");
	const double peak_db = true_peak_limiter_input_peak_db(&lim);
	CHECK(peak_db > -3.0 && peak_db < 0.0, "input peak %.2f dB", peak_db);
	true_peak_limiter_free(&lim);

	/* a stream shorter than the look-ahead comes back whole from flush */
	limiter_start(&lim, CEILING_DB);
	static float few[2 * 8192]; /* flush needs room for the look-ahead */
	memcpy(few, input, sizeof(float) * 2 * 10);
	CHECK(true_peak_limiter_process(&lim, few, 10) == 0, "nothing out yet");
	CHECK(true_peak_limiter_flush(&lim, few) == 10, "10 frames back");
	CHECK(memcmp(few, input, sizeof(float) * 2 * 10) == 0, "the same 10 frames");
	true_peak_limiter_free(&lim);
}

typedef struct {
	const char* name;
	void (*make)(size_t frames);
} Signal;

/* Loud material of several kinds, each well over the ceiling. */
static void
make_tones(size_t frames)
{
	for (size_t i = 0; i < frames; ++i) {
		const double t = (double)i / RATE;
		input[2 * i] = (float)(2.0 * sin(2.0 * M_PI * 997.0 * t));
		input[2 * i + 1] = (float)(1.5 * sin(2.0 * M_PI * 19000.0 * t + 0.3)); /* near fs/2 */
	}
}

static void
make_clicks(size_t frames)
{
	memset(input, 0, sizeof(float) * 2 * frames);
	for (size_t i = 1000; i < frames; i += 4801) {
		input[2 * i] = 1.0f;      /* one sample: its ringing peaks between frames */
		input[2 * i + 3] = -1.0f; /* and the other side, the next frame */
	}
}

static void
make_strikes(size_t frames)
{
	noise_state = 9;
	for (size_t i = 0; i < frames; ++i) {
		const double t = (double)i / RATE, since = fmod(t, 0.4167); /* 1.2 Hz sides */
		const double strike = 3.0 * exp(-since / 0.1) * sin(2.0 * M_PI * 880.0 * since);
		const double drone = 0.3 * sin(2.0 * M_PI * 55.0 * t);
		const int side = (int)(t / 0.4167) % 2;
		input[2 * i] = (float)(drone + (side ? 0.0 : strike));
		input[2 * i + 1] = (float)(drone + (side ? strike : 0.0));
	}
}

static void
make_bursts(size_t frames)
{
	noise_state = 5;
	for (size_t i = 0; i < frames; ++i) {
		const float level = (i / 4800) % 3 == 0 ? 1.5f : 0.05f; /* 100 ms of every 300 */
		input[2 * i] = level * noise();
		input[2 * i + 1] = level * noise();
	}
}

/* clang-format off */
static const Signal loud_signals[] = {
    {"tones at 997 Hz and 19 kHz", make_tones},
    {"single-sample clicks", make_clicks},
    {"strikes over a drone", make_strikes},
    {"white noise bursts 30 dB up", make_bursts},
};
/* clang-format on */

/* The ceiling holds on every one, by libebur128's meter and by the
 * detector; the output is the same however the stream is cut. */
static void
test_ceiling_holds(void)
{
	static float whole[2 * FRAMES];
	for (size_t s = 0; s < sizeof(loud_signals) / sizeof(loud_signals[0]); ++s) {
		const Signal* sig = &loud_signals[s];
		sig->make(FRAMES);
		TruePeakLimiter lim;
		CHECK(limit_all(&lim, CEILING_DB, FRAMES, 4096) == FRAMES, "%s: length", sig->name);
		const double reduction_db = true_peak_limiter_reduction_db(&lim);
		true_peak_limiter_free(&lim);
		const double peak_db = measured_peak_db(FRAMES);
		TruePeak tp;
		true_peak_init(&tp);
		float detected = 0.0f;
		for (size_t i = 0; i < FRAMES; ++i) {
			detected = fmaxf(detected, true_peak_push(&tp, output[2 * i], output[2 * i + 1], 0.0f));
		}
		printf("%-28s took %5.2f dB off; out: %.3f dBTP (libebur128), %.3f dB (detector)\n",
		       sig->name, reduction_db, peak_db, db(detected));
		CHECK(reduction_db > 1.0, "%s: it hardly acted", sig->name);
		CHECK(peak_db <= -1.0, "%s: %.3f dBTP out", sig->name, peak_db);
		CHECK(db(detected) <= CEILING_DB + 0.05, "%s: detector %.3f dB", sig->name, db(detected));

		memcpy(whole, output, sizeof(whole));
		limit_all(&lim, CEILING_DB, FRAMES, 0);
		true_peak_limiter_free(&lim);
		CHECK(memcmp(whole, output, sizeof(whole)) == 0, "%s: cut differently, differs", sig->name);
	}
}

/* A steady level that jumps up for 125 ms: the gain (output over input)
 * is down to the ceiling when the jump arrives, gets there smoothly (its
 * second difference is that of a parabola over the look-ahead, where one
 * straight ramp would bend at once by its whole slope), and returns with
 * the release's time constant. */
static void
test_gain_curve(void)
{
	const size_t jump = 24000, back = 30000, frames = FRAMES;
	const float quiet = 0.25f, loud = 2.0f;
	for (size_t i = 0; i < frames; ++i) {
		input[2 * i] = input[2 * i + 1] = i >= jump && i < back ? loud : quiet;
	}
	TruePeakLimiter lim;
	limit_all(&lim, CEILING_DB, frames, 0);
	const uint32_t lookahead = lim.latency;
	true_peak_limiter_free(&lim);
	static double gain[FRAMES];
	for (size_t i = 0; i < frames; ++i) {
		gain[i] = (double)output[2 * i] / input[2 * i];
	}
	const double ceiling = pow(10.0, CEILING_DB / 20.0);
	/* the detector's ringing at the jump asks a little more than loud / ceiling */
	CHECK(gain[jump] * loud <= ceiling, "at the jump: %.4f of %.4f", gain[jump] * loud, ceiling);
	CHECK(gain[jump - lookahead - 8] == 1.0, "it starts only a look-ahead before");
	double bend = 0.0, slope = 0.0;
	for (size_t i = jump - lookahead - 8; i < jump; ++i) {
		CHECK(gain[i + 1] <= gain[i], "the attack falls");
		bend = fmax(bend, fabs(gain[i + 1] - 2.0 * gain[i] + gain[i - 1]));
		slope = fmax(slope, gain[i] - gain[i + 1]);
	}
	printf("attack: steepest %.5f a frame, sharpest bend %.6f a frame^2\n", slope, bend);
	CHECK(bend < 0.1 * slope, "a corner: bend %.6f against slope %.5f", bend, slope);
	/* the hold, then the release: reduction 1 - gain falls by e in RELEASE_S
	 * (within 5 %), measured 10 ms after it starts, past the smoothing */
	CHECK(gain[back + (size_t)(HOLD_S * RATE) - lookahead] == gain[back - 1], "not held");
	const size_t start = back + (size_t)((HOLD_S + 0.01) * RATE),
	             later = start + (size_t)(RELEASE_S * RATE);
	const double ratio = (1.0 - gain[start]) / (1.0 - gain[later]);
	CHECK(fabs(log(ratio) - 1.0) < 0.05, "released by %.3f, not e, in %.0f ms", ratio,
	      RELEASE_S * 1000.0);
	CHECK(gain[frames - 1] == 1.0, "back to exactly 1 in 1.4 s");
}

/* A loud, steady drone at 40 Hz, the lowest drone root (its crests 12.5 ms
 * apart, one up, one down), in both channels, 4 dB over the ceiling for
 * 2 s: once down, the gain holds still, instead of following the waveform
 * (which would modulate the drone and distort it). */
static void
test_drone_does_not_pump(void)
{
	const double amplitude = pow(10.0, (CEILING_DB + 4.0) / 20.0);
	for (size_t i = 0; i < FRAMES; ++i) {
		const double t = (double)i / RATE;
		input[2 * i] = (float)(amplitude * sin(2.0 * M_PI * 40.0 * t));
		input[2 * i + 1] = input[2 * i];
	}
	TruePeakLimiter lim;
	limit_all(&lim, CEILING_DB, FRAMES, 0);
	true_peak_limiter_free(&lim);
	double lowest = 1.0, highest = 0.0;
	for (size_t i = FRAMES / 2; i < FRAMES; ++i) { /* the second second */
		if (fabsf(input[2 * i]) > 0.1f) {
			const double gain = (double)output[2 * i] / input[2 * i];
			lowest = fmin(lowest, gain);
			highest = fmax(highest, gain);
		}
	}
	printf("drone 4 dB over: gain %.4f to %.4f dB\n", db(lowest), db(highest));
	CHECK(db(highest) - db(lowest) < 0.01, "the gain moves by %.4f dB", db(highest) - db(lowest));
	CHECK(fabs(db(lowest) + 4.0) < 0.2, "reduced by %.2f dB, not 4", -db(lowest));
}

/* A model of a limited render: L(g) = L0 + g - loss(g), the loss growing
 * with how far e the peaks would pass the ceiling, ever more nearly as
 * fast as e (so L rises ever more slowly, as when limiting deepens). */
static double
model_lufs(double gain_db, double plain_lufs, double excess_at_0)
{
	const double excess = fmax(0.0, gain_db + excess_at_0);
	return plain_lufs + gain_db - 0.8 * (excess - log1p(excess));
}

static void
test_gain_search(void)
{
	const double targets[] = {-16.0, -23.0, -14.0};
	const double plains[] = {-29.4, -28.5, -34.8};
	const double excess[] = {-12.4, -11.0, -15.0};
	for (int k = 0; k < 3; ++k) {
		GainSearch search;
		const double plain_gain = targets[k] - plains[k];
		gain_search_init(&search, targets[k], 0.1, plain_gain, plain_gain + excess[k], 40.0);
		int passes = 0;
		double lufs = 0.0;
		while (!search.done && passes < 8) {
			lufs = model_lufs(gain_search_gain_db(&search), plains[k], excess[k]);
			gain_search_measured(&search, lufs);
			++passes;
		}
		printf("search for %.0f LUFS: %.3f LUFS in %d passes\n", targets[k], lufs, passes);
		CHECK(search.done && fabs(lufs - targets[k]) <= 0.1, "landed at %.3f", lufs);
		CHECK(passes <= 4, "%d passes", passes);
	}
	/* out of reach within the cap: it stops at the cap, short */
	GainSearch search;
	gain_search_init(&search, -6.0, 0.1, 23.4, 11.0, 15.0);
	CHECK(gain_search_gain_db(&search) == 15.0, "the first gain is capped");
	CHECK(gain_search_measured(&search, model_lufs(15.0, -29.4, -12.4)), "done at the cap");
}

int
main(void)
{
	test_detector_finds_crests_between_samples();
	test_idle_is_exact();
	test_ceiling_holds();
	test_gain_curve();
	test_drone_does_not_pump();
	test_gain_search();
	printf("ok\n");
	return 0;
}
