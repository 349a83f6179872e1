/* SPDX-License-Identifier: ISC */
/* Clips and checks for the tests of the teacher's voice in a render
 * (test_render_voice.sh):
 *   chirp FILE RATE CHANNELS   a clip whose only sound is a chirp (1 to
 *                        4 kHz under a Gaussian window of sigma 3 ms)
 *                        centred CHIRP_AT_S into it, in the first channel
 *                        only (of 1 to 8)
 *   locate FILE CHANNEL EXPECTED  cross-correlates a channel (0 left, 1 right)
 *                        of a render with the chirp, within 0.1 s of frame
 *                        EXPECTED; prints where it is (to a hundredth of a
 *                        frame) and passes if it is on that frame
 *   bursts FILE RATE HZ ON_S OFF_S COUNT [SECONDS]  COUNT tone bursts of ON_S
 *                        with OFF_S between, at -6 dBFS, starting and stopping
 *                        abruptly (a cosine: full level at the first frame);
 *                        with SECONDS, one long tone instead (an hour of
 *                        narration), written a chunk at a time
 *   duck MIXED VOICE SESSION START_S END_S DEPTH_DB RELEASE_S
 *                        the session's gain in MIXED (MIXED - VOICE against
 *                        SESSION, in 1 ms windows): full before START_S, DEPTH_DB
 *                        down (within 1 dB) once settled under the voice, full
 *                        again (within 0.1 dB) RELEASE_S after END_S; prints
 *                        when it goes down (it may, up to LOOKAHEAD_MS, before
 *                        the voice: it must be down by the voice's first
 *                        millisecond) and how soon it is back
 *   clicks FILE REF... [--steady FROM_S TO_S]  the loudest 64-frame window
 *                        of FILE's second difference (the click measure of
 *                        test_clicks.c) is less than 6 times the sum of the
 *                        REFs' loudest (each over FROM_S..TO_S if given)
 *   sum A B C TOL        C is A + B, sample by sample within TOL (both channels)
 *   diff A B OUT         writes A - B (stereo, float WAV): the session alone,
 *                        out of a mix and its voice
 *   span FILE THRESHOLD_DB   the first and last time (s) the left channel
 *                        is above the threshold
 *   runs PNG Y R G B     the runs of columns of row Y in colour R G B (0-255),
 *                        as "X0-X1" lines
 * Exit 0 when the check holds, 1 when it does not, 2 on bad arguments. */
#undef NDEBUG

#include <cairo.h>
#include <sndfile.h>

#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

#define CHIRP_AT_S 0.020
#define CHIRP_SIGMA_S 0.003
#define CHIRP_HALF_S (4.0 * CHIRP_SIGMA_S)
#define CHUNK 4096
#define WINDOW 64
#define HOP 32
#define CLICK_THRESHOLD 6.0
#define LOOKAHEAD_MS 20

/* The chirp at t seconds from its centre: a continuous function, so it is
 * the same sound at any rate. */
static double
chirp(double t)
{
	if (fabs(t) > CHIRP_HALF_S) {
		return 0.0;
	}
	const double f0 = 1000.0, f1 = 4000.0, span = 2.0 * CHIRP_HALF_S;
	const double u = t + CHIRP_HALF_S;
	const double phase = 2.0 * M_PI * (f0 * u + (f1 - f0) * u * u / (2.0 * span));
	return 0.5 * exp(-t * t / (2.0 * CHIRP_SIGMA_S * CHIRP_SIGMA_S)) * sin(phase);
}

static SNDFILE*
open_read(const char* path, SF_INFO* info)
{
	memset(info, 0, sizeof(*info));
	SNDFILE* sf = sf_open(path, SFM_READ, info);
	if (!sf) {
		fprintf(stderr, "voice_probe: cannot read %s: %s\n", path, sf_strerror(NULL));
		exit(2);
	}
	return sf;
}

