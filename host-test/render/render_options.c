/* SPDX-License-Identifier: ISC */
#include "render_options.h"

#include "duration.h"

#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

void
render_usage(FILE* out)
{
	fputs("Usage: somascape-render [OPTION]... -o OUTPUT | --video FILE\n"
	      "       somascape-render --help | --version | --list-presets | --list-params\n"
	      "Renders a somascape session (bilateral gaze cues and a breathing drone) to a file.\n"
	      "\n"
	      "  -o, --output FILE     the audio file; .wav, .flac or .ogg (Ogg Vorbis)\n"
	      "      --null            render, but write no audio (to time the plugin alone)\n"
	      "      --preset NAME     start from a preset, by label or URI (see --list-presets)\n"
	      "      --set SYM=VALUE   set a control by symbol, e.g. --set gaze_rate=1.2 or\n"
	      "                        --set gaze_mode=Hold (repeatable; see --list-params)\n"
	      "      --set-file NAME=PATH  load a file parameter, e.g. --set-file\n"
	      "                        cue_sample=bowl.wav (with --set cue_sound=\"User sample\")\n"
	      "      --script FILE     play a session script (timed steps, see below)\n"
	      "      --mix FILE        mix a sound file (music) in from 0:00 (repeatable; any\n"
	      "                        rate, mono or stereo)\n"
	      "      --narration FILE  the same for a recorded voice (the session ducks)\n"
	      "      --voice-level DB  the level of every voice and mix file, -60..24\n"
	      "                        (default 0)\n"
	      "      --duck DB         how far the session steps back while the voice sounds,\n"
	      "                        0..60 (default 6; 0: not at all)\n"
	      "      --duration D      how long: 90s, 20m, 1h30m, 1:05:00, or seconds;\n"
	      "                        default: the script's `end`, else session_len + 10 s\n"
	      "      --rate HZ         sample rate, 8000..384000 (default 48000)\n"
	      "      --block N         frames per run() of the plugin, 1..8192 (default 256)\n"
	      "      --seed N          the plugin's seed (same seed, same file)\n"
	      "      --bits B          16, 24 or 32f (WAV only); default 24; Ogg ignores it\n"
	      "      --cues FILE.vtt   also write a WebVTT cue sheet (Look right, Breathe in...)\n"
	      "      --plot FILE.png   also draw the session timeline (gaze and breath)\n"
	      "      --video FILE      also write the projector view as a video with the audio:\n"
	      "                        .mp4 (H.264 + AAC), .webm (VP9 + Opus) or .mkv (H.264 +\n"
	      "                        FLAC), through the ffmpeg program; -o is then optional\n"
	      "      --video-size WxH  the video's size in pixels, even (default 1280x720)\n"
	      "      --fps N           the video's frames per second, 1..240 (default 30)\n"
	      "      --video-look LOOK the projector's look, e.g. shape=Ring,size=12,colour=Amber,\n"
	      "                        bright=60,ring=off,captions=on: the same as --set of the\n"
	      "                        Display controls display_shape... (see --list-params)\n"
	      "      --loudness LUFS   normalise to this integrated loudness (e.g. -16), the true\n"
	      "                        peak at most -1 dBTP: where the gain alone would pass it,\n"
	      "                        a true-peak limiter (renders the session twice or more)\n"
	      "      --list-presets    the presets: label, then URI\n"
	      "      --list-params     the controls: symbol, range, default, unit, name\n"
	      "  -h, --help            this help\n"
	      "      --version         the version of somascape-render and of the plugin\n"
	      "\n"
	      "The preset comes first, then --set and --seed in order; that is the state at 0:00,\n"
	      "and a script's steps apply on top of it at their times (0:00 steps included).\n"
	      "\n"
	      "A script has one step a line: TIME then one of\n"
	      "  preset \"Label\" | set SYMBOL VALUE | ramp SYMBOL VALUE over DURATION\n"
	      "  | file NAME \"PATH\" | tempo BPM | end\n"
	      "  | voice \"FILE\" [\"caption\"] [level DB] | mix \"FILE\" [level DB] [duck]\n"
	      "e.g.  0:00 set gaze_mode Hold   /   6:00 ramp breath_out 7 over 3:00   /   12:00 end\n"
	      "      2:00 voice \"right.wav\" \"Let your eyes move to the right\" level -3\n"
	      "Steps land on their exact frame; ramps move every 64 frames; times never go back;\n"
	      "a relative PATH or FILE is taken from the script's directory;\n"
	      "'#' starts a comment.\n"
	      "\n"
	      "A voice step places a recorded prompt at its time: the session ducks under it\n"
	      "(--duck), and its caption (else the file's name) goes into the cue sheet. A mix\n"
	      "step starts a long file (streamed) at its time: music, or with `duck` a\n"
	      "narration the session ducks under. Clips that overlap are mixed; one that runs\n"
	      "past the end is cut with a short fade (and a warning).\n"
	      "\n"
	      "The files appear only when complete (written under a temporary name, then\n"
	      "renamed). A progress bar is shown when stderr is a terminal.\n"
	      "Exit status: 0 done, 1 failed (plugin, files), 2 bad usage (options, values,\n"
	      "script, presets).\n",
	      out);
}

