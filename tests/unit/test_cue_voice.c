/* SPDX-License-Identifier: ISC */
/* Unit test of the cue voice: every sound at every rate is finite, audible,
 * below full scale and ends; nothing at or above 0.45 x rate; the same
 * samples whatever the chunking or the run; no click on a retrigger; the
 * soft sine in tune; and every sound as loud as the soft sine (EBU R128).
 * A strike's course is tested in test_cue_strike.c, the shared bank in
 * test_cue_bank.c. */

#include "check.h"
#include "cue_cases.h"
#include "cue_voice.h"

#include <ebur128.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

static const double rates[] = {8000.0, 44100.0, 48000.0, 384000.0};
enum { RATE_COUNT = sizeof(rates) / sizeof(rates[0]) };

typedef struct {
	float* samples;
	size_t length;
} Render;

/* One strike rendered in chunks of `chunk` until it ends (or max_s). */
static Render
render_strike(CueSound sound, double rate, float pitch, float decay, uint32_t seed, uint32_t chunk,
              double max_s)
{
	const size_t capacity = (size_t)(max_s * rate);
	Render r = {calloc(capacity, sizeof(float)), 0};
	CHECK(r.samples, "render_strike");
	CueVoice v;
	cue_voice_init(&v, rate);
	cue_voice_trigger(&v, NULL, sound, pitch, decay, 1.0f, seed);
	while (cue_voice_active(&v) && r.length < capacity) {
		const size_t m = capacity - r.length < chunk ? capacity - r.length : chunk;
		cue_voice_render(&v, r.samples + r.length, (uint32_t)m, r.length % CUE_TICK);
		r.length += m;
	}
	return r;
}

static float
peak_of(const float* x, size_t n)
{
	float peak = 0.0f;
	for (size_t i = 0; i < n; ++i) {
		peak = fmaxf(peak, fabsf(x[i]));
	}
	return peak;
}

static float
max_step(const float* x, size_t from, size_t to)
{
	float step = 0.0f;
	for (size_t i = from + 1; i < to; ++i) {
		step = fmaxf(step, fabsf(x[i] - x[i - 1]));
	}
	return step;
}

/* Finite, audible, below full scale, no denormals, ends in time. */
static void
test_every_sound_every_rate(void)
{
	static const float points[][2] = {
	    {330.0f, 0.4f}, {80.0f, 3.0f}, {1200.0f, 3.0f}, {1200.0f, 0.02f}, {80.0f, 0.02f}};
	float worst_peak = 0.0f;
	for (int s = 0; s < CUE_SOUND_COUNT; ++s) {
		for (int ri = 0; ri < RATE_COUNT; ++ri) {
			for (size_t p = 0; p < sizeof(points) / sizeof(points[0]); ++p) {
				const float pitch = points[p][0], decay = points[p][1];
				const double limit_s = 5.0 * decay + 1.0; /* bowl rings 2.5x */
				const Render r =
				    render_strike((CueSound)s, rates[ri], pitch, decay, 3, 256, limit_s + 1.0);
				bool finite = true, denormal = false;
				for (size_t i = 0; i < r.length; ++i) {
					finite &= isfinite(r.samples[i]);
					denormal |= r.samples[i] != 0.0f && fabsf(r.samples[i]) < FLT_MIN;
				}
				const float peak = peak_of(r.samples, r.length);
				worst_peak = fmaxf(worst_peak, peak);
				EXPECT(finite, "%s at %g Hz: not finite", cue_sound_names[s], rates[ri]);
				EXPECT(!denormal, "%s at %g Hz: denormal output", cue_sound_names[s], rates[ri]);
				EXPECT(peak < 1.0f && peak > 0.01f, "%s at %g Hz, %g Hz %g s: peak %g",
				       cue_sound_names[s], rates[ri], (double)pitch, (double)decay, (double)peak);
				EXPECT((double)r.length / rates[ri] < limit_s,
				       "%s at %g Hz, %g Hz %g s: still active after %g s", cue_sound_names[s],
				       rates[ri], (double)pitch, (double)decay, (double)r.length / rates[ri]);
				if (p == 0) {
					printf("  %-12s %6g Hz: peak %.3f, ends after %.3f s\n", cue_sound_names[s],
					       rates[ri], (double)peak, (double)r.length / rates[ri]);
				}
				free(r.samples);
			}
		}
	}
	printf("every sound at every rate: worst peak %.3f\n", (double)worst_peak);
}