static SNDFILE*
open_write(const char* path, int rate, int channels)
{
	const char* dot = strrchr(path, '.');
	const int format = !dot                        ? 0
	                   : strcmp(dot, ".wav") == 0  ? SF_FORMAT_WAV | SF_FORMAT_FLOAT
	                   : strcmp(dot, ".flac") == 0 ? SF_FORMAT_FLAC | SF_FORMAT_PCM_16
	                   : strcmp(dot, ".ogg") == 0  ? SF_FORMAT_OGG | SF_FORMAT_VORBIS
	                                               : 0;
	SF_INFO info = {.samplerate = rate, .channels = channels, .format = format};
	SNDFILE* sf = format ? sf_open(path, SFM_WRITE, &info) : NULL;
	if (!sf) {
		fprintf(stderr, "voice_probe: cannot write %s\n", path);
		exit(2);
	}
	return sf;
}

/* A whole file, one channel of it, as doubles. */
static double*
read_channel(const char* path, int channel, int* rate, int64_t* frames)
{
	SF_INFO info;
	SNDFILE* sf = open_read(path, &info);
	double* x = (double*)malloc(sizeof(double) * (size_t)(info.frames + 1));
	float* buf = (float*)malloc(sizeof(float) * CHUNK * (size_t)info.channels);
	int64_t at = 0;
	sf_count_t n;
	while ((n = sf_readf_float(sf, buf, CHUNK)) > 0) {
		for (sf_count_t i = 0; i < n; ++i) {
			x[at++] = buf[i * info.channels + (channel < info.channels ? channel : 0)];
		}
	}
	free(buf);
	sf_close(sf);
	*rate = info.samplerate;
	*frames = at;
	return x;
}

static int
write_chirp(const char* path, int rate, int channels)
{
	if (channels < 1 || channels > 8) {
		return 2;
	}
	SNDFILE* sf = open_write(path, rate, channels);
	const int64_t frames = (int64_t)ceil(2.0 * CHIRP_AT_S * rate);
	for (int64_t i = 0; i < frames; ++i) {
		float frame[8] = {(float)chirp((double)i / rate - CHIRP_AT_S)};
		sf_writef_float(sf, frame, 1);
	}
	return sf_close(sf) == 0 ? 0 : 1;
}

static int
locate(const char* path, int channel, int64_t expected)
{
	int rate;
	int64_t frames;
	double* x = read_channel(path, channel, &rate, &frames);
	const int half = (int)ceil(CHIRP_HALF_S * rate);
	double* ref = (double*)malloc(sizeof(double) * (size_t)(2 * half + 1));
	for (int k = -half; k <= half; ++k) {
		ref[k + half] = chirp((double)k / rate);
	}
	/* the chirp's centre is CHIRP_AT_S into the clip */
	const int64_t centre = expected + (int64_t)llround(CHIRP_AT_S * rate);
	const int64_t reach = rate / 10;
	double best = -1.0, before = 0.0, after = 0.0;
	int64_t at = -1;
	double previous = 0.0;
	for (int64_t lag = centre - reach; lag <= centre + reach; ++lag) {
		double sum = 0.0;
		for (int k = -half; k <= half; ++k) {
			const int64_t i = lag + k;
			sum += i >= 0 && i < frames ? x[i] * ref[k + half] : 0.0;
		}
		if (sum > best) {
			best = sum;
			at = lag;
			before = previous;
		}
		if (lag == at + 1) {
			after = sum;
		}
		previous = sum;
	}
	free(ref);
	free(x);
	/* a parabola through the peak and its neighbours: where between frames */
	const double curve = before - 2.0 * best + after;
	const double fraction = curve < 0.0 ? 0.5 * (before - after) / curve : 0.0;
	const double error = (double)(at - centre) + fraction;
	printf("the clip starts at frame %.2f, %+.2f frames from %lld (%d Hz)\n",
	       (double)expected + error, error, (long long)expected, rate);
	return best > 0.0 && at == centre && fabs(error) < 0.5 ? 0 : 1;
}

