/* SPDX-License-Identifier: ISC */
#include "render.h"

#include "audio_writer.h"
#include "file_params.h"
#include "host.h"
#include "presets.h"
#include "progress.h"
#include "script_player.h"
#include "voice_mix.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

volatile sig_atomic_t render_interrupted = 0;

uint32_t
render_observe_block(double rate)
{
	const uint32_t two_ms = (uint32_t)(rate / 500.0);
	return two_ms < 1 ? 1 : two_ms > 64 ? 64 : two_ms;
}

/* Output ports the sinks read after each run. */
typedef struct {
	const float* gaze_side;
	const float* set_active;
	const float* breath_stage;
	const float* gaze_pos;
	const float* breath_level;
} Watched;

static const float zero = 0.0f;

static const float*
watch(Host* host, const char* symbol)
{
	const float* value = host_control(host, symbol);
	return value ? value : &zero;
}

static bool
apply_plan_start(const RenderPlan* plan, Host* host, char* err, size_t err_size)
{
	if (plan->base_dir && host_set_base_dir(host, plan->base_dir) != 0) {
		snprintf(err, err_size, "cannot use the directory %s", plan->base_dir);
		return false;
	}
	if (plan->preset) {
		LilvNode* preset = preset_find(host, plan->preset, err, err_size);
		const bool ok = preset && preset_apply(host, preset, err, err_size);
		lilv_node_free(preset);
		if (!ok) {
			return false;
		}
	}
	for (size_t i = 0; i < plan->n_settings; ++i) {
		if (!host_set(host, plan->settings[i].symbol, plan->settings[i].value)) {
			snprintf(err, err_size, "unknown control '%s'", plan->settings[i].symbol);
			return false;
		}
	}
	return true;
}

/* Where runs render when nothing takes the audio (and the zero-frame run
 * that loads files). */
typedef struct {
	float left[HOST_MAX_BLOCK];
	float right[HOST_MAX_BLOCK];
} Buffers;

_Static_assert(HOST_MAX_BLOCK <= AUDIO_WRITER_SLOT_FRAMES, "a run fits in the writer's slot");

/* The prompts' captions (or file names) at their clips' frames. */
static void
write_captions(const RenderPlan* plan, CueSheet* cues)
{
	for (size_t i = 0; i < plan->n_voices; ++i) {
		const VoiceClip* c = &plan->voices[i];
		if (c->caption && c->length > 0) {
			cue_sheet_caption(cues, c->start, c->start + c->length, c->caption);
		}
	}
}

/* The caption of the prompt sounding at `frame` (the latest begun), or
 * NULL: what the video writes while the teacher speaks. */
static const char*
caption_at(const RenderPlan* plan, int64_t frame)
{
	const VoiceClip* latest = NULL;
	for (size_t i = 0; i < plan->n_voices; ++i) {
		const VoiceClip* c = &plan->voices[i];
		if (c->caption && c->start <= frame && frame < c->start + c->length &&
		    (!latest || c->start >= latest->start)) {
			latest = c;
		}
	}
	return latest ? latest->caption : NULL;
}

/* The voice mix of the plan, if it has clips; their captions to the cue
 * sheet.  False with the reason in err. */
static bool
start_voice(const RenderPlan* plan, const RenderSinks* sinks, VoiceMix** voice, char* err,
            size_t err_size)
{
	*voice = NULL;
	if (plan->n_voices == 0) {
		return true;
	}
	*voice = voice_mix_new(plan->voices, plan->n_voices, plan->rate, plan->duck_db, err, err_size);
	if (*voice && sinks->cues) {
		write_captions(plan, sinks->cues);
	}
	return *voice != NULL;
}