/* The angle between lanes 0 and 1 of a partial is its per-sample rotation:
 * it must lie in (0, 2 pi 0.45) for every partial that still sounds,
 * including along glides. */
static void
test_partials_band_limited(void)
{
	static const float pitches[] = {80.0f, 330.0f, 1200.0f};
	double highest = 0.0;
	for (int s = 0; s < CUE_SOUND_COUNT; ++s) {
		for (int ri = 0; ri < RATE_COUNT; ++ri) {
			for (int p = 0; p < 3; ++p) {
				CueVoice v;
				float sink[CUE_TICK];
				cue_voice_init(&v, rates[ri]);
				cue_voice_trigger(&v, NULL, (CueSound)s, pitches[p], 0.4f, 1.0f, 1);
				while (cue_voice_active(&v)) {
					cue_voice_render(&v, sink, CUE_TICK, 0);
					const CuePartials* k = &v.now.partials;
					for (uint32_t i = 0; i < k->count; ++i) {
						const double re = k->lane_re[i][0], im = k->lane_im[i][0];
						if (re * re + im * im < 1e-20) {
							continue;
						}
						const double w = atan2(k->lane_im[i][1] * re - k->lane_re[i][1] * im,
						                       k->lane_re[i][1] * re + k->lane_im[i][1] * im);
						const double fraction = w / (2.0 * M_PI);
						highest = fmax(highest, fraction);
						EXPECT(fraction > 0.0 && fraction < CUE_MAX_PARTIAL_FRACTION,
						       "%s at %g Hz, pitch %g: partial at %g x rate", cue_sound_names[s],
						       rates[ri], (double)pitches[p], fraction);
					}
				}
			}
		}
	}
	printf("band limit: highest partial %.4f x rate\n", highest);
}

/* Energy above 0.45 x rate, from a DFT of the first n samples (Hann). */
static double
fraction_above(const float* x, size_t n, double cutoff)
{
	double total = 0.0, above = 0.0;
	for (size_t bin = 1; bin < n / 2; ++bin) {
		double re = 0.0, im = 0.0;
		const double w = 2.0 * M_PI * (double)bin / (double)n;
		for (size_t i = 0; i < n; ++i) {
			const double hann = 0.5 - 0.5 * cos(2.0 * M_PI * (double)i / (double)n);
			re += hann * x[i] * cos(w * (double)i);
			im -= hann * x[i] * sin(w * (double)i);
		}
		const double e = re * re + im * im;
		total += e;
		if ((double)bin / (double)n >= cutoff) {
			above += e;
		}
	}
	return total > 0.0 ? above / total : 0.0;
}

static void
test_spectrum_band_limited(void)
{
	static const double low_rates[] = {8000.0, 44100.0};
	for (int ri = 0; ri < 2; ++ri) {
		for (int s = 0; s < CUE_USER_SAMPLE; ++s) {
			const size_t n = 1024;
			Render r = render_strike((CueSound)s, low_rates[ri], 1200.0f, 0.4f, 1, 64,
			                         (double)n / low_rates[ri]);
			const double f = fraction_above(r.samples, n, CUE_MAX_PARTIAL_FRACTION);
			/* the noise is band-passed, not brick-walled: it may keep a
			 * sliver near Nyquist; tones must have none */
			const bool noisy =
			    s == CUE_BREATH_PUFF || s == CUE_CLICK || s == CUE_WOODBLOCK || s == CUE_SOFT_DRUM;
			EXPECT(f < (noisy ? 1e-2 : 1e-4), "%s at %g Hz: %g of energy above 0.45 x rate",
			       cue_sound_names[s], low_rates[ri], f);
			printf("  %-12s %6g Hz, pitch 1200: %.1f dB of energy above 0.45 x rate\n",
			       cue_sound_names[s], low_rates[ri], 10.0 * log10(f + 1e-30));
			free(r.samples);
		}
	}
}

