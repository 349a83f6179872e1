/* SPDX-License-Identifier: ISC */
/* Checks a stereo recording made by a real host: every sample finite, not
 * silent, and in each window given, cue strikes that alternate between the
 * sides at the expected rate.
 *
 * Usage: check_recording FILE [T0 T1 RATE_HZ]...
 *        check_recording --same FILE OTHER   (the same samples, to 1e-6)
 * A strike is found where a 5 ms frame's energy jumps well above the
 * recent envelope; its side is the louder channel over the next 40 ms, so
 * both the speaker pan and the headphone mode (time and level difference)
 * are read right.  Rate = (passes - 1) / (last - first strike) per side. */
#include <math.h>
#include <sndfile.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_STRIKES 4096
#define RATE_TOLERANCE 0.03 /* a few %, as the issue asks */

typedef struct {
	float* samples; /* interleaved stereo */
	long frames;
	int rate;
} Recording;

static int
load(const char* path, Recording* rec)
{
	SF_INFO info = {0};
	SNDFILE* file = sf_open(path, SFM_READ, &info);
	if (!file) {
		printf("check_recording: cannot open %s: %s\n", path, sf_strerror(NULL));
		return 0;
	}
	if (info.channels != 2 || info.frames <= 0) {
		printf("check_recording: %s has %d channels and %ld frames, want stereo audio\n", path,
		       info.channels, (long)info.frames);
		sf_close(file);
		return 0;
	}
	rec->samples = malloc((size_t)info.frames * 2 * sizeof(float));
	rec->frames = (long)sf_readf_float(file, rec->samples, info.frames);
	rec->rate = info.samplerate;
	sf_close(file);
	return rec->frames > 0;
}

static int
check_levels(const Recording* rec)
{
	double peak = 0.0, sum = 0.0;
	for (long i = 0; i < rec->frames * 2; ++i) {
		const float x = rec->samples[i];
		if (!isfinite(x)) {
			printf("check_recording: non-finite sample at %.3f s\n", (double)(i / 2) / rec->rate);
			return 0;
		}
		peak = fmax(peak, fabs(x));
		sum += (double)x * x;
	}
	const double rms_db = 10.0 * log10(sum / (double)(rec->frames * 2) + 1e-30);
	printf("check_recording: %.2f s at %d Hz, peak %.3f, rms %.1f dBFS\n",
	       (double)rec->frames / rec->rate, rec->rate, peak, rms_db);
	if (peak < 1e-3) {
		printf("check_recording: silent (peak below -60 dBFS)\n");
		return 0;
	}
	return 1;
}

static double
frame_energy(const Recording* rec, long start, long length, int channel)
{
	double sum = 0.0;
	for (long i = start; i < start + length && i < rec->frames; ++i) {
		for (int c = 0; c < 2; ++c) {
			if (channel < 0 || channel == c) {
				const double x = rec->samples[i * 2 + c];
				sum += x * x;
			}
		}
	}
	return sum;
}

/* Finds strikes in [t0, t1): their times and sides (-1 left, +1 right). */
static int
find_strikes(const Recording* rec, double t0, double t1, double times[], int sides[])
{
	const long hop = rec->rate / 200, side_span = rec->rate / 25;
	const long first = (long)(t0 * rec->rate), last = (long)(t1 * rec->rate);
	double peak = 0.0;
	for (long i = first; i + hop <= last && i + hop <= rec->frames; i += hop) {
		peak = fmax(peak, frame_energy(rec, i, hop, -1));
	}
	double envelope = 0.0, last_strike = -1.0;
	int n = 0;
	for (long i = first; i + hop <= last && i + hop <= rec->frames && n < MAX_STRIKES; i += hop) {
		const double e = frame_energy(rec, i, hop, -1);
		const double t = (double)i / rec->rate;
		if (e > 4.0 * envelope && e > 1e-3 * peak && t - last_strike > 0.15 && i > first) {
			const double left = frame_energy(rec, i, side_span, 0);
			const double right = frame_energy(rec, i, side_span, 1);
			times[n] = t;
			sides[n++] = left > right ? -1 : 1;
			last_strike = t;
		}
		/* Follows rises at once and falls over about 100 ms. */
		envelope = e > envelope ? e : envelope * 0.95 + e * 0.05;
	}
	return n;
}

