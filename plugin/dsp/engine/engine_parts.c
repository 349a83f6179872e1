/* SPDX-License-Identifier: ISC */
#include "engine_parts.h"

GazeParams
engine_gaze_params(const Engine* e)
{
	const Controls* c = &e->ctl;
	const bool to_breath = engine_gaze_to_breath(e);
	const double rate_hz = to_breath             ? c->gaze_per_breath / breath_period_s(&e->breath)
	                       : c->gaze_sync > 0.5f ? e->tempo_bpm / 60.0 / c->gaze_beats
	                                             : c->gaze_rate;
	return (GazeParams){
	    .mode = (GazeMode)c->gaze_mode,
	    .rate_hz = rate_hz,
	    .shape = c->gaze_shape,
	    .hold_s = c->gaze_hold,
	    .rest_s = c->gaze_rest,
	    .first_left = c->gaze_first > 0.5f,
	    .target = e->steered ? e->steer_target : c->gaze_target,
	    .glide_s = c->gaze_glide,
	    .vary = to_breath ? 0.0f : c->gaze_vary / 100.0f,
	    .set_s = c->set_length,
	    .set_rest_s = c->set_rest,
	    .aligned = to_breath,
	};
}

BreathParams
engine_breath_params(const Engine* e)
{
	const Controls* c = &e->ctl;
	return (BreathParams){
	    .stage_s = {c->breath_in, c->breath_hold_in, c->breath_out, c->breath_hold_out},
	    .start_factor = c->breath_start,
	    .ramp_s = c->breath_ramp * 60.0,
	};
}

DroneParams
engine_drone_params(const Engine* e)
{
	const Controls* c = &e->ctl;
	return (DroneParams){
	    .root_hz = c->drone_root,
	    .voicing = (DroneVoicing)(int)c->drone_voicing,
	    .timbre = (DroneTimbre)(int)c->drone_timbre,
	    .bright = c->drone_bright / 100.0f,
	    .breath_depth = c->breath_depth / 100.0f,
	    .breath_bright = c->breath_bright / 100.0f,
	    .level_db = c->drone_level,
	};
}

SessionParams
engine_session_params(const Engine* e)
{
	return (SessionParams){
	    .fade_in_s = e->ctl.fade_in,
	    .length_s = e->ctl.session_len * 60.0,
	    .fade_out_s = e->ctl.fade_out,
	};
}