static int
bursts(const char* path, int rate, double hz, double on_s, double off_s, int count, double seconds)
{
	SNDFILE* sf = open_write(path, rate, 1);
	const int64_t on = (int64_t)llround(on_s * rate), off = (int64_t)llround(off_s * rate);
	const int64_t frames =
	    seconds > 0.0 ? (int64_t)llround(seconds * rate) : count * on + (count - 1) * off;
	static float buf[CHUNK];
	for (int64_t done = 0; done < frames;) {
		const int64_t n = frames - done < CHUNK ? frames - done : CHUNK;
		for (int64_t i = 0; i < n; ++i) {
			const int64_t t = done + i;
			const bool sounding = seconds > 0.0 || t % (on + off) < on;
			buf[i] = sounding ? (float)(0.5 * cos(2.0 * M_PI * hz * (double)t / rate)) : 0.0f;
		}
		if (sf_writef_float(sf, buf, n) != n) {
			sf_close(sf);
			return 1;
		}
		done += n;
	}
	return sf_close(sf) == 0 ? 0 : 1;
}

/* The session's gain in dB in each 1 ms window: (mixed - voice) / session. */
static int
duck(const char* mixed, const char* voice, const char* session, double start_s, double end_s,
     double depth_db, double release_s)
{
	int rate;
	int64_t n, nv, ns;
	double* m = read_channel(mixed, 0, &rate, &n);
	double* v = read_channel(voice, 0, &rate, &nv);
	double* s = read_channel(session, 0, &rate, &ns);
	if (n != nv || n != ns) {
		fprintf(stderr, "voice_probe: the three files differ in length\n");
		return 1;
	}
	const int64_t w = rate / 1000;
	const int64_t windows = n / w;
	double* gain_db = (double*)malloc(sizeof(double) * (size_t)windows);
	for (int64_t k = 0; k < windows; ++k) {
		double ducked = 0.0, full = 0.0;
		for (int64_t i = k * w; i < (k + 1) * w; ++i) {
			ducked += (m[i] - v[i]) * (m[i] - v[i]);
			full += s[i] * s[i];
		}
		gain_db[k] = 10.0 * log10((ducked + 1e-30) / (full + 1e-30));
	}
	/* windows as times: k covers [k, k + 1) ms; the ducker may look ahead
	 * (up to LOOKAHEAD_MS), so the session may start down before START_S */
	const int64_t start = (int64_t)(start_s * 1000.0), end = (int64_t)(end_s * 1000.0);
	double before = 0.0, settled_min = 0.0, settled_max = -1e9, after = 0.0;
	int64_t begins = INT64_MIN, down = INT64_MIN, back_1db = -1, back_01db = -1;
	for (int64_t k = 0; k < windows; ++k) {
		if (k < start - LOOKAHEAD_MS) {
			before = fmax(before, fabs(gain_db[k]));
		} else if (k < end) {
			if (begins == INT64_MIN && gain_db[k] < -0.1) {
				begins = k - start;
			}
			if (down == INT64_MIN && gain_db[k] <= -(depth_db - 1.0)) {
				down = k - start + 1; /* the end of the window */
			}
			if (down != INT64_MIN && k >= start) {
				settled_min = fmin(settled_min, gain_db[k]);
				settled_max = fmax(settled_max, gain_db[k]);
			}
		} else {
			if (back_1db < 0 && gain_db[k] >= -1.0) {
				back_1db = k - end + 1;
			}
			if (back_01db < 0 && gain_db[k] >= -0.1) {
				back_01db = k - end + 1;
			}
			if (k >= end + (int64_t)(release_s * 1000.0)) {
				after = fmax(after, fabs(gain_db[k]));
			}
		}
	}
	printf("full before (%.2f dB); going down %+lld ms from the voice, %.0f dB down at %+lld "
	       "ms; under it %.2f to %.2f dB; after it within 1 dB in %lld ms, 0.1 dB in %lld ms, "
	       "%.3f dB from %.2f s on\n",
	       -before, (long long)begins, depth_db - 1.0, (long long)down, settled_min, settled_max,
	       (long long)back_1db, (long long)back_01db, after, release_s);
	const bool ok = before < 0.01 && down != INT64_MIN && down <= 1 &&
	                settled_min >= -(depth_db + 1.0) && settled_max <= -(depth_db - 1.0) &&
	                back_01db > 0 && after < 0.1;
	free(gain_db);
	free(m);
	free(v);
	free(s);
	return ok ? 0 : 1;
}

