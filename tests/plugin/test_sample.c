/* SPDX-License-Identifier: ISC */
/* Through lilv: the user cue sample (issue 7).  Test files are written here
 * with libsndfile, into a directory whose name has spaces and non-ASCII
 * characters.
 * - WAV, FLAC and Ogg at 44.1 kHz play in a 48 kHz instance at their pitch
 *   (within 0.5 %), and cue_pitch moves it (495 Hz: 1.5 times);
 * - the path comes back on notify, after a load and on patch:Get;
 * - state saved to a directory (as for a preset) and restored into a new
 *   instance renders the same samples;
 * - save() from another thread while run() swaps samples every block
 *   always stores a whole path, never freed memory (ASan sees it);
 * - every bad file is refused with a logged error, and the previous sample
 *   still plays;
 * - a sample is as loud as the built-in sounds (EBU R128, within 1 LU). */
#undef NDEBUG

#include "host_patch.h"
#include "plugin_test.h"
#include "sample_files.h"

#include <ebur128.h>
#include <lilv/lilv.h>
#include <lv2/atom/atom.h>
#include <lv2/core/lv2_util.h>
#include <lv2/state/state.h>
#include <lv2/urid/urid.h>

#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define CUE_SAMPLE_URI PLUGIN_URI "#cueSample"
#define RATE 48000.0
#define TONE_HZ 440.0

/* What the plugin logged, as one string. */
typedef struct {
	char text[16384];
	int errors;
} LogRecord;

static void
record_log(void* data, const char* type, const char* message)
{
	LogRecord* log = (LogRecord*)data;
	const size_t used = strlen(log->text);
	snprintf(log->text + used, sizeof(log->text) - used, "[%s] %s", type, message);
	log->errors += strcmp(type, "Error") == 0;
}

/* A 48 kHz instance striking the user sample, alternating at 1 Hz, with
 * nothing else sounding. */
static Host*
open_sampler(LogRecord* log)
{
	Host* host = open_plugin(RATE);
	set_control(host, "cue_sound", 9.0f);
	set_control(host, "gaze_mode", 2.0f);
	set_control(host, "gaze_rate", 1.0f);
	set_control(host, "fade_in", 0.0f);
	set_control(host, "drone_level", -60.0f);
	set_control(host, "cue_level", -6.0f);
	if (log) {
		memset(log, 0, sizeof(*log));
		host_set_log_hook(host, record_log, log);
	}
	return host;
}

/* patch:Set, then what the plugin reports on notify once the worker has
 * answered (the answer lands after the run() that asked). */
static void
load(Host* host, const char* path, char* reported, size_t size)
{
	float l[1], r[1];
	CHECK(host_patch_set_path(host, 0, CUE_SAMPLE_URI, path), "cannot send patch:Set");
	host_run(host, l, r, 0);
	host_run(host, l, r, 0);
	reported[0] = '\0';
	CHECK(host_patch_reported_path(host, "notify", CUE_SAMPLE_URI, reported, size),
	      "no patch:Set on notify after loading %s", path);
}

/* The pitch of the first strike in 1 s: 200 ms from 20 ms after its onset. */
static double
strike_hz(Host* host)
{
	Stereo s = stereo_new((size_t)RATE);
	render(host, &s, 256);
	for (size_t i = 0; i < s.frames; ++i) {
		s.left[i] += s.right[i];
	}
	size_t onsets[4];
	const size_t n = find_onsets(s.left, s.frames, 64, 8.0f, 1e-8f, onsets, 4);
	CHECK(n >= 1, "no strike");
	const size_t from = onsets[0] + (size_t)(0.02 * RATE);
	const size_t len = (size_t)(0.2 * RATE);
	CHECK(from + len <= s.frames, "the strike comes too late");
	const double hz = measure_hz(s.left + from, len, RATE);
	stereo_free(&s);
	return hz;
}

