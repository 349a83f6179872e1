/* SPDX-License-Identifier: ISC */
/* somascape-render: renders a somascape session offline to an audio file,
 * with an optional cue sheet, timeline picture, video and loudness
 * normalisation.
 * Exit status: 0 done, 1 failed, 2 bad usage. */
#include "file_params.h"
#include "params.h"
#include "ports.h"
#include "presets.h"
#include "render.h"
#include "render_loudness.h"
#include "render_options.h"
#include "render_outputs.h"
#include "voice_plan.h"
#include "video_look.h"

#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EXIT_BAD_USAGE 2
/* A session with a length and no --duration: room for the end chime. */
#define END_CHIME_TAIL_S 10.0
#define MAX_DURATION_S (48.0 * 3600.0)

typedef struct {
	char text[4096];
} Message;

static int
fail(int status, const char* problem)
{
	fprintf(stderr, "somascape-render: %s\n", problem);
	if (status == EXIT_BAD_USAGE) {
		fprintf(stderr, "Try 'somascape-render --help'.\n");
	}
	return status;
}

static void
on_signal(int signum)
{
	(void)signum;
	render_interrupted = 1;
}

static void
catch_signals(void)
{
	struct sigaction action;
	memset(&action, 0, sizeof(action));
	action.sa_handler = on_signal;
	sigaction(SIGINT, &action, NULL);
	sigaction(SIGTERM, &action, NULL);
	sigaction(SIGHUP, &action, NULL);
	/* a pipe to a child (ffmpeg) that has stopped reading: EPIPE, not death */
	signal(SIGPIPE, SIG_IGN);
}

/* The state at 0:00 from the command line, checked against the plugin. */
typedef struct {
	ControlSetting settings[VIDEO_LOOK_MAX_PARTS + RENDER_MAX_SETS + 1];
	char* symbols[VIDEO_LOOK_MAX_PARTS + RENDER_MAX_SETS + 1];
	size_t n;
	FileSetting files[RENDER_MAX_FILES]; /* every string allocated */
	size_t n_files;
} Settings;

/* --set-file NAME=PATH: a file parameter the plugin has, a file that is
 * there (its contents are the plugin's to judge, when the render starts). */
static bool
check_files(const RenderOptions* o, Host* host, Settings* s, Message* m)
{
	for (size_t i = 0; i < o->n_files; ++i) {
		const char* eq = strchr(o->files[i], '=');
		FileSetting* f = &s->files[s->n_files++];
		f->name = strndup(o->files[i], (size_t)(eq - o->files[i]));
		f->uri = file_param_uri(host, f->name, m->text, sizeof(m->text));
		f->path = f->uri ? file_param_path(eq + 1, NULL, m->text, sizeof(m->text)) : NULL;
		if (!f->path) {
			return false;
		}
	}
	return true;
}

/* --video-look: its parts come before --set, which can override them. */
static bool
check_look(const RenderOptions* o, Host* host, Settings* s, Message* m)
{
	VideoLookParts parts;
	if (!o->video_look) {
		return true;
	}
	if (!video_look_split(o->video_look, &parts, m->text, sizeof(m->text))) {
		return false;
	}
	bool ok = true;
	for (size_t i = 0; ok && i < parts.n; ++i) {
		char problem[sizeof(m->text) / 2];
		ControlSetting* setting = &s->settings[s->n];
		ok = param_parse(host, parts.symbols[i], parts.values[i], &setting->value, problem,
		                 sizeof(problem));
		if (!ok) {
			snprintf(m->text, sizeof(m->text), "--video-look: %s", problem);
			break;
		}
		/* the symbol is the setting's now */
		setting->symbol = s->symbols[s->n++] = parts.symbols[i];
		parts.symbols[i] = NULL;
		host_set(host, setting->symbol, setting->value);
	}
	video_look_free(&parts);
	return ok;
}

