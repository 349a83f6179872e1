/* SPDX-License-Identifier: ISC */
#include "voice_stream.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

/* libsamplerate's fastest sinc: 97 dB down, flat to 80 % of the band
 * (17.6 kHz from 44.1 kHz), at about three times the speed of the medium
 * one (an hour of music converted in seconds, not a minute). */
#define CONVERTER SRC_SINC_FASTEST

struct VoiceStream {
	SNDFILE* sf;
	int channels;
	SRC_STATE* src; /* NULL when the file is at the session's rate */
	double ratio;
	bool eof;
	/* mono stays mono until it is mixed: half the work for the converter */
	float raw[2 * VOICE_CHUNK_FRAMES]; /* decoded, interleaved */
	long raw_frames, raw_used;
	float out[2 * VOICE_CHUNK_FRAMES]; /* at the session's rate */
	long out_frames, out_used;
	int64_t position, length;
	int64_t edge, fade_start, fade_frames;
	float gain;
};

bool
voice_file_probe(const char* path, VoiceFileInfo* info, char* err, size_t err_size)
{
	/* the system's reason first (missing, not allowed, a folder) */
	FILE* f = fopen(path, "rb");
	const bool unreadable = !f || (fgetc(f) == EOF && ferror(f));
	const int why = errno;
	if (f) {
		fclose(f);
	}
	if (unreadable) {
		snprintf(err, err_size, "%s: %s", path, strerror(why));
		return false;
	}
	SF_INFO sfi;
	memset(&sfi, 0, sizeof(sfi));
	SNDFILE* sf = sf_open(path, SFM_READ, &sfi);
	if (!sf) {
		snprintf(err, err_size, "%s: not a sound file that can be read (%s)", path,
		         sf_strerror(NULL));
		return false;
	}
	sf_close(sf);
	if (sfi.frames <= 0) {
		snprintf(err, err_size, "%s: the file has no sound in it (0 frames)", path);
		return false;
	}
	if (sfi.channels < 1 || sfi.channels > 2) {
		snprintf(err, err_size, "%s: %d channels; a voice file is mono or stereo", path,
		         sfi.channels);
		return false;
	}
	if (sfi.samplerate < 1000 || sfi.samplerate > 768000) {
		snprintf(err, err_size, "%s: a sample rate of %d Hz (1000 to 768000 are read)", path,
		         sfi.samplerate);
		return false;
	}
	*info = (VoiceFileInfo){sfi.samplerate, sfi.channels, (int64_t)sfi.frames};
	return true;
}

int64_t
voice_file_frames_at(const VoiceFileInfo* info, double rate)
{
	return rate == info->rate ? info->frames
	                          : (int64_t)llround((double)info->frames * rate / info->rate);
}

VoiceStream*
voice_stream_open(const char* path, double rate, int64_t length, float gain, char* err,
                  size_t err_size)
{
	VoiceFileInfo info;
	if (!voice_file_probe(path, &info, err, err_size)) {
		return NULL;
	}
	VoiceStream* s = (VoiceStream*)calloc(1, sizeof(VoiceStream));
	if (!s) {
		snprintf(err, err_size, "out of memory");
		return NULL;
	}
	SF_INFO sfi;
	memset(&sfi, 0, sizeof(sfi));
	s->sf = sf_open(path, SFM_READ, &sfi);
	s->channels = sfi.channels;
	s->ratio = rate / info.rate;
	int error = 0;
	if (s->sf && rate != info.rate) {
		s->src = src_new(CONVERTER, s->channels, &error);
	}
	if (!s->sf || error) {
		snprintf(err, err_size, "%s: %s", path, error ? src_strerror(error) : sf_strerror(NULL));
		voice_stream_close(s);
		return NULL;
	}
	const int64_t whole = voice_file_frames_at(&info, rate);
	s->length = length < whole ? length : whole;
	s->edge = (int64_t)ceil(VOICE_EDGE_S * rate);
	s->fade_frames = length < whole ? (int64_t)ceil(VOICE_CUT_FADE_S * rate) : s->edge;
	s->fade_start = s->length - s->fade_frames;
	s->gain = gain;
	return s;
}