static void
test_pitch(const char* dir)
{
	static const struct {
		const char* name;
		int format;
		int channels;
	} files[] = {
	    {"tone 44k1.wav", SF_FORMAT_WAV | SF_FORMAT_PCM_16, 1},
	    {"tone 44k1 stereo.flac", SF_FORMAT_FLAC | SF_FORMAT_PCM_16, 2},
	    {"tone 44k1.ogg", SF_FORMAT_OGG | SF_FORMAT_VORBIS, 1},
	};
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); ++i) {
		char* path = sample_path(dir, files[i].name);
		CHECK(write_tone(path, files[i].format, 44100, files[i].channels, TONE_HZ, 0.45, 0.5, 0.05),
		      "writing %s", path);
		LogRecord log;
		Host* host = open_sampler(&log);
		char reported[4096];
		load(host, path, reported, sizeof(reported));
		CHECK(strcmp(reported, path) == 0, "reported '%s', not '%s'", reported, path);
		CHECK(log.errors == 0, "errors logged: %s", log.text);
		const double hz = strike_hz(host);
		const double error = 100.0 * (hz / TONE_HZ - 1.0);
		printf("%-24s 44.1 kHz in a 48 kHz instance: %.3f Hz, error %+.4f %%\n", files[i].name, hz,
		       error);
		CHECK(fabs(error) < 0.5, "%s plays at %.3f Hz, not %.0f", files[i].name, hz, TONE_HZ);
		host_free(host);
		free(path);
	}
	/* cue_pitch 495 Hz is 1.5 times the 330 Hz reference */
	char* path = sample_path(dir, "tone 44k1.wav");
	Host* host = open_sampler(NULL);
	set_control(host, "cue_pitch", 495.0f);
	char reported[4096];
	load(host, path, reported, sizeof(reported));
	const double hz = strike_hz(host);
	const double error = 100.0 * (hz / (1.5 * TONE_HZ) - 1.0);
	printf("cue_pitch 495 Hz (x1.5): %.3f Hz, error %+.4f %%\n", hz, error);
	CHECK(fabs(error) < 0.5, "plays at %.3f Hz, not %.0f", hz, 1.5 * TONE_HZ);
	/* patch:Get is answered on notify */
	float l[1], r[1];
	host_run(host, l, r, 0);
	CHECK(!host_patch_reported_path(host, "notify", CUE_SAMPLE_URI, reported, sizeof(reported)),
	      "a report with nothing asked");
	CHECK(host_patch_get(host, 0, NULL), "cannot send patch:Get");
	host_run(host, l, r, 0);
	CHECK(host_patch_reported_path(host, "notify", CUE_SAMPLE_URI, reported, sizeof(reported)) &&
	          strcmp(reported, path) == 0,
	      "patch:Get not answered with the path");
	host_free(host);
	free(path);
}

/* lilv_state_new_from_instance's callback: control inputs by symbol. */
static const void*
port_value(const char* symbol, void* data, uint32_t* size, uint32_t* type)
{
	Host* host = (Host*)data;
	const LilvPlugin* plugin = host_plugin(host);
	LilvNode* sym = lilv_new_string(host_world(host), symbol);
	const LilvPort* port = lilv_plugin_get_port_by_symbol(plugin, sym);
	lilv_node_free(sym);
	LilvNode* input = lilv_new_uri(host_world(host), LILV_URI_INPUT_PORT);
	LilvNode* control = lilv_new_uri(host_world(host), LILV_URI_CONTROL_PORT);
	const bool wanted =
	    port && lilv_port_is_a(plugin, port, input) && lilv_port_is_a(plugin, port, control);
	lilv_node_free(input);
	lilv_node_free(control);
	if (!wanted) {
		return NULL;
	}
	*size = sizeof(float);
	*type = host_map(host, LV2_ATOM__Float);
	return host_control(host, symbol);
}

static void
set_port_value(const char* symbol, void* data, const void* value, uint32_t size, uint32_t type)
{
	Host* host = (Host*)data;
	if (type == host_map(host, LV2_ATOM__Float) && size == sizeof(float)) {
		host_set(host, symbol, *(const float*)value);
	}
}