static bool
check_settings(const RenderOptions* o, Host* host, Settings* s, Message* m)
{
	for (size_t i = 0; i <= o->n_sets; ++i) {
		char* symbol;
		const char* text;
		if (i < o->n_sets) {
			const char* eq = strchr(o->sets[i], '=');
			symbol = strndup(o->sets[i], (size_t)(eq - o->sets[i]));
			text = eq + 1;
		} else if (o->seed) {
			symbol = strdup("seed");
			text = o->seed;
		} else {
			break;
		}
		s->symbols[s->n] = symbol;
		s->settings[s->n].symbol = symbol;
		if (!param_parse(host, symbol, text, &s->settings[s->n].value, m->text, sizeof(m->text))) {
			++s->n;
			return false;
		}
		host_set(host, symbol, s->settings[s->n].value);
		++s->n;
	}
	return true;
}

static void
free_settings(Settings* s)
{
	for (size_t i = 0; i < s->n; ++i) {
		free(s->symbols[i]);
	}
	for (size_t i = 0; i < s->n_files; ++i) {
		free((char*)s->files[i].name);
		free((char*)s->files[i].uri);
		free((char*)s->files[i].path);
	}
}

/* --duration, else the script's end, else the session length. */
static bool
choose_duration(const RenderOptions* o, const Script* script, Host* host, double* seconds,
                Message* m)
{
	float session_min = 0.0f;
	host_get(host, "session_len", &session_min);
	if (o->has_duration) {
		*seconds = o->duration_s;
	} else if (script && script->end_s >= 0.0) {
		*seconds = script->end_s;
	} else if (session_min > 0.0f) {
		*seconds = session_min * 60.0 + END_CHIME_TAIL_S;
	} else {
		snprintf(m->text, sizeof(m->text),
		         "how long? give --duration (e.g. 20m), end the script with an 'end' step, "
		         "or set session_len");
		return false;
	}
	if (!(*seconds > 0.0) || *seconds > MAX_DURATION_S) {
		snprintf(m->text, sizeof(m->text), "the duration must be more than 0 and at most 48 h");
		return false;
	}
	return true;
}

