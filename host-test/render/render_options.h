/* SPDX-License-Identifier: ISC */
/* somascape-render's command line: parsed and checked as far as possible
 * without the plugin (controls and presets are checked against it later). */
#ifndef SOMASCAPE_RENDER_OPTIONS_H
#define SOMASCAPE_RENDER_OPTIONS_H

#include "audio_file.h"
#include "video_spec.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define RENDER_MAX_SETS 256
#define RENDER_MAX_FILES 16
#define RENDER_DEFAULT_DUCK_DB 6.0

typedef enum {
	ACTION_RENDER,
	ACTION_HELP,
	ACTION_VERSION,
	ACTION_LIST_PRESETS,
	ACTION_LIST_PARAMS
} Action;

typedef struct {
	Action action;
	const char* preset;
	const char* sets[RENDER_MAX_SETS]; /* "SYMBOL=VALUE", as given */
	size_t n_sets;
	const char* files[RENDER_MAX_FILES]; /* "NAME=PATH", as given */
	size_t n_files;
	const char* script_path;
	const char* mixes[RENDER_MAX_FILES]; /* --mix and --narration: from 0:00 */
	bool narration[RENDER_MAX_FILES];    /* ... the session ducks under it */
	size_t n_mixes;
	double voice_level_db; /* added to every voice and mix file's level */
	double duck_db;        /* the session under the voice; 0: no ducking */
	bool has_duration;
	double duration_s;
	unsigned rate;
	uint32_t block;
	const char* seed; /* checked against the plugin's seed control */
	AudioBits bits;
	int format; /* libsndfile's, from the output's extension */
	const char* cues_path;
	const char* plot_path;
	bool has_loudness;
	double loudness_lufs;
	const char* output;
	bool null_output; /* --null: render, write no audio (for timing) */
	bool has_video;   /* --video FILE, with its size and frame rate */
	VideoSpec video;
	const char* video_look; /* --video-look, checked against the plugin */
	const char* video_only; /* the last option that means nothing without --video */
} RenderOptions;

/* False with the problem in err: bad usage. */
bool render_options_parse(RenderOptions* options, int argc, char** argv, char* err,
                          size_t err_size);

void render_usage(FILE* out);

#endif
