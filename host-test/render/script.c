/* SPDX-License-Identifier: ISC */
#include "script.h"

#include "duration.h"
#include "file_params.h"
#include "params.h"
#include "presets.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_TOKENS 8

typedef struct {
	char* tokens[MAX_TOKENS];
	int n;
	unsigned line;
} Line;

/* Splits a line in place into words and "quoted strings"; a '#' outside
 * quotes ends it.  False for an unclosed quote or too many words. */
static bool
tokenize(char* text, Line* line, const char** problem)
{
	line->n = 0;
	char* p = text;
	for (;;) {
		while (isspace((unsigned char)*p)) {
			++p;
		}
		if (*p == '\0' || *p == '#') {
			return true;
		}
		if (line->n == MAX_TOKENS) {
			*problem = "too many words";
			return false;
		}
		if (*p == '"') {
			char* close = strchr(p + 1, '"');
			if (!close) {
				*problem = "a quote is not closed";
				return false;
			}
			*close = '\0';
			line->tokens[line->n++] = p + 1;
			p = close + 1;
			continue;
		}
		line->tokens[line->n++] = p;
		while (*p && !isspace((unsigned char)*p)) {
			++p;
		}
		if (*p) {
			*p++ = '\0';
		}
	}
}

/* "FILE:LINE: problem" in err; returns false. */
static bool
fail(const Script* script, unsigned line, char* err, size_t err_size, const char* fmt,
     const char* arg)
{
	const int n = snprintf(err, err_size, "%s:%u: ", script->path, line);
	if (n >= 0 && (size_t)n < err_size) {
		snprintf(err + n, err_size - (size_t)n, fmt, arg);
	}
	return false;
}

/* "set SYMBOL VALUE" or "set SYMBOL=VALUE": the tokens after the command. */
static bool
split_assignment(Line* line, int at, char** symbol, char** value)
{
	char* eq = strchr(line->tokens[at], '=');
	if (eq && eq[1] != '\0') {
		*eq = '\0';
		*symbol = line->tokens[at];
		*value = eq + 1;
		return true;
	}
	if (eq) {
		*eq = '\0';
	}
	if (at + 1 >= line->n) {
		return false;
	}
	*symbol = line->tokens[at];
	*value = line->tokens[at + 1];
	return true;
}

/* The words after `voice "FILE"` or `mix "FILE"`, in any order: `level DB`;
 * for a voice, a caption; for a mix, `duck` (a narration, not music: the
 * session ducks under it, as under every voice). */
static bool
parse_clip(const Script* script, Line* line, ScriptStep* step, char* err, size_t err_size)
{
	const bool voice = step->kind == STEP_VOICE;
	const char* usage = voice ? "write: voice \"FILE\" [\"caption\"] [level DB]"
	                          : "write: mix \"FILE\" [level DB] [duck]";
	step->ducks = voice;
	if (line->n < 3) {
		return fail(script, line->line, err, err_size, "%s", usage);
	}
	for (int i = 3; i < line->n; ++i) {
		if (strcmp(line->tokens[i], "level") == 0 && i + 1 < line->n) {
			char* end = NULL;
			step->level_db = strtod(line->tokens[++i], &end);
			if (!*line->tokens[i] || *end || !(step->level_db >= -60.0) ||
			    !(step->level_db <= 24.0)) {
				return fail(script, line->line, err, err_size,
				            "level '%s' is not a level from -60 to 24 dB", line->tokens[i]);
			}
		} else if (voice && !step->caption) {
			step->caption = strdup(line->tokens[i]);
		} else if (!voice && !step->ducks && strcmp(line->tokens[i], "duck") == 0) {
			step->ducks = true;
		} else {
			return fail(script, line->line, err, err_size, "%s", usage);
		}
	}
	step->value_text = strdup(line->tokens[2]);
	return true;
}