static int
list(const RenderOptions* o)
{
	Message m;
	Host* host = host_new(SOMASCAPE_URI, 48000.0, m.text, sizeof(m.text));
	if (!host) {
		return fail(EXIT_FAILURE, m.text);
	}
	if (o->action == ACTION_LIST_PRESETS) {
		presets_list(host, stdout);
	} else {
		params_list(host, stdout);
	}
	host_free(host);
	return fflush(stdout) == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

static int
render(const RenderOptions* o, const Script* script, const Settings* settings,
       const VoicePlan* voices, double seconds)
{
	Message m;
	float mix_peak = 0.0f;
	const int64_t frames = (int64_t)llround(seconds * o->rate);
	char* dir = script ? strdup(script->path) : NULL;
	char* slash = dir ? strrchr(dir, '/') : NULL;
	if (slash) {
		*slash = '\0';
	}
	RenderPlan plan = {
	    .plugin_uri = SOMASCAPE_URI,
	    .rate = o->rate,
	    .block = o->block,
	    .frames = frames,
	    .preset = o->preset,
	    .settings = settings->settings,
	    .n_settings = settings->n,
	    .files = settings->files,
	    .n_files = settings->n_files,
	    .script = script,
	    .base_dir = slash ? dir : NULL,
	    .gain = 1.0f,
	    .voices = voices->clips,
	    .n_voices = voices->n,
	    .duck_db = (float)o->duck_db,
	    .mix_peak = &mix_peak,
	};
	RenderOutputs out;
	bool ok = render_outputs_open(&out, o, frames, seconds, m.text, sizeof(m.text));
	LoudnessChoice loudness;
	TruePeakLimiter limiter, video_limiter; /* the same, on the same sound */
	bool limit = false;
	if (ok && o->has_loudness) {
		ok = loudness_choose_gain(&plan, o->loudness_lufs, &loudness, m.text, sizeof(m.text));
		limit = ok && loudness_limiter_init(&limiter, o->rate);
		if (limit && !loudness_limiter_init(&video_limiter, o->rate)) {
			true_peak_limiter_free(&limiter);
			limit = false;
		}
		if (ok && !limit) {
			snprintf(m.text, sizeof(m.text), "out of memory");
			ok = false;
		}
	}
	if (limit && out.video) {
		video_out_limit(out.video, &video_limiter);
	}
	if (ok) {
		const RenderSinks sinks = {
		    .audio = out.have_audio ? &out.audio : NULL,
		    .cues = out.have_cues ? &out.cues : NULL,
		    .plot = out.have_plot ? &out.plot : NULL,
		    .limiter = limit ? &limiter : NULL,
		    .video = out.video,
		    .label = "rendering",
		};
		ok = render_pass(&plan, &sinks, m.text, sizeof(m.text)) &&
		     render_outputs_commit(&out, o, frames, m.text, sizeof(m.text));
	}
	if (ok && limit && !o->null_output) {
		loudness_report(&loudness, &limiter);
	}
	if (limit) {
		true_peak_limiter_free(&limiter);
		true_peak_limiter_free(&video_limiter);
	}
	render_outputs_abort(&out);
	free(dir);
	if (ok && !o->has_loudness && mix_peak > 1.0f) {
		/* the plugin's limiter keeps the session under 0 dBFS; the voice is
		 * added after it */
		fprintf(stderr,
		        "somascape-render: warning: with the voice the mix peaks at %+.1f dBFS, over "
		        "full scale (clipped in 16- and 24-bit files): lower --voice-level or a "
		        "step's level, or give --loudness\n",
		        20.0 * log10(mix_peak));
	}
	return ok ? EXIT_SUCCESS : fail(EXIT_FAILURE, m.text);
}

int
main(int argc, char** argv)
{
	RenderOptions o;
	Message m;
	if (!render_options_parse(&o, argc, argv, m.text, sizeof(m.text))) {
		return fail(EXIT_BAD_USAGE, m.text);
	}
	if (o.action == ACTION_HELP) {
		render_usage(stdout);
		return EXIT_SUCCESS;
	}
	if (o.action == ACTION_VERSION) {
		/* One version for the renderer and the plugin it ships with. */
		printf("somascape-render %s\n", SOMASCAPE_VERSION);
		return fflush(stdout) == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
	}
	if (o.action != ACTION_RENDER) {
		return list(&o);
	}
	catch_signals();

	Script script;
	const bool have_script = o.script_path != NULL;
	if (have_script && !script_load(&script, o.script_path, m.text, sizeof(m.text))) {
		script_free(&script);
		return fail(EXIT_BAD_USAGE, m.text);
	}
	/* An instance only to check names and values before any file is made. */
	Host* host = host_new(SOMASCAPE_URI, o.rate, m.text, sizeof(m.text));
	if (!host) {
		if (have_script) {
			script_free(&script);
		}
		return fail(EXIT_FAILURE, m.text);
	}
	Settings settings = {.n = 0};
	LilvNode* preset = o.preset ? preset_find(host, o.preset, m.text, sizeof(m.text)) : NULL;
	bool ok = !o.preset || (preset && preset_apply(host, preset, m.text, sizeof(m.text)));
	ok = ok && check_look(&o, host, &settings, &m);
	ok = ok && check_settings(&o, host, &settings, &m);
	ok = ok && check_files(&o, host, &settings, &m);
	ok = ok && (!have_script || script_check(&script, host, m.text, sizeof(m.text)));
	double seconds = 0.0;
	ok = ok && choose_duration(&o, have_script ? &script : NULL, host, &seconds, &m);
	lilv_node_free(preset);
	host_free(host);
	VoicePlan voices = {NULL, 0};
	ok = ok &&
	     voice_plan_make(&voices, o.mixes, o.narration, o.n_mixes, o.voice_level_db,
	                     have_script ? &script : NULL, o.rate, seconds, m.text, sizeof(m.text));

	const int status = ok ? render(&o, have_script ? &script : NULL, &settings, &voices, seconds)
	                      : fail(EXIT_BAD_USAGE, m.text);
	voice_plan_free(&voices);
	free_settings(&settings);
	if (have_script) {
		script_free(&script);
	}
	return status;
}
