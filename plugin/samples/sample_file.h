/* SPDX-License-Identifier: ISC */
/* A user's cue sample made ready to play: decoded (libsndfile), mixed to
 * mono, its leading silence trimmed, resampled to the host's rate
 * (libsamplerate, best-quality sinc), with band-limited copies at half and
 * a quarter of the rate (see dsp/cue_sample.h), and its loudness matched to
 * the built-in cue sounds.  Pure C, no LV2; it allocates and reads files, so
 * it runs in the worker (or in a test or fuzzer), never in the audio thread.
 *
 * Mono because the cue is placed in space by the plugin (time and level
 * difference, or pan): a stereo recording's own placement would fight it. */
#ifndef SOMASCAPE_SAMPLE_FILE_H
#define SOMASCAPE_SAMPLE_FILE_H

#include "cue_sample.h"

#include <stddef.h>
#include <stdint.h>

/* Limits: longer or bigger files are refused (memory and load time stay
 * bounded: 30 s at 48 kHz is 10 MB of copies). */
#define SAMPLE_FILE_MAX_SECONDS 30.0
#define SAMPLE_FILE_MAX_BYTES (64u * 1024u * 1024u)
#define SAMPLE_FILE_MIN_RATE 1000
#define SAMPLE_FILE_MAX_RATE 768000

/* Loudness: what tools/cue_loudness.c measures for every built-in sound
 * struck every 0.5 s at gain 1.  A sample is scaled so that struck every
 * 0.5 s it measures the same (K-weighted energy of its first
 * SAMPLE_FILE_LOUDNESS_WINDOW_S seconds, as voices are reused after that),
 * but never so far that its peak goes over 0 dBFS. */
#define SAMPLE_FILE_TARGET_LUFS -27.9
#define SAMPLE_FILE_STRIKE_EVERY_S 0.5
#define SAMPLE_FILE_LOUDNESS_WINDOW_S 3.0
/* Leading samples more than 60 dB under the peak are silence. */
#define SAMPLE_FILE_TRIM_DB -60.0

typedef struct {
	CueSample cue;   /* what the DSP plays; points into storage */
	float* storage;  /* every level with its guards, one block */
	int source_rate; /* the file's */
	int source_channels;
	double source_seconds;
	double trimmed_s; /* leading silence taken off */
	double gain_db;   /* the loudness match */
} SampleFile;

/* Reads and prepares the file at `path` for a host at `rate`; NULL with the
 * reason in err (a sentence without the path). */
SampleFile* sample_file_load(const char* path, double rate, char* err, size_t err_size);

/* The same from a whole file in memory (sf_open_virtual). */
SampleFile* sample_file_decode(const void* data, size_t size, double rate, char* err,
                               size_t err_size);

void sample_file_free(SampleFile* sample);

#endif