static int
check_window(const Recording* rec, double t0, double t1, double rate_hz)
{
	static double times[MAX_STRIKES];
	static int sides[MAX_STRIKES];
	const int n = find_strikes(rec, t0, t1, times, sides);
	int ok = 1, alternations = 0;
	for (int i = 1; i < n; ++i) {
		alternations += sides[i] != sides[i - 1];
	}
	printf("check_recording: %.1f-%.1f s: %d strikes, %d of %d steps alternate\n", t0, t1, n,
	       alternations, n > 0 ? n - 1 : 0);
	if (n < 4 || alternations != n - 1) {
		printf("check_recording: %.1f-%.1f s: want strikes alternating left/right every step\n", t0,
		       t1);
		ok = 0;
	}
	for (int side = -1; side <= 1 && n >= 4; side += 2) {
		double first = -1.0, last = -1.0;
		int count = 0;
		for (int i = 0; i < n; ++i) {
			if (sides[i] == side) {
				first = first < 0.0 ? times[i] : first;
				last = times[i];
				++count;
			}
		}
		const double measured = count > 1 ? (count - 1) / (last - first) : 0.0;
		const double expected_count = rate_hz * (t1 - t0);
		printf("check_recording: %s: %d strikes (about %.1f expected), %.3f Hz (want %.3f)\n",
		       side < 0 ? "left" : "right", count, expected_count, measured, rate_hz);
		if (fabs(measured - rate_hz) > RATE_TOLERANCE * rate_hz ||
		    fabs(count - expected_count) > 1.0 + RATE_TOLERANCE * expected_count) {
			printf("check_recording: %s side off the rate by more than %.0f %%\n",
			       side < 0 ? "left" : "right", RATE_TOLERANCE * 100);
			ok = 0;
		}
	}
	return ok;
}

/* Two recordings of the same thing: equal length and samples. */
static int
check_same(const char* a_path, const char* b_path)
{
	Recording a = {0}, b = {0};
	int ok = load(a_path, &a) && load(b_path, &b);
	if (ok && (a.frames != b.frames || a.rate != b.rate)) {
		printf("check_recording: %ld and %ld frames\n", a.frames, b.frames);
		ok = 0;
	}
	double worst = 0.0;
	long first = -1, last = -1;
	for (long i = 0; ok && i < a.frames * 2; ++i) {
		const double d = fabs((double)a.samples[i] - (double)b.samples[i]);
		worst = fmax(worst, d);
		if (d > 1e-6) {
			first = first < 0 ? i / 2 : first;
			last = i / 2;
		}
	}
	if (ok) {
		printf("check_recording: largest difference %.3g", worst);
		if (first >= 0) {
			printf(", frames %ld to %ld differ", first, last);
		}
		printf("\n");
		ok = worst <= 1e-6;
	}
	free(a.samples);
	free(b.samples);
	printf("check_recording: %s\n", ok ? "the same" : "NOT THE SAME");
	return ok ? 0 : 1;
}

int
main(int argc, char** argv)
{
	if (argc == 4 && strcmp(argv[1], "--same") == 0) {
		return check_same(argv[2], argv[3]);
	}
	if (argc < 2 || (argc - 2) % 3 != 0) {
		fprintf(stderr, "usage: check_recording FILE [T0 T1 RATE_HZ]...\n");
		return 2;
	}
	Recording rec = {0};
	int ok = load(argv[1], &rec) && check_levels(&rec);
	for (int i = 2; ok && i + 2 < argc; i += 3) {
		ok &= check_window(&rec, atof(argv[i]), atof(argv[i + 1]), atof(argv[i + 2]));
	}
	free(rec.samples);
	printf("check_recording: %s\n", ok ? "ok" : "FAILED");
	return ok ? 0 : 1;
}