/* Renders `total` samples in the given chunk pattern, with a retrigger at
 * sample `retrigger_at` (between chunks). */
static void
render_pattern(CueSound sound, float* out, size_t total, const uint32_t* chunks, size_t chunk_count,
               size_t retrigger_at)
{
	CueVoice v;
	cue_voice_init(&v, 48000.0);
	cue_voice_trigger(&v, NULL, sound, 330.0f, 0.4f, 1.0f, 11);
	size_t done = 0, c = 0;
	while (done < total) {
		size_t m = chunks[c++ % chunk_count];
		if (done < retrigger_at && done + m > retrigger_at) {
			m = retrigger_at - done;
		}
		if (m > total - done) {
			m = total - done;
		}
		if (done == retrigger_at) {
			cue_voice_trigger(&v, NULL, sound, 440.0f, 0.4f, 0.8f, 12);
		}
		cue_voice_render(&v, out + done, (uint32_t)m, done % CUE_TICK);
		done += m;
	}
}

static void
test_chunking_independent(void)
{
	enum { TOTAL = 48000, RETRIGGER = 5003 };
	static const uint32_t patterns[][3] = {{1, 1, 1},          {7, 7, 7},     {64, 64, 64},
	                                       {4096, 4096, 4096}, {7, 993, 130}, {3, 16, 4000}};
	static float reference[TOTAL], other[TOTAL];
	double worst = 0.0;
	for (int s = 0; s < CUE_SOUND_COUNT; ++s) {
		memset(reference, 0, sizeof(reference));
		render_pattern((CueSound)s, reference, TOTAL, patterns[0], 3, RETRIGGER);
		for (size_t p = 1; p < sizeof(patterns) / sizeof(patterns[0]); ++p) {
			memset(other, 0, sizeof(other));
			render_pattern((CueSound)s, other, TOTAL, patterns[p], 3, RETRIGGER);
			for (size_t i = 0; i < TOTAL; ++i) {
				worst = fmax(worst, fabs((double)other[i] - reference[i]));
			}
		}
	}
	EXPECT(worst <= 1e-6, "chunking changes the output by %g", worst);
	printf("chunking 1/7/64/4096/mixed: largest difference %g\n", worst);
}

/* A retrigger while sounding may not step harder than the strikes do. */
static void
test_retrigger_click_free(void)
{
	const double rate = 48000.0;
	const size_t at = (size_t)(0.03 * rate), total = (size_t)(0.3 * rate);
	static float one[48000], two[48000];
	for (int s = 0; s < CUE_SOUND_COUNT; ++s) {
		memset(one, 0, sizeof(one));
		memset(two, 0, sizeof(two));
		CueVoice v;
		cue_voice_init(&v, rate);
		cue_voice_trigger(&v, NULL, (CueSound)s, 330.0f, 0.4f, 1.0f, 5);
		cue_voice_render(&v, one, (uint32_t)total, 0);
		const float single = max_step(one, 0, total);

		cue_voice_init(&v, rate);
		cue_voice_trigger(&v, NULL, (CueSound)s, 330.0f, 0.4f, 1.0f, 5);
		cue_voice_render(&v, two, (uint32_t)at, 0);
		EXPECT(cue_voice_active(&v), "%s: ended before the retrigger", cue_sound_names[s]);
		cue_voice_trigger(&v, NULL, (CueSound)s, 330.0f, 0.4f, 1.0f, 6);
		cue_voice_render(&v, two + at, (uint32_t)(total - at), at % CUE_TICK);
		const float around = max_step(two, at - 48, at + 960);
		/* old fading plus new rising: at most the sum of two strikes' steps */
		EXPECT(around <= 2.0f * single, "%s: retrigger steps %g, a strike %g", cue_sound_names[s],
		       (double)around, (double)single);
		printf("  %-12s retrigger step %.4f, strike step %.4f (ratio %.2f)\n", cue_sound_names[s],
		       (double)around, (double)single, (double)(around / single));
	}
}

