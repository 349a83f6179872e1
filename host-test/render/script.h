/* SPDX-License-Identifier: ISC */
/* Session scripts: a plain-text plan of timed steps, one a line.
 *
 *   # Basic exercise for a group, 12 minutes
 *   0:00  preset "Coherent breathing 6/min"
 *   2:00  set gaze_mode 3            (or: set gaze_mode Hold)
 *   6:00  ramp breath_out 7 over 3:00
 *   7:00  file cue_sample "My bowl.wav"  (relative to the script's directory)
 *   8:00  tempo 72
 *   9:00  voice "prompts/look right.wav" "Let your eyes move to the right" level -3
 *   9:30  mix "music.ogg" level -20  (a long file, streamed from 9:30 on)
 *   9:40  mix "narration.flac" duck  (... and the session ducks under it)
 *   12:00 end
 *
 * Times and ramp lengths are durations (duration.h); they never go back.
 * '#' starts a comment (outside quotes); blank lines are fine. */
#ifndef SOMASCAPE_SCRIPT_H
#define SOMASCAPE_SCRIPT_H

#include "host.h"

#include <stdbool.h>
#include <stddef.h>

typedef enum {
	STEP_PRESET,
	STEP_SET,
	STEP_RAMP,
	STEP_FILE,
	STEP_TEMPO,
	STEP_VOICE,
	STEP_MIX,
	STEP_END
} StepKind;

typedef struct {
	StepKind kind;
	unsigned line;
	double time_s;
	double ramp_s;    /* STEP_RAMP: how long */
	double bpm;       /* STEP_TEMPO */
	char* name;       /* STEP_PRESET: label or URI; STEP_SET, STEP_RAMP: symbol;
	                         STEP_FILE: the file parameter */
	char* value_text; /* STEP_SET, STEP_RAMP, STEP_FILE; STEP_VOICE, STEP_MIX: the
	                         file, as written */
	char* caption;    /* STEP_VOICE: as written, or NULL */
	double level_db;  /* STEP_VOICE, STEP_MIX */
	bool ducks;       /* STEP_VOICE; STEP_MIX if it says `duck` */
	char* file_uri;   /* STEP_FILE: the parameter, found by script_check() */
	char* file_path;  /* STEP_FILE, STEP_VOICE, STEP_MIX: absolute, by script_check() */
	float value;      /* STEP_SET, STEP_RAMP: checked by script_check() */
} ScriptStep;

typedef struct {
	char* path;
	ScriptStep* steps;
	size_t n_steps;
	double end_s; /* the time of `end`, or -1 */
} Script;

/* Reads and parses the file: false with "FILE:LINE: problem" in err. */
bool script_load(Script* script, const char* path, char* err, size_t err_size);

/* Checks names and values against the plugin (symbols, ranges, presets):
 * false with "FILE:LINE: problem" in err. */
bool script_check(Script* script, Host* host, char* err, size_t err_size);

void script_free(Script* script);

#endif
