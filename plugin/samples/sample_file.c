/* SPDX-License-Identifier: ISC */
#include "sample_file.h"

#include <samplerate.h>
#include <sndfile.h>

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

/* Kept before the first sound sample, so the trim never cuts into an onset. */
#define TRIM_PREROLL_S 0.0005
/* Largest channel count accepted (libsndfile's own limit is 1024). */
#define MAX_CHANNELS 64

static void
fail(char* err, size_t err_size, const char* fmt, ...)
{
	if (err && err_size) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(err, err_size, fmt, ap);
		va_end(ap);
	}
}

/* libsndfile's virtual I/O over a read-only block of memory. */
typedef struct {
	const unsigned char* data;
	sf_count_t size;
	sf_count_t pos;
} MemoryFile;

static sf_count_t
mem_length(void* user)
{
	return ((MemoryFile*)user)->size;
}

static sf_count_t
mem_seek(sf_count_t offset, int whence, void* user)
{
	MemoryFile* m = (MemoryFile*)user;
	sf_count_t to = offset;
	if (whence == SEEK_CUR) {
		to = m->pos + offset;
	} else if (whence == SEEK_END) {
		to = m->size + offset;
	}
	if (to < 0 || to > m->size) {
		return -1;
	}
	m->pos = to;
	return to;
}

static sf_count_t
mem_read(void* ptr, sf_count_t count, void* user)
{
	MemoryFile* m = (MemoryFile*)user;
	const sf_count_t left = m->size - m->pos;
	const sf_count_t n = count < left ? count : left;
	if (n <= 0) {
		return 0;
	}
	memcpy(ptr, m->data + m->pos, (size_t)n);
	m->pos += n;
	return n;
}

static sf_count_t
mem_write(const void* ptr, sf_count_t count, void* user)
{
	(void)ptr;
	(void)count;
	(void)user;
	return 0;
}

static sf_count_t
mem_tell(void* user)
{
	return ((MemoryFile*)user)->pos;
}

/* libsndfile quietly shortens a WAV or AIFF whose data chunk runs past the
 * end of the file; its log then reads "data : N (should be M)" with M < N.
 * Streamed files that never knew their length (N = 0 or 0xFFFFFFFF) are
 * fine. */
static bool
header_claims_more(SNDFILE* sf)
{
	char log[4096];
	sf_command(sf, SFC_GET_LOG_INFO, log, sizeof(log));
	for (const char* line = log; line && *line; line = strchr(line, '\n')) {
		line += *line == '\n';
		unsigned long long said = 0, real = 0;
		if ((strncmp(line, "data : ", 7) == 0 || strncmp(line, "SSND : ", 7) == 0) &&
		    sscanf(line + 7, "%llu (should be %llu)", &said, &real) == 2 && real < said &&
		    said != 0xFFFFFFFFull && said != 0) {
			return true;
		}
	}
	return false;
}

/* Reads the whole file as mono, the mean of its channels, a chunk at a
 * time (a compressed file may decode to far more than its size). */
static float*
read_mono(SNDFILE* sf, const SF_INFO* info, char* err, size_t err_size)
{
	enum { CHUNK = 4096 };
	const size_t frames = (size_t)info->frames;
	const size_t channels = (size_t)info->channels;
	float* chunk = (float*)malloc(CHUNK * channels * sizeof(float));
	float* mono = (float*)malloc(frames * sizeof(float));
	if (!chunk || !mono) {
		free(chunk);
		free(mono);
		fail(err, err_size, "out of memory");
		return NULL;
	}
	size_t done = 0;
	bool finite = true;
	while (done < frames && finite) {
		const size_t want = frames - done < CHUNK ? frames - done : CHUNK;
		const sf_count_t got = sf_readf_float(sf, chunk, (sf_count_t)want);
		if (got <= 0) {
			break;
		}
		for (size_t i = 0; i < (size_t)got; ++i) {
			double sum = 0.0;
			for (size_t c = 0; c < channels; ++c) {
				sum += chunk[i * channels + c];
			}
			mono[done + i] = (float)(sum / (double)channels);
			finite = finite && isfinite(mono[done + i]);
		}
		done += (size_t)got;
	}
	free(chunk);
	if (!finite) {
		fail(err, err_size, "the file holds samples that are not numbers");
	} else if (done != frames || sf_error(sf) != SF_ERR_NO_ERROR) {
		fail(err, err_size, "the file is truncated or damaged: %zu of %zu frames could be read",
		     done, frames);
	} else {
		return mono;
	}
	free(mono);
	return NULL;
}

