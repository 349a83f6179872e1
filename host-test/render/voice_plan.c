/* SPDX-License-Identifier: ISC */
#include "voice_plan.h"

#include "file_params.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
voice_plan_free(VoicePlan* v)
{
	for (size_t i = 0; i < v->n; ++i) {
		free((char*)v->clips[i].path);
		free((char*)v->clips[i].where);
	}
	free(v->clips);
	v->clips = NULL;
	v->n = 0;
}

static bool
add_voice(VoicePlan* v, const char* where, char* path, const char* caption, double start_s,
          double level_db, bool ducks)
{
	v->clips[v->n++] = (VoiceClip){
	    .path = path,
	    .where = strdup(where),
	    .caption = caption,
	    .start_s = start_s,
	    .level_db = (float)level_db,
	    .ducks = ducks,
	};
	return path != NULL && v->clips[v->n - 1].where != NULL;
}

/* A prompt's caption, else its file's name as written. */
static const char*
caption_of(const ScriptStep* step)
{
	if (step->caption && step->caption[0]) {
		return step->caption;
	}
	const char* slash = strrchr(step->value_text, '/');
	return slash ? slash + 1 : step->value_text;
}

bool
voice_plan_make(VoicePlan* v, const char* const* mixes, const bool* narration, size_t n_mixes,
                double voice_level_db, const Script* script, double rate, double seconds, char* err,
                size_t err_size)
{
	const size_t steps = script ? script->n_steps : 0;
	v->clips = (VoiceClip*)calloc(n_mixes + steps + 1, sizeof(VoiceClip));
	if (!v->clips) {
		snprintf(err, err_size, "out of memory");
		return false;
	}
	for (size_t i = 0; i < n_mixes; ++i) {
		char what[2048];
		const char* option = narration[i] ? "--narration" : "--mix";
		char* path = file_param_path(mixes[i], NULL, what, sizeof(what));
		if (!add_voice(v, option, path, NULL, 0.0, voice_level_db, narration[i])) {
			snprintf(err, err_size, "%s: %s", option, what);
			return false;
		}
	}
	for (size_t i = 0; i < steps; ++i) {
		const ScriptStep* step = &script->steps[i];
		if (step->kind == STEP_VOICE || step->kind == STEP_MIX) {
			char where[2048];
			snprintf(where, sizeof(where), "%s:%u", script->path, step->line);
			const char* caption = step->kind == STEP_VOICE ? caption_of(step) : NULL;
			if (!add_voice(v, where, strdup(step->file_path), caption, step->time_s,
			               voice_level_db + step->level_db, step->ducks)) {
				snprintf(err, err_size, "out of memory");
				return false;
			}
		}
	}
	const int64_t frames = (int64_t)llround(seconds * rate);
	if (!voice_clips_check(v->clips, v->n, rate, frames, err, err_size)) {
		return false;
	}
	for (size_t i = 0; i < v->n; ++i) {
		const VoiceClip* c = &v->clips[i];
		if (c->cut) {
			fprintf(stderr, "somascape-render: warning: %s: %s %s: cut with a short fade\n",
			        c->where, c->path,
			        c->length > 0 ? "runs past the end of the session"
			                      : "starts when the session has ended");
		}
	}
	return true;
}
