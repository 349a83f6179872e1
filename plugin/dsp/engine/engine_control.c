/* SPDX-License-Identifier: ISC */
/* What a host asks of the engine between blocks: starting, the controls,
 * the tempo and the beat, live cues, the user sample.  The sound itself
 * is engine.c. */
#include "engine.h"
#include "cue_match.h"
#include "engine_parts.h"
#include "layers.h"
#include "session.h"

#include <math.h>
#include <string.h>

void
engine_init(Engine* e, double rate)
{
	memset(e, 0, sizeof(*e));
	e->rate = rate;
	e->tempo_bpm = 120.0;
	Controls defaults;
	controls_defaults(&defaults);
	engine_set_controls(e, &defaults);
	e->smooth_fast = grid_smoothing_coef(rate, 0.01);
	e->smooth_slow = grid_smoothing_coef(rate, 0.05);
	engine_reset(e);
}

void
engine_reset(Engine* e)
{
	e->frame = 0;
	e->params_moved = true; /* the breath and the gaze begin with their defaults */
	gaze_init(&e->gaze, e->rate, (uint32_t)e->ctl.seed);
	breath_init(&e->breath, e->rate);
	drone_init(&e->drone, e->rate);
	drone_reset(&e->drone, (uint32_t)e->ctl.seed);
	chimes_init(&e->chimes, e->rate);
	for (int i = 0; i < CUE_VOICES; ++i) {
		cue_voice_init(&e->voices[i].voice, e->rate);
		cue_voice_set_sample(&e->voices[i].voice, e->user_sample);
		highpass_init(&e->voices[i].highpass, CUE_HIGHPASS_HZ, e->rate);
		e->voices[i].high_passed = false;
	}
	cue_bank_init(&e->gaze_bank);
	cue_voice_init(&e->end_chime, e->rate);
	e->end_chimed_at = -1;
	e->next_voice = 0;
	e->tone = (SweepTone){.re = 1.0, .hz = e->ctl.cue_pitch};
	e->steered = false;
	e->tap_count = 0;
	spatial_init(&e->spatial, e->rate);
	memset(e->gaze_bus, 0, sizeof(e->gaze_bus));
	e->gaze_bus_used = false;
	highpass_init(&e->gaze_highpass, CUE_HIGHPASS_HZ, e->rate);
	e->gaze_high_passed = false;
	spatial_track_clear(&e->gaze_track);
	limiter_init(&e->limiter, e->rate);
	e->cue_gain[0] = e->cue_gain[1] = 0.0f;
	e->layer_gain[0] = e->layer_gain[1] = 0.0f;
	e->master_gain[0] = e->master_gain[1] = 0.0f;
	e->width = e->ctl.gaze_width / 100.0f;
	e->speakers = e->ctl.gaze_space;
	e->follow[0] = e->follow[1] = (FollowPoint){.pos = 0.0f, .speakers = e->speakers};
	memset(&e->out, 0, sizeof(e->out));
}

/* Seconds between the cue's strikes, from the controls alone (so that a
 * relocation finds the same): Hold strikes once a cycle, the others
 * twice. */
static float
strike_spacing_s(const Engine* e)
{
	const Controls* c = &e->ctl;
	const double breath_s = c->breath_in + c->breath_hold_in + c->breath_out + c->breath_hold_out;
	const double rate_hz = c->gaze_per_breath > 0.0f ? c->gaze_per_breath / breath_s
	                       : c->gaze_sync > 0.5f     ? e->tempo_bpm / 60.0 / c->gaze_beats
	                                                 : c->gaze_rate;
	const double per_cycle = (int)c->gaze_mode == GAZE_HOLD ? 1.0 : 2.0;
	return (float)(1.0 / (per_cycle * rate_hz));
}

/* The cue's loudness match, when a control or the tempo moves. */
static void
update_cue_match(Engine* e)
{
	const Controls* c = &e->ctl;
	e->cue_match = cue_match_gain((CueSound)(int)c->cue_sound, c->cue_pitch, c->cue_decay,
	                              strike_spacing_s(e));
}

void
engine_set_controls(Engine* e, const Controls* c)
{
	if (c->seed != e->ctl.seed) {
		e->gaze.seed = (uint32_t)c->seed;
	}
	if (e->steered && c->gaze_target != e->steer_control) {
		e->steered = false; /* the control moved: it leads again */
	}
	e->ctl = *c;
	update_cue_match(e);
	/* levels in dB become gains once a block, not on every grid step */
	e->cue_gain_goal = db_to_gain(c->cue_level) * CUE_LAYER_GAIN;
	e->master_gain_goal = db_to_gain(c->level);
	e->breath_params = engine_breath_params(e);
	e->drone_params = engine_drone_params(e);
	e->session_params = engine_session_params(e);
	e->session_end = session_end_frame(&e->session_params, e->rate);
	e->params_moved = true;
}

void
engine_set_tempo(Engine* e, double bpm)
{
	if (!(bpm >= 1.0 && bpm <= 999.0) || bpm == e->tempo_bpm) {
		return;
	}
	e->tempo_bpm = bpm;
	e->params_moved = true;
	update_cue_match(e);
	if (e->ctl.gaze_sync > 0.5f && !engine_gaze_to_breath(e)) {
		gaze_retune(&e->gaze, engine_gaze_params(e).rate_hz);
	}
}

void
engine_lock_beat(Engine* e, double beats)
{
	if (e->ctl.gaze_sync > 0.5f && !engine_gaze_to_breath(e) && isfinite(beats)) {
		gaze_lock_phase(&e->gaze, beats / e->ctl.gaze_beats);
	}
}

void
engine_steer(Engine* e, float target)
{
	e->steered = true;
	e->steer_target = target;
	e->steer_control = e->ctl.gaze_target;
	e->params_moved = true;
	gaze_steer(&e->gaze, target);
}

void
engine_steer_other_side(Engine* e)
{
	engine_steer(e, gaze_position(&e->gaze) > 0.0f ? -1.0f : 1.0f);
}

void
engine_toggle_set(Engine* e)
{
	gaze_toggle_set(&e->gaze);
}

void
engine_set_user_sample(Engine* e, const CueSample* sample)
{
	e->user_sample = sample;
	for (int i = 0; i < CUE_VOICES; ++i) {
		cue_voice_set_sample(&e->voices[i].voice, sample);
	}
}

bool
engine_uses_sample(const Engine* e, const CueSample* sample)
{
	for (int i = 0; i < CUE_VOICES; ++i) {
		if (cue_voice_uses_sample(&e->voices[i].voice, sample)) {
			return true;
		}
	}
	return false;
}

void
engine_stop_sample(Engine* e, const CueSample* sample)
{
	for (int i = 0; i < CUE_VOICES; ++i) {
		if (cue_voice_uses_sample(&e->voices[i].voice, sample)) {
			cue_voice_stop(&e->voices[i].voice);
		}
	}
}