static void
test_state(const char* dir)
{
	char* path = sample_path(dir, "Klangschale \xe2\x80\x93 r\xc3\xa9 1.flac");
	CHECK(write_tone(path, SF_FORMAT_FLAC | SF_FORMAT_PCM_24, 44100, 1, 523.25, 1.2, 0.5, 0.01),
	      "writing %s", path);
	Host* a = open_sampler(NULL);
	set_control(a, "cue_pitch", 400.0f);
	set_control(a, "gaze_rate", 1.7f);
	char reported[4096];
	load(a, path, reported, sizeof(reported));
	CHECK(strcmp(reported, path) == 0, "reported '%s'", reported);

	/* saved to a directory, as a preset is, and read back from the file */
	char* state_dir = sample_path(dir, "saved state");
	LV2_URID_Unmap* unmap = (LV2_URID_Unmap*)lv2_features_data(host_features(a), LV2_URID__unmap);
	LilvState* saved = lilv_state_new_from_instance(
	    host_plugin(a), host_instance(a), host_urid_map(a), NULL, NULL, NULL, state_dir, port_value,
	    a, LV2_STATE_IS_POD | LV2_STATE_IS_PORTABLE, host_features(a));
	CHECK(saved, "no state");
	CHECK(lilv_state_save(host_world(a), host_urid_map(a), unmap, saved, NULL, state_dir,
	                      "state.ttl") == 0,
	      "state not saved");
	lilv_state_free(saved);

	Host* b = open_sampler(NULL);
	char* state_file = sample_path(state_dir, "state.ttl");
	LilvState* loaded = lilv_state_new_from_file(host_world(b), host_urid_map(b), NULL, state_file);
	CHECK(loaded, "cannot read %s", state_file);
	lilv_state_restore(loaded, host_instance(b), set_port_value, b, 0, host_features(b));
	lilv_state_free(loaded);
	float l[1], r[1];
	host_run(b, l, r, 0);
	host_run(b, l, r, 0);
	CHECK(host_patch_reported_path(b, "notify", CUE_SAMPLE_URI, reported, sizeof(reported)),
	      "no path reported after restore");
	CHECK(strcmp(reported, path) == 0, "restored '%s', not '%s'", reported, path);
	float pitch = 0.0f, rate = 0.0f;
	host_get(b, "cue_pitch", &pitch);
	host_get(b, "gaze_rate", &rate);
	CHECK(pitch == 400.0f && rate == 1.7f, "controls not restored");

	Stereo sa = stereo_new((size_t)(3.0 * RATE)), sb = stereo_new((size_t)(3.0 * RATE));
	render(a, &sa, 256);
	render(b, &sb, 256);
	double max_diff = 0.0, peak = 0.0;
	for (size_t i = 0; i < sa.frames; ++i) {
		max_diff = fmax(max_diff, fabs((double)sa.left[i] - sb.left[i]));
		max_diff = fmax(max_diff, fabs((double)sa.right[i] - sb.right[i]));
		peak = fmax(peak, fabs((double)sa.left[i]));
	}
	printf("state round trip (saved to %s): peak %.3f, max difference %.3g\n", "state.ttl", peak,
	       max_diff);
	CHECK(peak > 0.05, "nothing sounds");
	CHECK(max_diff == 0.0, "restored instance differs by %g", max_diff);
	stereo_free(&sa);
	stereo_free(&sb);
	host_free(a);
	host_free(b);
	free(state_file);
	free(state_dir);
	free(path);
}

/* save() straight from the plugin's state interface: the stored path. */
typedef struct {
	uint32_t path_type;
	char value[4096];
	int stores;
} SavedPath;

static LV2_State_Status
store_path(LV2_State_Handle handle, uint32_t key, const void* value, size_t size, uint32_t type,
           uint32_t flags)
{
	(void)key;
	(void)flags;
	SavedPath* saved = (SavedPath*)handle;
	if (type != saved->path_type || size == 0 || size > sizeof(saved->value) ||
	    ((const char*)value)[size - 1] != '\0') {
		return LV2_STATE_ERR_BAD_TYPE;
	}
	memcpy(saved->value, value, size);
	++saved->stores;
	return LV2_STATE_SUCCESS;
}

typedef struct {
	Host* host;
	const char* paths[2];
	atomic_bool done;
} SwapLoop;

/* The audio side: a new sample every block (120 of them; each load takes
 * the worker a few ms), strikes at 8 Hz, so samples
 * retire and are freed all the time. */
static void*
swap_every_block(void* data)
{
	SwapLoop* loop = (SwapLoop*)data;
	float l[256], r[256];
	for (int i = 0; i < 120; ++i) {
		host_patch_set_path(loop->host, 0, CUE_SAMPLE_URI, loop->paths[i & 1]);
		host_run(loop->host, l, r, 256);
	}
	atomic_store(&loop->done, true);
	return NULL;
}