/* The first frame worth keeping: a little before the first sample within
 * SAMPLE_FILE_TRIM_DB of the peak.  frames if the file is silent. */
static size_t
sound_start(const float* x, size_t frames, int rate)
{
	float peak = 0.0f;
	for (size_t i = 0; i < frames; ++i) {
		peak = fmaxf(peak, fabsf(x[i]));
	}
	if (!(peak > 0.0f)) {
		return frames;
	}
	const float threshold = peak * (float)pow(10.0, SAMPLE_FILE_TRIM_DB / 20.0);
	size_t first = 0;
	while (fabsf(x[first]) < threshold) {
		++first;
	}
	const size_t preroll = (size_t)(TRIM_PREROLL_S * rate);
	return first > preroll ? first - preroll : 0;
}

typedef struct {
	double b0, b1, b2, a1, a2;
	double x1, x2, y1, y2;
} Biquad;

static double
biquad(Biquad* f, double x)
{
	const double y = f->b0 * x + f->b1 * f->x1 + f->b2 * f->x2 - f->a1 * f->y1 - f->a2 * f->y2;
	f->x2 = f->x1;
	f->x1 = x;
	f->y2 = f->y1;
	f->y1 = y;
	return y;
}

/* Mean-square power of the strike train: K-weighted energy (ITU-R BS.1770,
 * its two filters designed for any rate as libebur128 does) of the first
 * seconds, over the strike interval.  Below 8 kHz, unweighted. */
static double
strike_train_power(const float* x, size_t frames, double rate)
{
	Biquad shelf = {.b0 = 1.0}, high = {.b0 = 1.0};
	if (rate >= 8000.0) {
		double K = tan(M_PI * 1681.974450955533 / rate);
		const double Q = 0.7071752369554196;
		const double Vh = pow(10.0, 3.999843853973347 / 20.0);
		const double Vb = pow(Vh, 0.4996667741545416);
		double a0 = 1.0 + K / Q + K * K;
		shelf = (Biquad){.b0 = (Vh + Vb * K / Q + K * K) / a0,
		                 .b1 = 2.0 * (K * K - Vh) / a0,
		                 .b2 = (Vh - Vb * K / Q + K * K) / a0,
		                 .a1 = 2.0 * (K * K - 1.0) / a0,
		                 .a2 = (1.0 - K / Q + K * K) / a0};
		K = tan(M_PI * 38.13547087602444 / rate);
		const double Qh = 0.5003270373238773;
		a0 = 1.0 + K / Qh + K * K;
		high = (Biquad){.b0 = 1.0,
		                .b1 = -2.0,
		                .b2 = 1.0,
		                .a1 = 2.0 * (K * K - 1.0) / a0,
		                .a2 = (1.0 - K / Qh + K * K) / a0};
	}
	const size_t window = (size_t)(SAMPLE_FILE_LOUDNESS_WINDOW_S * rate);
	const size_t n = frames < window ? frames : window;
	double energy = 0.0;
	for (size_t i = 0; i < n; ++i) {
		const double y = biquad(&high, biquad(&shelf, x[i]));
		energy += y * y;
	}
	return energy / rate / SAMPLE_FILE_STRIKE_EVERY_S;
}