enum {
	OPT_PRESET = 256,
	OPT_SET,
	OPT_SET_FILE,
	OPT_SCRIPT,
	OPT_MIX,
	OPT_NARRATION,
	OPT_VOICE_LEVEL,
	OPT_DUCK,
	OPT_DURATION,
	OPT_RATE,
	OPT_BLOCK,
	OPT_SEED,
	OPT_BITS,
	OPT_CUES,
	OPT_PLOT,
	OPT_LOUDNESS,
	OPT_LIST_PRESETS,
	OPT_LIST_PARAMS,
	OPT_NULL,
	OPT_VERSION,
	OPT_VIDEO,
	OPT_VIDEO_SIZE,
	OPT_FPS,
	OPT_VIDEO_LOOK,
};

/* clang-format off */
static const struct option long_options[] = {
    {"output", required_argument, NULL, 'o'},
    {"help", no_argument, NULL, 'h'},
    {"preset", required_argument, NULL, OPT_PRESET},
    {"set", required_argument, NULL, OPT_SET},
    {"set-file", required_argument, NULL, OPT_SET_FILE},
    {"script", required_argument, NULL, OPT_SCRIPT},
    {"mix", required_argument, NULL, OPT_MIX},
    {"narration", required_argument, NULL, OPT_NARRATION},
    {"voice-level", required_argument, NULL, OPT_VOICE_LEVEL},
    {"duck", required_argument, NULL, OPT_DUCK},
    {"duration", required_argument, NULL, OPT_DURATION},
    {"rate", required_argument, NULL, OPT_RATE},
    {"block", required_argument, NULL, OPT_BLOCK},
    {"seed", required_argument, NULL, OPT_SEED},
    {"bits", required_argument, NULL, OPT_BITS},
    {"cues", required_argument, NULL, OPT_CUES},
    {"plot", required_argument, NULL, OPT_PLOT},
    {"loudness", required_argument, NULL, OPT_LOUDNESS},
    {"list-presets", no_argument, NULL, OPT_LIST_PRESETS},
    {"list-params", no_argument, NULL, OPT_LIST_PARAMS},
    {"null", no_argument, NULL, OPT_NULL},
    {"version", no_argument, NULL, OPT_VERSION},
    {"video", required_argument, NULL, OPT_VIDEO},
    {"video-size", required_argument, NULL, OPT_VIDEO_SIZE},
    {"fps", required_argument, NULL, OPT_FPS},
    {"video-look", required_argument, NULL, OPT_VIDEO_LOOK},
    {NULL, 0, NULL, 0},
};
/* clang-format on */

/* A number in [min, max], nothing else. */
static bool
parse_number(const char* text, double min, double max, double* value)
{
	char* end = NULL;
	const double v = strtod(text, &end);
	if (!*text || !end || *end || !(v >= min && v <= max)) {
		return false;
	}
	*value = v;
	return true;
}

/* A whole number in [min, max], nothing else. */
static bool
parse_whole(const char* text, long min, long max, long* value)
{
	char* end = NULL;
	const long v = strtol(text, &end, 10);
	if (!*text || !end || *end || v < min || v > max) {
		return false;
	}
	*value = v;
	return true;
}