static bool
parse_step(const Script* script, Line* line, ScriptStep* step, char* err, size_t err_size)
{
	const char* when = line->tokens[0];
	if (!duration_parse(when, &step->time_s)) {
		return fail(script, line->line, err, err_size,
		            "'%s' is not a time (write 2:30, 1:05:00, 90s or 20m)", when);
	}
	if (line->n < 2) {
		return fail(script, line->line, err, err_size, "a time with no step after %s", when);
	}
	const char* command = line->tokens[1];
	char *symbol = NULL, *value = NULL;
	if (strcmp(command, "preset") == 0 && line->n == 3) {
		step->kind = STEP_PRESET;
		step->name = strdup(line->tokens[2]);
	} else if (strcmp(command, "preset") == 0) {
		return fail(script, line->line, err, err_size, "%s",
		            "write: preset \"Label\" (quotes around a label with spaces)");
	} else if (strcmp(command, "set") == 0) {
		const bool assigned = line->n >= 3 && split_assignment(line, 2, &symbol, &value);
		const int expected = assigned && value != line->tokens[3] ? 3 : 4;
		if (!assigned || line->n != expected) {
			return fail(script, line->line, err, err_size, "%s", "write: set SYMBOL VALUE");
		}
		step->kind = STEP_SET;
	} else if (strcmp(command, "ramp") == 0) {
		/* ramp SYMBOL VALUE over DURATION */
		if (line->n != 6 || strcmp(line->tokens[4], "over") != 0) {
			return fail(script, line->line, err, err_size, "%s",
			            "write: ramp SYMBOL VALUE over DURATION");
		}
		symbol = line->tokens[2];
		value = line->tokens[3];
		if (!duration_parse(line->tokens[5], &step->ramp_s)) {
			return fail(script, line->line, err, err_size, "'%s' is not a duration",
			            line->tokens[5]);
		}
		step->kind = STEP_RAMP;
	} else if (strcmp(command, "file") == 0) {
		if (line->n != 4) {
			return fail(script, line->line, err, err_size, "%s",
			            "write: file NAME \"PATH\" (quotes around a path with spaces)");
		}
		symbol = line->tokens[2];
		value = line->tokens[3];
		step->kind = STEP_FILE;
	} else if (strcmp(command, "tempo") == 0) {
		char* end = NULL;
		const bool bpm_word = line->n == 4 && strcmp(line->tokens[3], "bpm") == 0;
		step->bpm = line->n >= 3 ? strtod(line->tokens[2], &end) : 0.0;
		if ((line->n != 3 && !bpm_word) || !end || *end != '\0' || !(step->bpm >= 1.0) ||
		    !(step->bpm <= 999.0)) {
			return fail(script, line->line, err, err_size, "%s",
			            "write: tempo BPM, with BPM from 1 to 999");
		}
		step->kind = STEP_TEMPO;
	} else if (strcmp(command, "voice") == 0 || strcmp(command, "mix") == 0) {
		step->kind = command[0] == 'v' ? STEP_VOICE : STEP_MIX;
		return parse_clip(script, line, step, err, err_size);
	} else if (strcmp(command, "end") == 0 && line->n == 2) {
		step->kind = STEP_END;
	} else {
		return fail(script, line->line, err, err_size,
		            "unknown step '%s' (the steps are preset, set, ramp, file, tempo, voice, "
		            "mix and end)",
		            command);
	}
	if (symbol) {
		step->name = strdup(symbol);
		step->value_text = strdup(value);
	}
	return true;
}

static bool
add_step(Script* script, const ScriptStep* step)
{
	ScriptStep* steps =
	    (ScriptStep*)realloc(script->steps, (script->n_steps + 1) * sizeof(ScriptStep));
	if (!steps) {
		return false;
	}
	script->steps = steps;
	script->steps[script->n_steps++] = *step;
	return true;
}

