/* SPDX-License-Identifier: ISC */
/* One pass over a whole session: a fresh plugin instance, the preset and
 * settings of the command line, then the script's steps at their frames,
 * the teacher's voice mixed in (voice_mix.h), the audio streamed block by
 * block to whichever sinks are given.  A fresh instance per pass makes the
 * loudness pass and the final pass sound exactly alike. */
#ifndef SOMASCAPE_RENDER_H
#define SOMASCAPE_RENDER_H

#include "audio_file.h"
#include "cues.h"
#include "loudness.h"
#include "plot.h"
#include "script.h"
#include "true_peak_limiter.h"
#include "video_out.h"

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct {
	const char* symbol;
	float value;
} ControlSetting;

/* A file parameter to load before the session starts. */
typedef struct {
	const char* name; /* as the user wrote it, for messages */
	const char* uri;
	const char* path; /* absolute */
} FileSetting;

struct VoiceClip; /* voice_mix.h */

typedef struct {
	const char* plugin_uri;
	double rate;
	uint32_t block;                 /* frames per run(), at most */
	int64_t frames;                 /* of the whole session */
	const char* preset;             /* label or URI, or NULL */
	const ControlSetting* settings; /* after the preset, in order */
	size_t n_settings;
	const FileSetting* files; /* after the settings, in order */
	size_t n_files;
	const Script* script;           /* or NULL */
	const char* base_dir;           /* for relative paths in plugin state, or NULL */
	float gain;                     /* linear, applied to the output */
	const struct VoiceClip* voices; /* checked (voice_mix.h), mixed in */
	size_t n_voices;
	float duck_db;   /* the session under the voice */
	float* mix_peak; /* out, if voices: the mix's largest sample */
} RenderPlan;

/* Where a pass's audio and outputs go; any may be NULL. */
typedef struct {
	AudioFile* audio;
	CueSheet* cues;
	Plot* plot;
	LoudnessMeter* meter;
	TruePeakLimiter* limiter; /* after the plan's gain, before the file and meter */
	VideoOut* video;          /* pictures at its frame times, with the audio */
	const char* label;        /* for the progress bar */
} RenderSinks;

/* Set by a signal handler: the pass stops and fails. */
extern volatile sig_atomic_t render_interrupted;

/* The longest run() when the cues or plot read the outputs: short enough
 * for cue times within 2 ms (and at most 64 frames). */
uint32_t render_observe_block(double rate);

/* Renders the plan; false with the reason in err. */
bool render_pass(const RenderPlan* plan, const RenderSinks* sinks, char* err, size_t err_size);

#endif