/* Resamples the mono source into every level of the sample. */
static SampleFile*
make_levels(const float* mono, size_t frames, int source_rate, double rate, char* err,
            size_t err_size)
{
	size_t capacity[CUE_SAMPLE_LEVELS];
	size_t total = 0;
	for (int k = 0; k < CUE_SAMPLE_LEVELS; ++k) {
		const double ratio = rate / (double)(1u << k) / source_rate;
		if (!src_is_valid_ratio(ratio)) {
			fail(err, err_size, "cannot resample from %d Hz to %.0f Hz", source_rate,
			     rate / (double)(1u << k));
			return NULL;
		}
		capacity[k] = (size_t)ceil((double)frames * ratio) + 16;
		total += capacity[k] + 2 * CUE_SAMPLE_GUARD;
	}
	if (total > UINT32_MAX / 4) {
		fail(err, err_size, "the sample would be too big");
		return NULL;
	}
	SampleFile* s = (SampleFile*)calloc(1, sizeof(SampleFile));
	float* storage = (float*)calloc(total, sizeof(float));
	if (!s || !storage) {
		free(s);
		free(storage);
		fail(err, err_size, "out of memory");
		return NULL;
	}
	s->storage = storage;
	s->cue.rate = rate;
	float* at = storage;
	for (int k = 0; k < CUE_SAMPLE_LEVELS; ++k) {
		float* out = at + CUE_SAMPLE_GUARD;
		SRC_DATA data = {
		    .data_in = mono,
		    .data_out = out,
		    .input_frames = (long)frames,
		    .output_frames = (long)capacity[k],
		    .src_ratio = rate / (double)(1u << k) / source_rate,
		    .end_of_input = 1,
		};
		const int status = src_simple(&data, SRC_SINC_BEST_QUALITY, 1);
		if (status != 0) {
			fail(err, err_size, "resampling failed: %s", src_strerror(status));
			sample_file_free(s);
			return NULL;
		}
		s->cue.data[k] = out;
		s->cue.frames[k] = (uint32_t)data.output_frames_gen;
		at += capacity[k] + 2 * CUE_SAMPLE_GUARD;
	}
	return s;
}

/* Loudness matched, peak at most 0 dBFS; false for a sample with no
 * audible sound in it. */
static bool
match_loudness(SampleFile* s, char* err, size_t err_size)
{
	const double power = strike_train_power(s->cue.data[0], s->cue.frames[0], s->cue.rate);
	float peak = 0.0f;
	for (uint32_t i = 0; i < s->cue.frames[0]; ++i) {
		peak = fmaxf(peak, fabsf(s->cue.data[0][i]));
	}
	const double target = pow(10.0, (SAMPLE_FILE_TARGET_LUFS + 0.691) / 10.0);
	if (!(power > target * 1e-8) || !(peak > 0.0f)) { /* more than +80 dB needed */
		fail(err, err_size, "the sound is too quiet (or too low) to be heard");
		return false;
	}
	double gain = sqrt(target / power);
	gain = fmin(gain, 1.0 / peak);
	s->gain_db = 20.0 * log10(gain);
	for (int k = 0; k < CUE_SAMPLE_LEVELS; ++k) {
		float* x = (float*)s->cue.data[k];
		for (uint32_t i = 0; i < s->cue.frames[k]; ++i) {
			x[i] = (float)(x[i] * gain);
		}
	}
	return true;
}