/* Times never go back, and nothing follows `end`. */
static bool
check_order(Script* script, const ScriptStep* step, char* err, size_t err_size)
{
	if (script->end_s >= 0.0) {
		return fail(script, step->line, err, err_size, "%s", "a step after 'end'");
	}
	const ScriptStep* last = script->n_steps ? &script->steps[script->n_steps - 1] : NULL;
	if (last && step->time_s < last->time_s) {
		char now[32], before[32], message[128];
		duration_format(step->time_s, now, sizeof(now));
		duration_format(last->time_s, before, sizeof(before));
		snprintf(message, sizeof(message), "the time goes back: %s comes after %s (line %u)", now,
		         before, last->line);
		return fail(script, step->line, err, err_size, "%s", message);
	}
	return true;
}

static bool
parse_file(Script* script, FILE* file, char* err, size_t err_size)
{
	char* text = NULL;
	size_t capacity = 0;
	unsigned number = 0;
	bool ok = true;
	while (ok && getline(&text, &capacity, file) >= 0) {
		Line line = {.line = ++number};
		const char* problem = NULL;
		if (!tokenize(text, &line, &problem)) {
			ok = fail(script, number, err, err_size, "%s", problem);
			break;
		}
		if (line.n == 0) {
			continue;
		}
		ScriptStep step = {.line = number};
		ok = parse_step(script, &line, &step, err, err_size) &&
		     check_order(script, &step, err, err_size);
		if (ok && !add_step(script, &step)) {
			ok = fail(script, number, err, err_size, "%s", "out of memory");
		}
		if (!ok) {
			free(step.name);
			free(step.value_text);
			free(step.caption);
		} else if (step.kind == STEP_END) {
			script->end_s = step.time_s;
		}
	}
	free(text);
	return ok;
}

bool
script_load(Script* script, const char* path, char* err, size_t err_size)
{
	memset(script, 0, sizeof(*script));
	script->end_s = -1.0;
	script->path = strdup(path);
	FILE* file = fopen(path, "r");
	if (!file) {
		snprintf(err, err_size, "cannot read the script %s: %s", path, strerror(errno));
		return false;
	}
	const bool ok = parse_file(script, file, err, err_size);
	fclose(file);
	return ok;
}

/* A path in a step, made absolute from the script's directory. */
static char*
step_path(const Script* script, const char* path, char* err, size_t err_size)
{
	char* dir = strdup(script->path);
	char* slash = strrchr(dir, '/');
	if (slash) {
		*slash = '\0';
	}
	char* absolute = file_param_path(path, slash ? dir : ".", err, err_size);
	free(dir);
	return absolute;
}

bool
script_check(Script* script, Host* host, char* err, size_t err_size)
{
	char what[3072];
	for (size_t i = 0; i < script->n_steps; ++i) {
		ScriptStep* step = &script->steps[i];
		bool ok = true;
		if (step->kind == STEP_SET || step->kind == STEP_RAMP) {
			ok = param_parse(host, step->name, step->value_text, &step->value, what, sizeof(what));
		} else if (step->kind == STEP_PRESET) {
			LilvNode* preset = preset_find(host, step->name, what, sizeof(what));
			ok = preset != NULL;
			lilv_node_free(preset);
		} else if (step->kind == STEP_FILE) {
			free(step->file_uri);
			free(step->file_path);
			step->file_path = NULL;
			step->file_uri = file_param_uri(host, step->name, what, sizeof(what));
			if (step->file_uri) {
				step->file_path = step_path(script, step->value_text, what, sizeof(what));
			}
			ok = step->file_path != NULL;
		} else if (step->kind == STEP_VOICE || step->kind == STEP_MIX) {
			free(step->file_path);
			step->file_path = step_path(script, step->value_text, what, sizeof(what));
			ok = step->file_path != NULL;
		}
		if (!ok) {
			return fail(script, step->line, err, err_size, "%s", what);
		}
	}
	return true;
}

void
script_free(Script* script)
{
	for (size_t i = 0; i < script->n_steps; ++i) {
		free(script->steps[i].name);
		free(script->steps[i].value_text);
		free(script->steps[i].caption);
		free(script->steps[i].file_uri);
		free(script->steps[i].file_path);
	}
	free(script->steps);
	free(script->path);
	memset(script, 0, sizeof(*script));
}