/* The next chunk of the file, decoded into raw. */
static bool
read_raw(VoiceStream* s, char* err, size_t err_size)
{
	const sf_count_t n = sf_readf_float(s->sf, s->raw, VOICE_CHUNK_FRAMES);
	if (n < 0 || sf_error(s->sf) != SF_ERR_NO_ERROR) {
		snprintf(err, err_size, "reading failed: %s", sf_strerror(s->sf));
		return false;
	}
	s->raw_frames = (long)n;
	s->raw_used = 0;
	s->eof = n == 0;
	return true;
}

/* Fills `out` with the next chunk at the session's rate (less only at the
 * end of the file). */
static bool
refill(VoiceStream* s, char* err, size_t err_size)
{
	s->out_frames = s->out_used = 0;
	while (s->out_frames < VOICE_CHUNK_FRAMES) {
		if (s->raw_used == s->raw_frames && !s->eof && !read_raw(s, err, err_size)) {
			return false;
		}
		if (!s->src) {
			if (s->eof) {
				return true;
			}
			const long left = s->raw_frames - s->raw_used;
			const long room = VOICE_CHUNK_FRAMES - s->out_frames;
			const long n = left < room ? left : room;
			const int c = s->channels;
			memcpy(s->out + c * s->out_frames, s->raw + c * s->raw_used,
			       sizeof(float) * (size_t)(c * n));
			s->out_frames += n;
			s->raw_used += n;
			continue;
		}
		SRC_DATA data = {
		    .data_in = s->raw + s->channels * s->raw_used,
		    .data_out = s->out + s->channels * s->out_frames,
		    .input_frames = s->raw_frames - s->raw_used,
		    .output_frames = VOICE_CHUNK_FRAMES - s->out_frames,
		    .end_of_input = s->eof,
		    .src_ratio = s->ratio,
		};
		const int error = src_process(s->src, &data);
		if (error) {
			snprintf(err, err_size, "converting the rate failed: %s", src_strerror(error));
			return false;
		}
		s->raw_used += data.input_frames_used;
		s->out_frames += data.output_frames_gen;
		if (s->eof && data.output_frames_gen == 0) {
			return true;
		}
	}
	return true;
}

/* The gain at a frame of the clip: the fades at its edges. */
static float
envelope(const VoiceStream* s, int64_t at)
{
	double g = s->gain;
	if (at < s->edge) {
		g *= 0.5 - 0.5 * cos(M_PI * (double)at / (double)s->edge);
	}
	if (at >= s->fade_start) {
		g *= 0.5 + 0.5 * cos(M_PI * (double)(at - s->fade_start + 1) / (double)s->fade_frames);
	}
	return (float)g;
}

bool
voice_stream_add(VoiceStream* s, float* left, float* right, uint32_t n, char* err, size_t err_size)
{
	for (uint32_t i = 0; i < n && s->position < s->length; ++i) {
		if (s->out_used == s->out_frames) {
			if (!refill(s, err, err_size)) {
				return false;
			}
			if (s->out_frames == 0) {
				s->position = s->length; /* the converter gave a frame less */
				break;
			}
		}
		const bool steady = s->position >= s->edge && s->position < s->fade_start;
		const float g = steady ? s->gain : envelope(s, s->position);
		const float* frame = s->out + s->channels * s->out_used;
		left[i] += g * frame[0];
		right[i] += g * frame[s->channels - 1]; /* mono: the same, in the centre */
		++s->out_used;
		++s->position;
	}
	return true;
}

bool
voice_stream_done(const VoiceStream* s)
{
	return s->position >= s->length;
}

void
voice_stream_close(VoiceStream* s)
{
	if (!s) {
		return;
	}
	if (s->sf) {
		sf_close(s->sf);
	}
	if (s->src) {
		src_delete(s->src);
	}
	free(s);
}
