/* SPDX-License-Identifier: ISC */
/* Checks for the somascape-render tests, on rendered files:
 *   info FILE               rate, channels, frames and format, one line
 *   same A B                the decoded samples are identical
 *   split A B FRAME [N]     alike before FRAME, parting within N frames after
 *   close A B TOL           no sample further apart than TOL
 *   scaled A B              every sample of B is a sample of A times one
 *                           float gain, bit for bit (prints it in dB)
 *   loudness FILE           integrated loudness (LUFS) and true peak (dBTP)
 *   cues AUDIO VTT MAX_MS   every "Look right/left" cue is within MAX_MS of a
 *                           strike on that side in the audio, and every strike
 *                           has its cue
 *   png FILE W H            a PNG signature and an IHDR of W x H
 *   maxrss CMD ARGS...      runs CMD; prints its peak resident set in KiB
 *   tone FILE HZ SECONDS RATE  writes a mono sine at half scale (.wav, .flac
 *                           or .ogg), for the cue sample
 * Exit 0 when the check holds, 1 when it does not, 2 on bad arguments. */
#undef NDEBUG

#include <ebur128.h>
#include <sndfile.h>

#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#define CHUNK 4096

static SNDFILE*
open_audio(const char* path, SF_INFO* info)
{
	memset(info, 0, sizeof(*info));
	SNDFILE* sf = sf_open(path, SFM_READ, info);
	if (!sf) {
		fprintf(stderr, "probe: cannot read %s: %s\n", path, sf_strerror(NULL));
		exit(1);
	}
	return sf;
}

static int
info(const char* path)
{
	SF_INFO in;
	SNDFILE* sf = open_audio(path, &in);
	const int major = in.format & SF_FORMAT_TYPEMASK, sub = in.format & SF_FORMAT_SUBMASK;
	const char* container = major == SF_FORMAT_WAV    ? "wav"
	                        : major == SF_FORMAT_FLAC ? "flac"
	                        : major == SF_FORMAT_OGG  ? "ogg"
	                                                  : "other";
	const char* sample = sub == SF_FORMAT_PCM_16   ? "pcm16"
	                     : sub == SF_FORMAT_PCM_24 ? "pcm24"
	                     : sub == SF_FORMAT_FLOAT  ? "float"
	                     : sub == SF_FORMAT_VORBIS ? "vorbis"
	                                               : "other";
	printf("%d %d %lld %s %s\n", in.samplerate, in.channels, (long long)in.frames, container,
	       sample);
	sf_close(sf);
	return 0;
}

/* The first frame at which a and b differ (-1 if none), and whether they
 * have the same length. */
static int64_t
first_difference(const char* a_path, const char* b_path, bool* same_length)
{
	SF_INFO ai, bi;
	SNDFILE* a = open_audio(a_path, &ai);
	SNDFILE* b = open_audio(b_path, &bi);
	*same_length = ai.frames == bi.frames && ai.channels == bi.channels;
	static float x[CHUNK * 2], y[CHUNK * 2];
	int64_t at = 0, found = -1;
	for (;;) {
		const sf_count_t n = sf_readf_float(a, x, CHUNK);
		const sf_count_t m = sf_readf_float(b, y, CHUNK);
		const sf_count_t k = n < m ? n : m;
		for (sf_count_t i = 0; i < k * 2 && found < 0; ++i) {
			if (x[i] != y[i]) {
				found = at + i / 2;
			}
		}
		if (found >= 0 || k == 0) {
			break;
		}
		at += k;
	}
	sf_close(a);
	sf_close(b);
	return found;
}

static int
same(const char* a, const char* b)
{
	bool same_length;
	const int64_t diff = first_difference(a, b, &same_length);
	if (diff >= 0 || !same_length) {
		fprintf(stderr, "probe: %s and %s differ (first at frame %lld)\n", a, b, (long long)diff);
		return 1;
	}
	return 0;
}

/* A control changed at FRAME in A and not in B: before it the two agree
 * (within the plugin's block-size tolerance, 1e-6), and they part within
 * WITHIN frames (default 64: the plugin's 16-frame control grid plus a
 * little), never before. */
