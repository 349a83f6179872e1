/* SPDX-License-Identifier: ISC */
#include "render_outputs.h"

#include "duration.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

bool
render_outputs_open(RenderOutputs* out, const RenderOptions* o, int64_t frames, double seconds,
                    char* err, size_t err_size)
{
	memset(out, 0, sizeof(*out));
	const char* output = o->output ? o->output : o->has_video ? o->video.path : "no audio";
	if (o->output) {
		out->have_audio =
		    audio_file_open(&out->audio, o->output, o->format, (int)o->rate, err, err_size);
		if (!out->have_audio) {
			return false;
		}
	}
	if (o->cues_path) {
		out->have_cues = cue_sheet_open(&out->cues, o->cues_path, o->rate, err, err_size);
		if (!out->have_cues) {
			return false;
		}
	}
	if (o->plot_path) {
		const char* slash = strrchr(output, '/');
		char length[32], title[256];
		duration_format(seconds, length, sizeof(length));
		snprintf(title, sizeof(title), "somascape  \xe2\x80\x94  %s  \xe2\x80\x94  %s%s%s",
		         slash ? slash + 1 : output, length, o->preset ? "  \xe2\x80\x94  " : "",
		         o->preset ? o->preset : "");
		out->have_plot = plot_open(&out->plot, o->plot_path, frames, o->rate, title, err, err_size);
		if (!out->have_plot) {
			return false;
		}
	}
	if (o->has_video) {
		out->video = video_out_open(&o->video, o->rate, err, err_size);
		if (!out->video) {
			return false;
		}
	}
	return true;
}

void
render_outputs_abort(RenderOutputs* out)
{
	if (out->have_audio) {
		audio_file_abort(&out->audio);
	}
	if (out->have_cues) {
		cue_sheet_abort(&out->cues);
	}
	if (out->have_plot) {
		plot_abort(&out->plot);
	}
	video_out_abort(out->video);
	out->video = NULL;
}

bool
render_outputs_commit(RenderOutputs* out, const RenderOptions* o, int64_t frames, char* err,
                      size_t err_size)
{
	/* the files already in place, removed again if a later one fails */
	const char* done[4];
	size_t n_done = 0;
	/* the video first: ffmpeg may still fail while it finishes the file */
	bool ok = !out->video || video_out_commit(out->video, err, err_size);
	if (ok && out->video) {
		done[n_done++] = o->video.path;
	}
	out->video = NULL;
	if (ok && out->have_audio) {
		ok = audio_file_commit(&out->audio, err, err_size);
		out->have_audio = false;
		done[n_done++] = o->output;
	}
	if (ok && out->have_cues) {
		ok = cue_sheet_commit(&out->cues, frames, err, err_size);
		out->have_cues = false;
		done[n_done++] = o->cues_path;
	}
	if (ok && out->have_plot) {
		ok = plot_commit(&out->plot, err, err_size);
		out->have_plot = false;
		done[n_done++] = o->plot_path;
	}
	if (!ok) {
		/* the last one failed and is gone already */
		for (size_t i = 0; i + 1 < n_done; ++i) {
			unlink(done[i]);
		}
	}
	render_outputs_abort(out);
	return ok;
}
