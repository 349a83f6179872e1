/* SPDX-License-Identifier: ISC */
/* The files a render writes (audio, and the cue sheet and plot if asked
 * for), all opened under temporary names before the first frame, so that a
 * path that cannot be written fails at once, and renamed into place
 * together at the end: all of them or none. */
#ifndef SOMASCAPE_RENDER_OUTPUTS_H
#define SOMASCAPE_RENDER_OUTPUTS_H

#include "audio_file.h"
#include "cues.h"
#include "plot.h"
#include "render_options.h"
#include "video_out.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct {
	AudioFile audio;
	CueSheet cues;
	Plot plot;
	VideoOut* video; /* ffmpeg running from the open on */
	bool have_audio, have_cues, have_plot;
} RenderOutputs;

bool render_outputs_open(RenderOutputs* out, const RenderOptions* o, int64_t frames, double seconds,
                         char* err, size_t err_size);

/* Renames everything into place; if one fails, removes the ones already
 * renamed. */
bool render_outputs_commit(RenderOutputs* out, const RenderOptions* o, int64_t frames, char* err,
                           size_t err_size);

/* Removes whatever is still under a temporary name; safe after commit. */
void render_outputs_abort(RenderOutputs* out);

#endif