static int
split(const char* a_path, const char* b_path, long long frame, long long within)
{
	SF_INFO ai, bi;
	SNDFILE* a = open_audio(a_path, &ai);
	SNDFILE* b = open_audio(b_path, &bi);
	static float x[CHUNK * 2], y[CHUNK * 2];
	double before = 0.0;
	long long at = 0, parted = -1;
	sf_count_t n;
	while ((n = sf_readf_float(a, x, CHUNK)) > 0 && sf_readf_float(b, y, n) == n) {
		for (sf_count_t i = 0; i < n * 2; ++i) {
			const double d = fabs((double)x[i] - y[i]);
			const long long f = at + i / 2;
			if (f < frame) {
				before = fmax(before, d);
			} else if (parted < 0 && d > 1e-5) {
				parted = f;
			}
		}
		at += n;
	}
	sf_close(a);
	sf_close(b);
	printf("before frame %lld: largest difference %.3g; they part at frame %lld\n", frame, before,
	       parted);
	return before <= 1e-6 && parted >= frame && parted < frame + within ? 0 : 1;
}

/* Same length, and no sample further apart than tol (the plugin promises
 * 1e-6 between block sizes). */
static int
close_to(const char* a_path, const char* b_path, double tol)
{
	SF_INFO ai, bi;
	SNDFILE* a = open_audio(a_path, &ai);
	SNDFILE* b = open_audio(b_path, &bi);
	static float x[CHUNK * 2], y[CHUNK * 2];
	double worst = 0.0;
	sf_count_t n;
	while ((n = sf_readf_float(a, x, CHUNK)) > 0 && sf_readf_float(b, y, n) == n) {
		for (sf_count_t i = 0; i < n * 2; ++i) {
			worst = fmax(worst, fabs((double)x[i] - y[i]));
		}
	}
	sf_close(a);
	sf_close(b);
	printf("largest difference %.3g\n", worst);
	return ai.frames == bi.frames && worst <= tol ? 0 : 1;
}

/* Whether every sample of b is exactly (float)(a * gain). */
static bool
all_scaled(const char* a_path, const char* b_path, float gain)
{
	SF_INFO ai, bi;
	SNDFILE* a = open_audio(a_path, &ai);
	SNDFILE* b = open_audio(b_path, &bi);
	static float x[CHUNK * 2], y[CHUNK * 2];
	bool scaled = ai.frames == bi.frames && ai.channels == 2 && bi.channels == 2;
	sf_count_t n;
	while (scaled && (n = sf_readf_float(a, x, CHUNK)) > 0 && sf_readf_float(b, y, n) == n) {
		for (sf_count_t i = 0; i < n * 2 && scaled; ++i) {
			scaled = y[i] == x[i] * gain;
		}
	}
	sf_close(a);
	sf_close(b);
	return scaled;
}

/* The gain is read where A is largest, then the floats next to it tried. */
static int
scaled(const char* a_path, const char* b_path)
{
	SF_INFO ai, bi;
	SNDFILE* a = open_audio(a_path, &ai);
	SNDFILE* b = open_audio(b_path, &bi);
	static float x[CHUNK * 2], y[CHUNK * 2];
	float largest = 0.0f, at_largest = 0.0f;
	sf_count_t n;
	while ((n = sf_readf_float(a, x, CHUNK)) > 0 && sf_readf_float(b, y, n) == n) {
		for (sf_count_t i = 0; i < n * 2; ++i) {
			if (fabsf(x[i]) > fabsf(largest)) {
				largest = x[i];
				at_largest = y[i];
			}
		}
	}
	sf_close(a);
	sf_close(b);
	float gain = largest != 0.0f ? (float)((double)at_largest / largest) : 1.0f;
	for (int k = 0; k < 4; ++k) {
		gain = nextafterf(gain, 0.0f);
	}
	for (int k = 0; k < 9; ++k, gain = nextafterf(gain, INFINITY)) {
		if (all_scaled(a_path, b_path, gain)) {
			printf("%.6f dB\n", 20.0 * log10(gain));
			return 0;
		}
	}
	fprintf(stderr, "probe: %s is not %s times one gain\n", b_path, a_path);
	return 1;
}