SampleFile*
sample_file_decode(const void* bytes, size_t size, double rate, char* err, size_t err_size)
{
	if (size == 0) {
		fail(err, err_size, "the file is empty");
		return NULL;
	}
	if (size > SAMPLE_FILE_MAX_BYTES) {
		fail(err, err_size, "the file is %.1f MB, more than the limit of %u MB",
		     (double)size / (1024.0 * 1024.0), SAMPLE_FILE_MAX_BYTES / (1024u * 1024u));
		return NULL;
	}
	if (!(rate >= 1000.0 && rate <= 1536000.0)) {
		fail(err, err_size, "unusable sample rate %f", rate);
		return NULL;
	}
	MemoryFile memory = {(const unsigned char*)bytes, (sf_count_t)size, 0};
	SF_VIRTUAL_IO io = {mem_length, mem_seek, mem_read, mem_write, mem_tell};
	SF_INFO info;
	memset(&info, 0, sizeof(info));
	SNDFILE* sf = sf_open_virtual(&io, SFM_READ, &info, &memory);
	if (!sf) {
		fail(err, err_size, "libsndfile cannot read it: %s", sf_strerror(NULL));
		return NULL;
	}
	SampleFile* s = NULL;
	float* mono = NULL;
	if (info.channels < 1 || info.channels > MAX_CHANNELS) {
		fail(err, err_size, "the file has %d channels (at most %d)", info.channels, MAX_CHANNELS);
	} else if (info.samplerate < SAMPLE_FILE_MIN_RATE || info.samplerate > SAMPLE_FILE_MAX_RATE) {
		fail(err, err_size, "the file's sample rate %d Hz is not from %d to %d Hz", info.samplerate,
		     SAMPLE_FILE_MIN_RATE, SAMPLE_FILE_MAX_RATE);
	} else if (info.frames <= 0) {
		fail(err, err_size, "the file holds no audio");
	} else if ((double)info.frames > SAMPLE_FILE_MAX_SECONDS * info.samplerate) {
		fail(err, err_size, "the sound is %.1f s long, more than the limit of %.0f s",
		     (double)info.frames / info.samplerate, SAMPLE_FILE_MAX_SECONDS);
	} else if (header_claims_more(sf)) {
		fail(err, err_size, "the file is truncated: its header promises more audio than it holds");
	} else {
		mono = read_mono(sf, &info, err, err_size);
	}
	sf_close(sf);
	if (!mono) {
		return NULL;
	}
	const size_t frames = (size_t)info.frames;
	const size_t start = sound_start(mono, frames, info.samplerate);
	if (start == frames) {
		fail(err, err_size, "the sound is silent");
	} else {
		s = make_levels(mono + start, frames - start, info.samplerate, rate, err, err_size);
	}
	free(mono);
	if (s && !match_loudness(s, err, err_size)) {
		sample_file_free(s);
		s = NULL;
	}
	if (s) {
		s->source_rate = info.samplerate;
		s->source_channels = info.channels;
		s->source_seconds = (double)info.frames / info.samplerate;
		s->trimmed_s = (double)start / info.samplerate;
	}
	return s;
}

SampleFile*
sample_file_load(const char* path, double rate, char* err, size_t err_size)
{
	struct stat st;
	if (stat(path, &st) != 0) {
		fail(err, err_size, "%s", strerror(errno));
		return NULL;
	}
	if (!S_ISREG(st.st_mode)) {
		fail(err, err_size, "not a file");
		return NULL;
	}
	if ((unsigned long long)st.st_size > SAMPLE_FILE_MAX_BYTES) {
		fail(err, err_size, "the file is %.1f MB, more than the limit of %u MB",
		     (double)st.st_size / (1024.0 * 1024.0), SAMPLE_FILE_MAX_BYTES / (1024u * 1024u));
		return NULL;
	}
	FILE* f = fopen(path, "rb");
	if (!f) {
		fail(err, err_size, "%s", strerror(errno));
		return NULL;
	}
	const size_t size = (size_t)st.st_size;
	void* bytes = malloc(size ? size : 1);
	const size_t got = bytes ? fread(bytes, 1, size, f) : 0;
	const bool read_error = ferror(f) != 0;
	fclose(f);
	SampleFile* s = NULL;
	if (!bytes) {
		fail(err, err_size, "out of memory");
	} else if (read_error || got != size) {
		fail(err, err_size, "the file cannot be read");
	} else {
		s = sample_file_decode(bytes, size, rate, err, err_size);
	}
	free(bytes);
	return s;
}

void
sample_file_free(SampleFile* sample)
{
	if (sample) {
		free(sample->storage);
		free(sample);
	}
}