/* The loudest window of the second difference over both channels and the
 * frames [from, to). */
static double
loudest_window(const char* path, double from_s, double to_s)
{
	double loudest = 0.0;
	for (int c = 0; c < 2; ++c) {
		int rate;
		int64_t n;
		double* x = read_channel(path, c, &rate, &n);
		const int64_t from = from_s >= 0.0 ? (int64_t)(from_s * rate) : 2;
		const int64_t to = to_s >= 0.0 ? (int64_t)(to_s * rate) : n;
		for (int64_t start = from < 2 ? 2 : from; start + WINDOW <= to; start += HOP) {
			double e = 0.0;
			for (int64_t i = start; i < start + WINDOW; ++i) {
				const double d = x[i] - 2.0 * x[i - 1] + x[i - 2];
				e += d * d;
			}
			loudest = fmax(loudest, e / WINDOW);
		}
		free(x);
	}
	return loudest;
}

static int
clicks(int argc, char** argv)
{
	double from = -1.0, to = -1.0;
	if (argc > 4 && strcmp(argv[argc - 3], "--steady") == 0) {
		from = atof(argv[argc - 2]);
		to = atof(argv[argc - 1]);
		argc -= 3;
	}
	const double loudest = loudest_window(argv[0], -1.0, -1.0);
	double reference = 0.0;
	for (int i = 1; i < argc; ++i) {
		reference += loudest_window(argv[i], from, to);
	}
	const double ratio = loudest / (reference + 1e-24);
	printf("loudest window %.3g, %.2f times the steady sound's %.3g (at most %.0f)\n", loudest,
	       ratio, reference, CLICK_THRESHOLD);
	return ratio < CLICK_THRESHOLD ? 0 : 1;
}

static int
sum(const char* a_path, const char* b_path, const char* c_path, double tol)
{
	double worst = 0.0;
	bool same_length = true;
	for (int c = 0; c < 2; ++c) {
		int rate;
		int64_t na, nb, nc;
		double* a = read_channel(a_path, c, &rate, &na);
		double* b = read_channel(b_path, c, &rate, &nb);
		double* x = read_channel(c_path, c, &rate, &nc);
		same_length = same_length && na == nb && na == nc;
		for (int64_t i = 0; same_length && i < na; ++i) {
			worst = fmax(worst, fabs(a[i] + b[i] - x[i]));
		}
		free(a);
		free(b);
		free(x);
	}
	printf("largest difference from the sum %.3g\n", worst);
	return same_length && worst <= tol ? 0 : 1;
}

static int
difference(const char* a_path, const char* b_path, const char* out_path)
{
	int rate;
	int64_t n[4];
	double* x[4];
	for (int c = 0; c < 2; ++c) {
		x[2 * c] = read_channel(a_path, c, &rate, &n[2 * c]);
		x[2 * c + 1] = read_channel(b_path, c, &rate, &n[2 * c + 1]);
	}
	if (n[0] != n[1]) {
		fprintf(stderr, "voice_probe: %s and %s differ in length\n", a_path, b_path);
		return 1;
	}
	SNDFILE* sf = open_write(out_path, rate, 2);
	for (int64_t i = 0; i < n[0]; ++i) {
		const float frame[2] = {(float)(x[0][i] - x[1][i]), (float)(x[2][i] - x[3][i])};
		sf_writef_float(sf, frame, 1);
	}
	for (int k = 0; k < 4; ++k) {
		free(x[k]);
	}
	return sf_close(sf) == 0 ? 0 : 1;
}