static int
loudness(const char* path)
{
	SF_INFO in;
	SNDFILE* sf = open_audio(path, &in);
	ebur128_state* st =
	    ebur128_init((unsigned)in.channels, (unsigned)in.samplerate,
	                 EBUR128_MODE_I | EBUR128_MODE_TRUE_PEAK | EBUR128_MODE_HISTOGRAM);
	static float x[CHUNK * 8];
	sf_count_t n;
	while ((n = sf_readf_float(sf, x, CHUNK)) > 0) {
		ebur128_add_frames_float(st, x, (size_t)n);
	}
	double lufs, peak = 0.0;
	ebur128_loudness_global(st, &lufs);
	for (int c = 0; c < in.channels; ++c) {
		double p;
		ebur128_true_peak(st, (unsigned)c, &p);
		peak = p > peak ? p : peak;
	}
	printf("%.2f %.2f\n", lufs, 20.0 * log10(peak));
	ebur128_destroy(&st);
	sf_close(sf);
	return 0;
}

/* Strikes: 1 ms windows; a strike starts where the energy rises above a
 * threshold after at least 50 ms below it; its side is the louder channel
 * over the next 20 ms. */
typedef struct {
	double t;
	int side;
} Strike;

static size_t
find_strikes(const char* path, Strike* strikes, size_t max)
{
	SF_INFO in;
	SNDFILE* sf = open_audio(path, &in);
	const int window = in.samplerate / 1000;
	const size_t n_windows = (size_t)(in.frames / window);
	double* el = calloc(n_windows, sizeof(double));
	double* er = calloc(n_windows, sizeof(double));
	float* x = malloc(sizeof(float) * 2 * (size_t)window);
	double peak = 0.0;
	for (size_t w = 0; w < n_windows; ++w) {
		sf_readf_float(sf, x, window);
		for (int i = 0; i < window; ++i) {
			el[w] += x[2 * i] * x[2 * i];
			er[w] += x[2 * i + 1] * x[2 * i + 1];
		}
		peak = fmax(peak, el[w] + er[w]);
	}
	sf_close(sf);
	const double threshold = peak * 1e-3;
	size_t n = 0, quiet = 50;
	for (size_t w = 0; w < n_windows && n < max; ++w) {
		if (el[w] + er[w] < threshold) {
			++quiet;
			continue;
		}
		if (quiet >= 50) {
			double l = 0.0, r = 0.0;
			for (size_t k = w; k < w + 20 && k < n_windows; ++k) {
				l += el[k];
				r += er[k];
			}
			strikes[n++] = (Strike){(double)w * window / in.samplerate, r > l ? 1 : -1};
		}
		quiet = 0;
	}
	free(el);
	free(er);
	free(x);
	return n;
}

static int
cues(const char* audio, const char* vtt, double max_ms)
{
	static Strike strikes[100000];
	const size_t n_strikes = find_strikes(audio, strikes, 100000);
	FILE* f = fopen(vtt, "r");
	if (!f) {
		perror(vtt);
		return 1;
	}
	char line[256];
	unsigned h, m, s, ms, h2, m2, s2, ms2;
	double start = -1.0, worst = 0.0;
	size_t n_cues = 0, next = 0;
	int failures = 0;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%u:%u:%u.%u --> %u:%u:%u.%u", &h, &m, &s, &ms, &h2, &m2, &s2, &ms2) ==
		    8) {
			start = h * 3600.0 + m * 60.0 + s + ms / 1000.0;
			continue;
		}
		const int side = strncmp(line, "Look right", 10) == 0 ? 1
		                 : strncmp(line, "Look left", 9) == 0 ? -1
		                                                      : 0;
		if (side == 0 || start < 0.0) {
			continue;
		}
		++n_cues;
		while (next + 1 < n_strikes &&
		       fabs(strikes[next + 1].t - start) < fabs(strikes[next].t - start)) {
			++next;
		}
		const double error_ms = n_strikes ? fabs(strikes[next].t - start) * 1000.0 : 1e9;
		worst = fmax(worst, error_ms);
		if (error_ms > max_ms || strikes[next].side != side) {
			if (failures++ < 5) {
				fprintf(stderr, "probe: cue at %.3f s (%+d) vs strike at %.3f s (%+d)\n", start,
				        side, n_strikes ? strikes[next].t : -1.0,
				        n_strikes ? strikes[next].side : 0);
			}
		}
	}
	fclose(f);
	printf("%zu cues, %zu strikes, worst %.2f ms\n", n_cues, n_strikes, worst);
	return failures == 0 && n_cues == n_strikes && n_cues > 0 ? 0 : 1;
}