/* The audio goes to the writer, if there is one. */
static bool
run_session(const RenderPlan* plan, const RenderSinks* sinks, Host* host, Buffers* buf,
            AudioWriter* writer, char* err, size_t err_size)
{
	const Watched w = {watch(host, "gaze_side"), watch(host, "set_active"),
	                   watch(host, "breath_stage"), watch(host, "gaze_pos"),
	                   watch(host, "breath_level")};
	uint32_t block = plan->block;
	if (sinks->cues || sinks->plot) {
		const uint32_t observe = render_observe_block(plan->rate);
		block = block < observe ? block : observe;
	}
	VoiceMix* voice;
	if (!start_voice(plan, sinks, &voice, err, err_size)) {
		return false;
	}
	ScriptPlayer player;
	script_player_init(&player, plan->script, plan->rate);
	VideoOut* video = sinks->video;
	if (video) {
		video_out_watch(video, host);
	}
	Progress progress;
	progress_start(&progress, sinks->label, plan->frames, plan->rate);
	bool ok = true;
	for (int64_t frame = 0; frame < plan->frames;) {
		if (render_interrupted) {
			snprintf(err, err_size, "interrupted");
			ok = false;
			break;
		}
		if (!script_player_apply(&player, host, frame, err, err_size)) {
			ok = false;
			break;
		}
		int64_t n = plan->frames - frame;
		n = n < block ? n : block;
		const int64_t next = script_player_next(&player, frame);
		n = next - frame < n ? next - frame : n;
		if (video) {
			/* the run ends where the next picture is due */
			const int64_t picture = video_out_next_frame(video);
			n = picture - frame < n ? picture - frame : n;
		}
		float* left = buf->left;
		float* right = buf->right;
		if (writer && !audio_writer_reserve(writer, (uint32_t)n, &left, &right, err, err_size)) {
			ok = false;
			break;
		}
		host_run(host, left, right, (uint32_t)n);
		bool voiced = false;
		if (voice &&
		    !voice_mix_process(voice, frame, left, right, (uint32_t)n, &voiced, err, err_size)) {
			ok = false;
			break;
		}
		if (voiced && sinks->plot) {
			plot_observe_voice(sinks->plot, frame, n);
		}
		if (sinks->cues) {
			cue_sheet_observe(sinks->cues, frame, *w.gaze_side, *w.set_active, *w.breath_stage);
		}
		if (sinks->plot) {
			plot_observe(sinks->plot, frame + n, *w.gaze_pos, *w.breath_level, *w.set_active);
		}
		if (video && !video_out_audio(video, left, right, (uint32_t)n, plan->gain, err, err_size)) {
			ok = false;
			break;
		}
		if (writer) {
			audio_writer_commit(writer, (uint32_t)n);
		}
		frame += n;
		if (video && video_out_next_frame(video) == frame &&
		    !video_out_picture(video, caption_at(plan, frame - 1), err, err_size)) {
			ok = false;
			break;
		}
		progress_update(&progress, frame);
	}
	progress_finish(&progress);
	if (voice && plan->mix_peak) {
		*plan->mix_peak = voice_mix_peak(voice);
	}
	voice_mix_free(voice);
	return ok;
}

bool
render_pass(const RenderPlan* plan, const RenderSinks* sinks, char* err, size_t err_size)
{
	Host* host = host_new(plan->plugin_uri, plan->rate, err, err_size);
	if (!host) {
		return false;
	}
	Buffers* buf = (Buffers*)calloc(1, sizeof(Buffers));
	bool ok = buf != NULL;
	if (!ok) {
		snprintf(err, err_size, "out of memory");
	}
	ok = ok && apply_plan_start(plan, host, err, err_size);
	if (ok) {
		host_activate(host);
		/* a preset's files (plugin state) load through the worker: a
		 * zero-frame run takes them in before the first frame */
		host_run(host, buf->left, buf->right, 0);
		for (size_t i = 0; ok && i < plan->n_files; ++i) {
			const FileSetting* f = &plan->files[i];
			ok = file_param_load(host, f->uri, f->name, f->path, err, err_size);
		}
		AudioWriter* writer = NULL;
		if (ok && (sinks->audio || sinks->meter)) {
			writer = audio_writer_start(sinks->audio, sinks->meter, plan->gain, sinks->limiter, err,
			                            err_size);
			ok = writer != NULL;
		}
		ok = ok && run_session(plan, sinks, host, buf, writer, err, err_size);
		if (ok && host_output_error(host)) {
			snprintf(err, err_size, "the plugin broke the LV2 protocol: %s",
			         host_output_error(host));
			ok = false;
		}
		/* after a failed render the writer's message (if any) is the cause */
		ok = (!writer || audio_writer_finish(writer, err, err_size)) && ok;
		host_deactivate(host);
	}
	free(buf);
	host_free(host);
	return ok;
}
