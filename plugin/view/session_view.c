/* SPDX-License-Identifier: ISC */
#include "session_view.h"

void
session_view_fill(ViewState* s, const Engine* e)
{
	const Outputs* out = engine_outputs(e);
	const Controls* c = &e->ctl;
	s->gaze_mode = (int)c->gaze_mode;
	s->gaze_pos = out->gaze_pos;
	s->gaze_side = (int)out->gaze_side;
	s->breath_level = out->breath_level;
	s->breath_stage = (ViewBreathStage)(int)out->breath_stage;
	s->breath_left_s = (float)breath_stage_remaining_s(&e->breath);
	s->breath_bpm = out->breath_bpm;
	s->set_active = out->set_active > 0.5f;
	s->set_number = c->set_length > 0.0f ? gaze_set_number(&e->gaze) : 0;
	s->passes = gaze_set_passes(&e->gaze);
	s->rest_left_s = (float)gaze_rest_left_s(&e->gaze);
	s->session_s = out->session_time;
	s->session_left_s = e->session_end < 0          ? -1.0
	                    : e->session_end > e->frame ? (double)(e->session_end - e->frame) / e->rate
	                                                : 0.0;
	s->caption = NULL;
}
