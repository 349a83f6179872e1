/* SPDX-License-Identifier: ISC */
#include "script_player.h"

#include "file_params.h"
#include "presets.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

int64_t
script_frame(double seconds, double rate)
{
	return (int64_t)llround(seconds * rate);
}

void
script_player_init(ScriptPlayer* player, const Script* script, double rate)
{
	memset(player, 0, sizeof(*player));
	player->script = script;
	player->rate = rate;
	transport_init(&player->transport, rate);
}

int64_t
script_player_next(const ScriptPlayer* player, int64_t frame)
{
	int64_t next = INT64_MAX;
	if (player->script && player->next < player->script->n_steps) {
		next = script_frame(player->script->steps[player->next].time_s, player->rate);
	}
	if (player->n_ramps > 0) {
		const int64_t grid = (frame / RAMP_GRID_FRAMES + 1) * RAMP_GRID_FRAMES;
		next = grid < next ? grid : next;
		for (size_t i = 0; i < player->n_ramps; ++i) {
			const int64_t end = player->ramps[i].end;
			next = end > frame && end < next ? end : next;
		}
	}
	return next;
}

static void
cancel_ramp(ScriptPlayer* player, const char* symbol)
{
	for (size_t i = 0; i < player->n_ramps; ++i) {
		if (strcmp(player->ramps[i].symbol, symbol) == 0) {
			player->ramps[i] = player->ramps[--player->n_ramps];
			return;
		}
	}
}

static bool
start_ramp(ScriptPlayer* player, Host* host, const ScriptStep* step, int64_t frame)
{
	cancel_ramp(player, step->name);
	const int64_t end = script_frame(step->time_s + step->ramp_s, player->rate);
	float from = step->value;
	host_get(host, step->name, &from);
	if (end <= frame) {
		host_set(host, step->name, step->value);
		return true;
	}
	if (player->n_ramps == MAX_RAMPS) {
		return false;
	}
	player->ramps[player->n_ramps++] = (Ramp){step->name, from, step->value, frame, end};
	return true;
}

/* Ramps move on the grid and at their ends; finished ones are dropped. */
static void
advance_ramps(ScriptPlayer* player, Host* host, int64_t frame)
{
	for (size_t i = 0; i < player->n_ramps;) {
		const Ramp* ramp = &player->ramps[i];
		if (frame >= ramp->end) {
			host_set(host, ramp->symbol, ramp->to);
			player->ramps[i] = player->ramps[--player->n_ramps];
			continue;
		}
		if (frame % RAMP_GRID_FRAMES == 0 || frame == ramp->start) {
			const double x = (double)(frame - ramp->start) / (double)(ramp->end - ramp->start);
			host_set(host, ramp->symbol, (float)(ramp->from + (ramp->to - ramp->from) * x));
		}
		++i;
	}
}

static bool
apply_step(ScriptPlayer* player, Host* host, const ScriptStep* step, int64_t frame, char* err,
           size_t err_size)
{
	char what[1024] = "";
	bool ok = true;
	switch (step->kind) {
	case STEP_PRESET: {
		LilvNode* preset = preset_find(host, step->name, what, sizeof(what));
		ok = preset && preset_apply(host, preset, what, sizeof(what));
		lilv_node_free(preset);
		if (ok) {
			/* files in the preset load through the worker: a zero-frame
			 * run takes them in at this frame */
			float left[1], right[1];
			host_run(host, left, right, 0);
		}
		break;
	}
	case STEP_FILE:
		ok = file_param_load(host, step->file_uri, step->name, step->file_path, what, sizeof(what));
		break;
	case STEP_SET:
		cancel_ramp(player, step->name);
		ok = host_set(host, step->name, step->value);
		break;
	case STEP_RAMP:
		ok = start_ramp(player, host, step, frame);
		if (!ok) {
			snprintf(what, sizeof(what), "more than %d ramps at once", MAX_RAMPS);
		}
		break;
	case STEP_TEMPO:
		ok = transport_set_tempo(&player->transport, host, frame, step->bpm);
		break;
	case STEP_VOICE:
	case STEP_MIX: /* the renderer's voice mix plays them (voice_mix.h) */
	case STEP_END:
		break;
	}
	if (!ok) {
		snprintf(err, err_size, "%s:%u: %s", player->script->path, step->line,
		         what[0] ? what : "the step could not be applied");
	}
	return ok;
}

bool
script_player_apply(ScriptPlayer* player, Host* host, int64_t frame, char* err, size_t err_size)
{
	/* ramps first, so that a step at the same frame overrides them */
	advance_ramps(player, host, frame);
	const Script* script = player->script;
	while (script && player->next < script->n_steps) {
		const ScriptStep* step = &script->steps[player->next];
		if (script_frame(step->time_s, player->rate) > frame) {
			break;
		}
		++player->next;
		if (!apply_step(player, host, step, frame, err, err_size)) {
			return false;
		}
	}
	return true;
}