static int
span(const char* path, double threshold_db)
{
	int rate;
	int64_t n, first = -1, last = -1;
	double* x = read_channel(path, 0, &rate, &n);
	const double threshold = pow(10.0, threshold_db / 20.0);
	for (int64_t i = 0; i < n; ++i) {
		if (fabs(x[i]) > threshold) {
			first = first < 0 ? i : first;
			last = i;
		}
	}
	free(x);
	printf("%.4f %.4f\n", (double)first / rate, (double)(last + 1) / rate);
	return first >= 0 ? 0 : 1;
}

static int
runs(const char* path, int y, int r, int g, int b)
{
	cairo_surface_t* png = cairo_image_surface_create_from_png(path);
	if (cairo_surface_status(png) != CAIRO_STATUS_SUCCESS ||
	    y >= cairo_image_surface_get_height(png)) {
		fprintf(stderr, "voice_probe: cannot read %s\n", path);
		return 1;
	}
	const unsigned char* row =
	    cairo_image_surface_get_data(png) + (size_t)y * (size_t)cairo_image_surface_get_stride(png);
	const int width = cairo_image_surface_get_width(png);
	int from = -1;
	for (int x = 0; x <= width; ++x) {
		/* native-endian ARGB32 / RGB24 */
		const uint32_t p = x < width ? ((const uint32_t*)row)[x] : 0;
		const bool match = x < width && (int)(p >> 16 & 0xff) == r && (int)(p >> 8 & 0xff) == g &&
		                   (int)(p & 0xff) == b;
		if (match && from < 0) {
			from = x;
		} else if (!match && from >= 0) {
			printf("%d-%d\n", from, x - 1);
			from = -1;
		}
	}
	cairo_surface_destroy(png);
	return 0;
}

int
main(int argc, char** argv)
{
	const char* what = argc > 1 ? argv[1] : "";
	if (strcmp(what, "chirp") == 0 && argc == 5) {
		return write_chirp(argv[2], atoi(argv[3]), atoi(argv[4]));
	}
	if (strcmp(what, "locate") == 0 && argc == 5) {
		return locate(argv[2], atoi(argv[3]), atoll(argv[4]));
	}
	if (strcmp(what, "bursts") == 0 && (argc == 8 || argc == 9)) {
		return bursts(argv[2], atoi(argv[3]), atof(argv[4]), atof(argv[5]), atof(argv[6]),
		              atoi(argv[7]), argc == 9 ? atof(argv[8]) : 0.0);
	}
	if (strcmp(what, "duck") == 0 && argc == 9) {
		return duck(argv[2], argv[3], argv[4], atof(argv[5]), atof(argv[6]), atof(argv[7]),
		            atof(argv[8]));
	}
	if (strcmp(what, "clicks") == 0 && argc >= 4) {
		return clicks(argc - 2, argv + 2);
	}
	if (strcmp(what, "sum") == 0 && argc == 6) {
		return sum(argv[2], argv[3], argv[4], atof(argv[5]));
	}
	if (strcmp(what, "diff") == 0 && argc == 5) {
		return difference(argv[2], argv[3], argv[4]);
	}
	if (strcmp(what, "span") == 0 && argc == 4) {
		return span(argv[2], atof(argv[3]));
	}
	if (strcmp(what, "runs") == 0 && argc == 7) {
		return runs(argv[2], atoi(argv[3]), atoi(argv[4]), atoi(argv[5]), atoi(argv[6]));
	}
	fprintf(stderr,
	        "usage: test_voice_probe chirp|locate|bursts|duck|clicks|sum|diff|span|runs ...\n");
	return 2;
}