/* Zero crossings over 2 s of a long soft sine give its frequency. */
static void
test_soft_sine_in_tune(void)
{
	static const float pitches[] = {80.0f, 330.0f, 1200.0f};
	double worst = 0.0;
	for (int ri = 0; ri < RATE_COUNT; ++ri) {
		for (int p = 0; p < 3; ++p) {
			const double rate = rates[ri];
			Render r = render_strike(CUE_SOFT_SINE, rate, pitches[p], 3.0f, 1, 4096, 2.0);
			double first = -1.0, last = 0.0;
			long crossings = 0;
			for (size_t i = (size_t)(0.05 * rate); i < r.length; ++i) {
				const float a = r.samples[i - 1], b = r.samples[i];
				if (a < 0.0f && b >= 0.0f) {
					const double t = ((double)i - 1.0 + a / (a - b)) / rate;
					if (first < 0.0) {
						first = t;
					} else {
						++crossings;
					}
					last = t;
				}
			}
			const double hz = (double)crossings / (last - first);
			const double error = fabs(hz / pitches[p] - 1.0);
			worst = fmax(worst, error);
			EXPECT(error < 1e-4, "soft sine %g Hz at %g Hz measures %.4f Hz", (double)pitches[p],
			       rate, hz);
			free(r.samples);
		}
	}
	printf("soft sine tuning: worst error %.2g %%\n", worst * 100.0);
}

/* Strikes every 0.5 s, alternating left and right, 20 s. */
static double
alternating_loudness(CueSound sound, double rate)
{
	enum { BLOCK = 512 };
	ebur128_state* meter = ebur128_init(2, (unsigned long)rate, EBUR128_MODE_I);
	CHECK(meter, "alternating_loudness");
	CueVoice voices[2];
	cue_voice_init(&voices[0], rate);
	cue_voice_init(&voices[1], rate);
	const size_t every = (size_t)(0.5 * rate), total = (size_t)(20.0 * rate);
	float mono[2][BLOCK], frames[2 * BLOCK];
	size_t strikes = 0;
	for (size_t t = 0; t < total; t += BLOCK) {
		memset(mono, 0, sizeof(mono));
		for (size_t done = 0; done < BLOCK;) {
			const size_t now = t + done;
			if (now % every == 0) {
				cue_voice_trigger(&voices[strikes % 2], NULL, sound, 330.0f, 0.4f, 1.0f,
				                  (uint32_t)strikes + 1);
				++strikes;
			}
			size_t m = (now / every + 1) * every - now;
			m = m < BLOCK - done ? m : BLOCK - done;
			cue_voice_render(&voices[0], &mono[0][done], (uint32_t)m, (t + done) % CUE_TICK);
			cue_voice_render(&voices[1], &mono[1][done], (uint32_t)m, (t + done) % CUE_TICK);
			done += m;
		}
		for (size_t i = 0; i < BLOCK; ++i) {
			frames[2 * i] = mono[0][i];
			frames[2 * i + 1] = mono[1][i];
		}
		ebur128_add_frames_float(meter, frames, BLOCK);
	}
	double lufs = -HUGE_VAL;
	ebur128_loudness_global(meter, &lufs);
	ebur128_destroy(&meter);
	return lufs;
}

