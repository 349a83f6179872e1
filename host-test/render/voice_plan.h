/* SPDX-License-Identifier: ISC */
/* The voice and mix files of a render, gathered from --mix and
 * --narration (from 0:00, first) and the script's `voice` and `mix` steps, each opened to see that
 * it is sound before any output is made (voice_mix.h); a clip the
 * session's end will cut is warned about. */
#ifndef SOMASCAPE_VOICE_PLAN_H
#define SOMASCAPE_VOICE_PLAN_H

#include "script.h"
#include "voice_mix.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct {
	VoiceClip* clips;
	size_t n;
} VoicePlan;

/* False with "WHERE: FILE: problem" in err (bad usage). */
/* mixes[i] are files from 0:00, as given; narration[i] says the session
 * ducks under it (a voice, not music). */
bool voice_plan_make(VoicePlan* plan, const char* const* mixes, const bool* narration,
                     size_t n_mixes, double voice_level_db, const Script* script, double rate,
                     double seconds, char* err, size_t err_size);

void voice_plan_free(VoicePlan* plan);

#endif