static void
test_save_beside_run(const char* dir)
{
	char* paths[2] = {sample_path(dir, "swap a.wav"), sample_path(dir, "swap b.flac")};
	CHECK(
	    write_tone(paths[0], SF_FORMAT_WAV | SF_FORMAT_PCM_16, 48000, 1, 440.0, 0.1, 0.5, 0.0) &&
	        write_tone(paths[1], SF_FORMAT_FLAC | SF_FORMAT_PCM_16, 48000, 1, 660.0, 0.1, 0.5, 0.0),
	    "writing the swap samples");
	Host* host = open_sampler(NULL);
	set_control(host, "gaze_rate", 8.0f);
	const LV2_State_Interface* state = (const LV2_State_Interface*)lilv_instance_get_extension_data(
	    host_instance(host), LV2_STATE__interface);
	CHECK(state && state->save, "no state interface");
	SwapLoop loop = {host, {paths[0], paths[1]}, false};
	pthread_t audio;
	CHECK(pthread_create(&audio, NULL, swap_every_block, &loop) == 0, "no thread");
	const LV2_Feature* const no_features[] = {NULL};
	int saves = 0, whole = 0;
	while (!atomic_load(&loop.done)) {
		SavedPath saved = {host_map(host, LV2_ATOM__Path), "", 0};
		state->save(lilv_instance_get_handle(host_instance(host)), store_path, &saved, 0,
		            no_features);
		++saves;
		whole +=
		    saved.stores == 0 || !strcmp(saved.value, paths[0]) || !strcmp(saved.value, paths[1]);
	}
	pthread_join(audio, NULL);
	printf("save() beside run() swapping samples every block: %d saves, %d whole\n", saves, whole);
	CHECK(saves > 0 && whole == saves, "%d of %d saves stored a broken path", saves - whole, saves);
	host_free(host);
	free(paths[0]);
	free(paths[1]);
}

/* Each bad file: refused with a logged error naming it, the previous
 * sample still reported and still playing. */
static void
test_bad_files(const char* dir)
{
	char* good = sample_path(dir, "good.wav");
	CHECK(write_tone(good, SF_FORMAT_WAV | SF_FORMAT_PCM_16, 44100, 1, TONE_HZ, 0.45, 0.5, 0.0),
	      "writing the good file");
	char* flac = sample_path(dir, "whole.flac");
	CHECK(write_tone(flac, SF_FORMAT_FLAC | SF_FORMAT_PCM_16, 44100, 1, TONE_HZ, 1.0, 0.5, 0.0),
	      "writing a FLAC");
	char* ogg = sample_path(dir, "whole.ogg");
	CHECK(write_tone(ogg, SF_FORMAT_OGG | SF_FORMAT_VORBIS, 44100, 1, TONE_HZ, 1.0, 0.5, 0.0),
	      "writing an Ogg");
	struct stat st;

	char* missing = sample_path(dir, "not there.wav");
	char* directory = sample_path(dir, "a directory.wav");
	mkdir(directory, 0700);
	char* unreadable = sample_path(dir, "unreadable.wav");
	copy_head(good, unreadable, 1000);
	chmod(unreadable, 0);
	char* empty = sample_path(dir, "empty.wav");
	write_bytes(empty, "", 0);
	char* trunc_wav = sample_path(dir, "truncated.wav");
	stat(good, &st);
	copy_head(good, trunc_wav, (size_t)st.st_size / 2);
	char* trunc_flac = sample_path(dir, "truncated.flac");
	stat(flac, &st);
	copy_head(flac, trunc_flac, (size_t)st.st_size / 2);
	char* trunc_ogg = sample_path(dir, "truncated.ogg");
	stat(ogg, &st);
	copy_head(ogg, trunc_ogg, (size_t)st.st_size / 2);
	char* header_only = sample_path(dir, "header only.wav");
	copy_head(good, header_only, 44);
	char* text = sample_path(dir, "notes.wav");
	static const char notes[] = "Breathe in for five, out for five.\nRepeat for ten minutes.\n";
	write_bytes(text, notes, sizeof(notes) - 1);
	/* a WavPack header: audio, but not a format libsndfile knows */
	char* wavpack = sample_path(dir, "bowl.wv");
	unsigned char wv[64] = {'w', 'v', 'p', 'k', 56, 0, 0, 0, 0x10, 0x04};
	write_bytes(wavpack, wv, sizeof(wv));
	char* silent = sample_path(dir, "silent.wav");
	write_tone(silent, SF_FORMAT_WAV | SF_FORMAT_PCM_16, 8000, 1, TONE_HZ, 1.0, 0.0, 0.0);
	char* too_long = sample_path(dir, "too long.flac");
	write_tone(too_long, SF_FORMAT_FLAC | SF_FORMAT_PCM_16, 8000, 1, TONE_HZ, 31.0, 0.5, 0.0);
	/* 65 MB, sparse: refused before it is read */
	char* too_big = sample_path(dir, "too big.wav");
	copy_head(good, too_big, 1000);
	CHECK(truncate(too_big, 65l * 1024 * 1024) == 0, "cannot grow %s", too_big);

	const char* bad[] = {missing,    directory, unreadable,  empty, trunc_wav,
	                     trunc_flac, trunc_ogg, header_only, text,  wavpack,
	                     silent,     too_long,  too_big};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); ++i) {
		if (bad[i] == unreadable && access(unreadable, R_OK) == 0) {
			printf("%-20s skipped: running as root, every file is readable\n", "unreadable");
			continue;
		}
		LogRecord log;
		Host* host = open_sampler(&log);
		char reported[4096];
		load(host, good, reported, sizeof(reported));
		CHECK(strcmp(reported, good) == 0 && log.errors == 0, "the good file: %s", log.text);
		log.text[0] = '\0';
		load(host, bad[i], reported, sizeof(reported));
		CHECK(strcmp(reported, good) == 0, "after %s the path reported is '%s'", bad[i], reported);
		CHECK(log.errors == 1 && strstr(log.text, bad[i]), "no error logged for %s: '%s'", bad[i],
		      log.text);
		const double hz = strike_hz(host);
		CHECK(fabs(hz / TONE_HZ - 1.0) < 0.005,
		      "after %s it plays %.1f Hz, not the previous "
		      "sample's %.0f",
		      bad[i], hz, TONE_HZ);
		const char* name = strrchr(bad[i], '/') + 1;
		printf("%-20s %s", name, strstr(log.text, ": ") ? strstr(log.text, "sample: ") : log.text);
		host_free(host);
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); ++i) {
		free((char*)bad[i]);
	}
	free(good);
	free(flac);
	free(ogg);
}