static bool
parse_option(RenderOptions* o, int opt, const char* arg, char* err, size_t err_size)
{
	long whole;
	char* end = NULL;
	switch (opt) {
	case 'o':
		o->output = arg;
		return true;
	case OPT_NULL:
		o->null_output = true;
		return true;
	case 'h':
		o->action = ACTION_HELP;
		return true;
	case OPT_PRESET:
		o->preset = arg;
		return true;
	case OPT_SET:
		if (!strchr(arg, '=') || arg[0] == '=') {
			snprintf(err, err_size, "--set wants SYMBOL=VALUE, not '%s'", arg);
			return false;
		}
		if (o->n_sets == RENDER_MAX_SETS) {
			snprintf(err, err_size, "more than %d --set options", RENDER_MAX_SETS);
			return false;
		}
		o->sets[o->n_sets++] = arg;
		return true;
	case OPT_SET_FILE:
		if (!strchr(arg, '=') || arg[0] == '=' || strchr(arg, '=')[1] == '\0') {
			snprintf(err, err_size, "--set-file wants NAME=PATH, not '%s'", arg);
			return false;
		}
		if (o->n_files == RENDER_MAX_FILES) {
			snprintf(err, err_size, "more than %d --set-file options", RENDER_MAX_FILES);
			return false;
		}
		o->files[o->n_files++] = arg;
		return true;
	case OPT_SCRIPT:
		o->script_path = arg;
		return true;
	case OPT_MIX:
	case OPT_NARRATION:
		if (o->n_mixes == RENDER_MAX_FILES) {
			snprintf(err, err_size, "more than %d --mix and --narration files", RENDER_MAX_FILES);
			return false;
		}
		o->narration[o->n_mixes] = opt == OPT_NARRATION;
		o->mixes[o->n_mixes++] = arg;
		return true;
	case OPT_VOICE_LEVEL:
		if (!parse_number(arg, -60.0, 24.0, &o->voice_level_db)) {
			snprintf(err, err_size, "--voice-level: '%s' is not a level from -60 to 24 dB", arg);
			return false;
		}
		return true;
	case OPT_DUCK:
		if (!parse_number(arg, 0.0, 60.0, &o->duck_db)) {
			snprintf(err, err_size, "--duck: '%s' is not a depth from 0 to 60 dB", arg);
			return false;
		}
		return true;
	case OPT_DURATION:
		if (!duration_parse(arg, &o->duration_s)) {
			snprintf(err, err_size,
			         "--duration: '%s' is not a duration (write 90s, 20m, 1h30m, 1:05:00 or "
			         "seconds)",
			         arg);
			return false;
		}
		o->has_duration = true;
		return true;
	case OPT_RATE:
		if (!parse_whole(arg, 8000, 384000, &whole)) {
			snprintf(err, err_size, "--rate: '%s' is not a sample rate from 8000 to 384000 Hz",
			         arg);
			return false;
		}
		o->rate = (unsigned)whole;
		return true;
	case OPT_BLOCK:
		if (!parse_whole(arg, 1, 8192, &whole)) {
			snprintf(err, err_size, "--block: '%s' is not a block size from 1 to 8192", arg);
			return false;
		}
		o->block = (uint32_t)whole;
		return true;
	case OPT_SEED:
		o->seed = arg;
		return true;
	case OPT_BITS:
		if (!audio_bits_parse(arg, &o->bits)) {
			snprintf(err, err_size, "--bits: '%s' is not 16, 24 or 32f", arg);
			return false;
		}
		return true;
	case OPT_CUES:
		o->cues_path = arg;
		return true;
	case OPT_PLOT:
		o->plot_path = arg;
		return true;
	case OPT_LOUDNESS:
		o->loudness_lufs = strtod(arg, &end);
		if (!*arg || *end || !(o->loudness_lufs >= -70.0 && o->loudness_lufs <= 0.0)) {
			snprintf(err, err_size, "--loudness: '%s' is not a loudness from -70 to 0 LUFS", arg);
			return false;
		}
		o->has_loudness = true;
		return true;
	case OPT_VIDEO:
		o->has_video = true;
		o->video.path = arg;
		return video_container_for(arg, &o->video.container, err, err_size);
	case OPT_VIDEO_SIZE:
		o->video_only = "--video-size";
		return video_size_parse(arg, &o->video.width, &o->video.height, err, err_size);
	case OPT_FPS:
		o->video_only = "--fps";
		return video_fps_parse(arg, &o->video.fps, err, err_size);
	case OPT_VIDEO_LOOK:
		o->video_only = "--video-look";
		o->video_look = arg;
		return true;
	case OPT_LIST_PRESETS:
		o->action = ACTION_LIST_PRESETS;
		return true;
	case OPT_LIST_PARAMS:
		o->action = ACTION_LIST_PARAMS;
		return true;
	case OPT_VERSION:
		o->action = ACTION_VERSION;
		return true;
	default:
		return false;
	}
}

bool
render_options_parse(RenderOptions* o, int argc, char** argv, char* err, size_t err_size)
{
	memset(o, 0, sizeof(*o));
	o->duck_db = RENDER_DEFAULT_DUCK_DB;
	o->rate = 48000;
	o->block = 256;
	o->video.width = VIDEO_DEFAULT_WIDTH;
	o->video.height = VIDEO_DEFAULT_HEIGHT;
	o->video.fps = VIDEO_DEFAULT_FPS;
	opterr = 0;
	optind = 1;
	int opt;
	while ((opt = getopt_long(argc, argv, ":o:h", long_options, NULL)) != -1) {
		if (opt == '?' || opt == ':') {
			const char* name = argv[optind - 1];
			snprintf(err, err_size, opt == '?' ? "unknown option '%s'" : "'%s' needs a value",
			         name);
			return false;
		}
		if (!parse_option(o, opt, optarg, err, err_size)) {
			return false;
		}
	}
	if (optind < argc) {
		snprintf(err, err_size, "unexpected argument '%s' (the output goes after -o)",
		         argv[optind]);
		return false;
	}
	if (o->action != ACTION_RENDER) {
		return true;
	}
	if (o->null_output && o->output) {
		snprintf(err, err_size, "give either -o FILE or --null, not both");
		return false;
	}
	if (!o->output && !o->null_output && !o->has_video) {
		snprintf(err, err_size,
		         "no output file: give -o FILE.wav (or .flac, .ogg, or "
		         "--video FILE.mp4)");
		return false;
	}
	if (o->video_only && !o->has_video) {
		snprintf(err, err_size, "%s is for a video: give --video FILE.mp4 too", o->video_only);
		return false;
	}
	if (o->has_duration && !(o->duration_s > 0.0)) {
		snprintf(err, err_size, "--duration must be more than zero");
		return false;
	}
	return !o->output || audio_format_for(o->output, o->bits, &o->format, err, err_size);
}