static void
test_loudness_matched(void)
{
	double lowest = HUGE_VAL, highest = -HUGE_VAL, sine = 0.0;
	for (int s = 0; s < CUE_SOUND_COUNT; ++s) {
		const double lufs = alternating_loudness((CueSound)s, 48000.0);
		if (s == CUE_SOFT_SINE) {
			sine = lufs;
		}
		lowest = fmin(lowest, lufs);
		highest = fmax(highest, lufs);
		printf("  %-12s %7.2f LUFS (%+.2f LU)\n", cue_sound_names[s], lufs, lufs - sine);
		EXPECT(fabs(lufs - sine) <= 1.0, "%s: %.2f LU from the soft sine", cue_sound_names[s],
		       lufs - sine);
	}
	EXPECT(highest - lowest <= 1.0, "loudness spread %.2f LU", highest - lowest);
	printf("loudness at 330 Hz, 0.4 s: spread %.2f LU\n", highest - lowest);
}

static void
test_deterministic(void)
{
	for (int s = 0; s < CUE_SOUND_COUNT; ++s) {
		Render a = render_strike((CueSound)s, 44100.0, 330.0f, 0.4f, 42, 100, 1.0);
		Render b = render_strike((CueSound)s, 44100.0, 330.0f, 0.4f, 42, 100, 1.0);
		EXPECT(a.length == b.length && !memcmp(a.samples, b.samples, a.length * sizeof(float)),
		       "%s: same seed, different samples", cue_sound_names[s]);
		free(a.samples);
		free(b.samples);
	}
	Render a = render_strike(CUE_BREATH_PUFF, 44100.0, 330.0f, 0.4f, 1, 100, 1.0);
	Render b = render_strike(CUE_BREATH_PUFF, 44100.0, 330.0f, 0.4f, 2, 100, 1.0);
	EXPECT(memcmp(a.samples, b.samples, a.length * sizeof(float)),
	       "breath puff: the seed changes nothing");
	free(a.samples);
	free(b.samples);
	printf("deterministic: same seed, same samples\n");
}

/* Render adds; stop silences at once; an idle voice adds nothing. */
static void
test_adds_and_stops(void)
{
	float buf[256];
	CueVoice v;
	cue_voice_init(&v, 48000.0);
	EXPECT(!cue_voice_active(&v), "active before any trigger");
	for (int i = 0; i < 256; ++i) {
		buf[i] = 1.0f;
	}
	cue_voice_render(&v, buf, 256, 0);
	EXPECT(peak_of(buf, 256) == 1.0f && buf[0] == 1.0f, "idle voice changed the buffer");

	cue_voice_trigger(&v, NULL, CUE_BELL, 330.0f, 0.4f, 1.0f, 1);
	cue_voice_render(&v, buf, 256, 0);
	/* a strike starts at any phase, from silence through its attack */
	EXPECT(fabsf(buf[0] - 1.0f) < 1e-3f && buf[255] != 1.0f, "render does not add onto the buffer");
	cue_voice_stop(&v);
	EXPECT(!cue_voice_active(&v), "still active after stop");
	memset(buf, 0, sizeof(buf));
	cue_voice_render(&v, buf, 256, 0);
	EXPECT(peak_of(buf, 256) == 0.0f, "sound after stop");

	/* nonsense arguments give silence or a sane sound, never NaN */
	cue_voice_trigger(&v, NULL, (CueSound)77, NAN, INFINITY, NAN, 0);
	cue_voice_render(&v, buf, 256, 0);
	EXPECT(isfinite(peak_of(buf, 256)), "NaN arguments give NaN samples");
	printf("render adds, stop stops, bad arguments stay finite\n");
}

int
main(void)
{
	test_adds_and_stops();
	test_deterministic();
	test_soft_sine_in_tune();
	test_chunking_independent();
	test_retrigger_click_free();
	test_partials_band_limited();
	test_spectrum_band_limited();
	test_every_sound_every_rate();
	test_loudness_matched();
	if (expect_failures) {
		fprintf(stderr, "%d check(s) failed\n", expect_failures);
		return 1;
	}
	printf("all cue voice checks passed\n");
	return 0;
}