static uint32_t
be32(const unsigned char* p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static int
png(const char* path, long width, long height)
{
	static const unsigned char signature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
	unsigned char head[24];
	FILE* f = fopen(path, "rb");
	const size_t n = f ? fread(head, 1, sizeof(head), f) : 0;
	if (f) {
		fclose(f);
	}
	if (n != sizeof(head) || memcmp(head, signature, 8) != 0 || memcmp(head + 12, "IHDR", 4)) {
		fprintf(stderr, "probe: %s is not a PNG\n", path);
		return 1;
	}
	printf("%u x %u\n", be32(head + 16), be32(head + 20));
	return be32(head + 16) == (uint32_t)width && be32(head + 20) == (uint32_t)height ? 0 : 1;
}

static int
maxrss(char** argv)
{
	const pid_t pid = fork();
	if (pid == 0) {
		execvp(argv[0], argv);
		_exit(127);
	}
	int status;
	struct rusage usage;
	if (pid < 0 || wait4(pid, &status, 0, &usage) != pid) {
		return 1;
	}
	printf("%ld\n", usage.ru_maxrss);
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : 1;
}

static int
tone(const char* path, double hz, double seconds, int rate)
{
	const char* dot = strrchr(path, '.');
	const int format = !dot                        ? 0
	                   : strcmp(dot, ".wav") == 0  ? SF_FORMAT_WAV | SF_FORMAT_PCM_16
	                   : strcmp(dot, ".flac") == 0 ? SF_FORMAT_FLAC | SF_FORMAT_PCM_16
	                   : strcmp(dot, ".ogg") == 0  ? SF_FORMAT_OGG | SF_FORMAT_VORBIS
	                                               : 0;
	SF_INFO info = {.samplerate = rate, .channels = 1, .format = format};
	SNDFILE* sf = format ? sf_open(path, SFM_WRITE, &info) : NULL;
	if (!sf) {
		fprintf(stderr, "probe: cannot write %s\n", path);
		return 2;
	}
	const sf_count_t frames = (sf_count_t)(seconds * rate);
	for (sf_count_t i = 0; i < frames; ++i) {
		const float x = (float)(0.5 * sin(2.0 * M_PI * hz * (double)i / rate));
		sf_writef_float(sf, &x, 1);
	}
	return sf_close(sf) == 0 ? 0 : 1;
}

int
main(int argc, char** argv)
{
	const char* what = argc > 1 ? argv[1] : "";
	if (strcmp(what, "info") == 0 && argc == 3) {
		return info(argv[2]);
	}
	if (strcmp(what, "same") == 0 && argc == 4) {
		return same(argv[2], argv[3]);
	}
	if (strcmp(what, "split") == 0 && (argc == 5 || argc == 6)) {
		return split(argv[2], argv[3], atoll(argv[4]), argc == 6 ? atoll(argv[5]) : 64);
	}
	if (strcmp(what, "close") == 0 && argc == 5) {
		return close_to(argv[2], argv[3], atof(argv[4]));
	}
	if (strcmp(what, "scaled") == 0 && argc == 4) {
		return scaled(argv[2], argv[3]);
	}
	if (strcmp(what, "loudness") == 0 && argc == 3) {
		return loudness(argv[2]);
	}
	if (strcmp(what, "cues") == 0 && argc == 5) {
		return cues(argv[2], argv[3], atof(argv[4]));
	}
	if (strcmp(what, "png") == 0 && argc == 5) {
		return png(argv[2], atol(argv[3]), atol(argv[4]));
	}
	if (strcmp(what, "maxrss") == 0 && argc >= 3) {
		return maxrss(argv + 2);
	}
	if (strcmp(what, "tone") == 0 && argc == 6) {
		return tone(argv[2], atof(argv[3]), atof(argv[4]), atoi(argv[5]));
	}
	fprintf(stderr, "usage: test_render_probe "
	                "info|same|split|close|scaled|loudness|cues|png|maxrss|tone ...\n");
	return 2;
}