/* Integrated loudness of 20 s of Alternate at 1 Hz. */
static double
session_lufs(Host* host)
{
	Stereo s = stereo_new((size_t)(20.0 * RATE));
	render(host, &s, 256);
	ebur128_state* meter = ebur128_init(2, (unsigned long)RATE, EBUR128_MODE_I);
	float* frames = (float*)malloc(2 * s.frames * sizeof(float));
	for (size_t i = 0; i < s.frames; ++i) {
		frames[2 * i] = s.left[i];
		frames[2 * i + 1] = s.right[i];
	}
	ebur128_add_frames_float(meter, frames, s.frames);
	double lufs = 0.0;
	ebur128_loudness_global(meter, &lufs);
	ebur128_destroy(&meter);
	free(frames);
	stereo_free(&s);
	return lufs;
}

static void
test_loudness(const char* dir)
{
	char* path = sample_path(dir, "quiet tone.wav");
	CHECK(write_tone(path, SF_FORMAT_WAV | SF_FORMAT_PCM_24, 44100, 1, 330.0, 0.4, 0.05, 0.2),
	      "writing %s", path);
	Host* sine = open_sampler(NULL);
	set_control(sine, "cue_sound", 0.0f);
	const double sine_lufs = session_lufs(sine);
	Host* sample = open_sampler(NULL);
	char reported[4096];
	load(sample, path, reported, sizeof(reported));
	const double sample_lufs = session_lufs(sample);
	printf("loudness: soft sine %.2f LUFS, a -26 dBFS sample %.2f LUFS (%+.2f LU)\n", sine_lufs,
	       sample_lufs, sample_lufs - sine_lufs);
	CHECK(fabs(sample_lufs - sine_lufs) < 1.0, "the sample is %.2f LU off",
	      sample_lufs - sine_lufs);
	host_free(sine);
	host_free(sample);
	free(path);
}

int
main(void)
{
	char* dir = sample_dir_new();
	test_pitch(dir);
	test_state(dir);
	test_save_beside_run(dir);
	test_bad_files(dir);
	test_loudness(dir);
	sample_dir_free(dir);
	return 0;
}
