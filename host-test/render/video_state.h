/* SPDX-License-Identifier: ISC */
/* What a video picture shows (the drawing module's ViewState), read from
 * the plugin's output ports and its Display controls (the projector's
 * look, which a script may change like any control) between runs. */
#ifndef SOMASCAPE_VIDEO_STATE_H
#define SOMASCAPE_VIDEO_STATE_H

#include "host.h"
#include "view.h"

#define VIDEO_MAX_LOOK_CONTROLS 16

typedef struct {
	const float* gaze_mode;
	const float* gaze_pos;
	const float* gaze_side;
	const float* pass_count;
	const float* set_active;
	const float* breath_stage;
	const float* breath_level;
	const float* breath_bpm;
	const float* session_time;
	const char* look_symbols[VIDEO_MAX_LOOK_CONTROLS];
	const float* look_values[VIDEO_MAX_LOOK_CONTROLS];
	int n_look;
} VideoWatch;

void video_watch_bind(VideoWatch* watch, Host* host);

/* The state now.  What the ports do not tell (the set's number, the time
 * left in the breath's stage, the rest and the session) is left at rest:
 * the projector does not show it. */
void video_watch_read(const VideoWatch* watch, ViewState* state);

#endif
