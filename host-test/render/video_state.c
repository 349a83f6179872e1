/* SPDX-License-Identifier: ISC */
#include "video_state.h"

#include <math.h>

static const float zero = 0.0f;

static const float*
port(Host* host, const char* symbol)
{
	const float* value = host_control(host, symbol);
	return value ? value : &zero;
}

/* Every control input of ports.def: the Display ones make the look. */
static const char* const control_symbols[] = {
#define CONTROL_IN(sym, ...) #sym,
#include "ports.def"
};

void
video_watch_bind(VideoWatch* watch, Host* host)
{
	watch->gaze_mode = port(host, "gaze_mode");
	watch->gaze_pos = port(host, "gaze_pos");
	watch->gaze_side = port(host, "gaze_side");
	watch->pass_count = port(host, "pass_count");
	watch->set_active = port(host, "set_active");
	watch->breath_stage = port(host, "breath_stage");
	watch->breath_level = port(host, "breath_level");
	watch->breath_bpm = port(host, "breath_bpm");
	watch->session_time = port(host, "session_time");
	watch->n_look = 0;
	for (size_t i = 0; i < sizeof(control_symbols) / sizeof(control_symbols[0]); ++i) {
		ViewLook scratch;
		const float* value = host_control(host, control_symbols[i]);
		if (value && watch->n_look < VIDEO_MAX_LOOK_CONTROLS &&
		    view_look_set(&scratch, control_symbols[i], NAN)) {
			watch->look_symbols[watch->n_look] = control_symbols[i];
			watch->look_values[watch->n_look++] = value;
		}
	}
}

void
video_watch_read(const VideoWatch* watch, ViewState* s)
{
	view_state_init(s);
	s->gaze_mode = (int)lrintf(*watch->gaze_mode);
	s->gaze_pos = *watch->gaze_pos;
	s->gaze_side = (int)lrintf(*watch->gaze_side);
	s->passes = (uint32_t)lrintf(fmaxf(*watch->pass_count, 0.0f));
	s->set_active = *watch->set_active > 0.5f;
	s->breath_stage = (ViewBreathStage)((int)lrintf(*watch->breath_stage) & 3);
	s->breath_level = *watch->breath_level;
	s->breath_bpm = *watch->breath_bpm;
	s->session_s = *watch->session_time;
	for (int i = 0; i < watch->n_look; ++i) {
		view_look_set(&s->look, watch->look_symbols[i], *watch->look_values[i]);
	}
}
