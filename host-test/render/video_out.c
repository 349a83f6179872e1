/* SPDX-License-Identifier: ISC */
#include "video_out.h"

#include "atomic_file.h"
#include "ffmpeg_child.h"
#include "video_frame.h"
#include "video_state.h"

#include <cairo.h>
#include <fontconfig/fontconfig.h>

#include <errno.h>
#include <math.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Interleaved stereo frames gathered between writes to ffmpeg. */
#define AUDIO_CHUNK_FRAMES 4096u
/* How far the sound given to ffmpeg runs ahead of the pictures. */
#define AUDIO_LEAD_S 1.5

struct VideoOut {
	VideoSpec spec;
	int64_t rate;
	int64_t pictures; /* sent so far */
	AtomicFile file;
	FfmpegChild ffmpeg;
	VideoWatch watch;
	VideoFrame picture;
	float audio[2 * AUDIO_CHUNK_FRAMES];
	uint32_t audio_frames;
	TruePeakLimiter* limiter; /* --loudness's, its own copy, or NULL */
	/* Pictures taken and not yet sent, a ring: each goes to ffmpeg once
	 * the sound has run AUDIO_LEAD_S past it, since an audio encoder
	 * takes whole frames (FLAC's are 0.58 s at 8 kHz) and ffmpeg stops
	 * reading pictures until it has the sound to put beside them. */
	ViewState* waiting;
	uint32_t waiting_cap, waiting_first, waiting_count;
	int64_t audio_taken; /* frames */
};

/* ffmpeg's command line: raw yuv420p on stdin, raw float stereo on fd 3,
 * the container's codecs, the file under its temporary name. */
typedef struct {
	char size[32], fps[16], rate[16];
	char* argv[96]; /* room for the longest (WebM's), and the NULL */
	int argc;
} FfmpegArgs;

static void
add(FfmpegArgs* a, const char* first, ...)
{
	va_list ap;
	va_start(ap, first);
	for (const char* s = first; s; s = va_arg(ap, const char*)) {
		const int room = (int)(sizeof(a->argv) / sizeof(a->argv[0])) - 1;
		if (a->argc < room) {
			a->argv[a->argc++] = (char*)s;
		}
	}
	va_end(ap);
}

static void
build_args(FfmpegArgs* a, const VideoSpec* spec, unsigned rate, const char* temp_path)
{
	snprintf(a->size, sizeof(a->size), "%dx%d", spec->width, spec->height);
	snprintf(a->fps, sizeof(a->fps), "%d", spec->fps);
	snprintf(a->rate, sizeof(a->rate), "%u", rate);
	a->argc = 0;
	add(a, "ffmpeg", "-nostdin", "-hide_banner", "-nostats", "-loglevel", "error", "-y",
	    (const char*)NULL);
	/* the inputs need no probing (ffmpeg would wait for pictures meanwhile) */
	add(a, "-probesize", "32", "-analyzeduration", "0", "-f", "rawvideo", "-pix_fmt", "yuv420p",
	    "-video_size", a->size, "-framerate", a->fps, "-i", "pipe:0", (const char*)NULL);
	add(a, "-probesize", "32", "-analyzeduration", "0", "-f", "f32le", "-ar", a->rate, "-ac", "2",
	    "-i", "pipe:3", (const char*)NULL);
	add(a, "-map", "0:v", "-map", "1:a", "-color_range", "tv", "-colorspace", "bt709",
	    "-color_primaries", "bt709", "-color_trc", "bt709", (const char*)NULL);
	switch (spec->container) {
	case VIDEO_MP4:
		add(a, "-c:v", "libx264", "-preset", "veryfast", "-crf", "20", "-c:a", "aac", "-aac_coder",
		    "fast", "-b:a", "192k", "-movflags", "+faststart", "-f", "mp4", (const char*)NULL);
		break;
	case VIDEO_WEBM:
		add(a, "-c:v", "libvpx-vp9", "-deadline", "realtime", "-cpu-used", "8", "-row-mt", "1",
		    "-crf", "32", "-b:v", "0", "-c:a", "libopus", "-b:a", "128k", "-f", "webm",
		    (const char*)NULL);
		break;
	case VIDEO_MKV:
		add(a, "-c:v", "libx264", "-preset", "veryfast", "-crf", "20", "-c:a", "flac", "-f",
		    "matroska", (const char*)NULL);
		break;
	}
	add(a, temp_path, (const char*)NULL);
	a->argv[a->argc] = NULL;
}

VideoOut*
video_out_open(const VideoSpec* spec, unsigned rate, char* err, size_t err_size)
{
	if (!ffmpeg_on_path()) {
		snprintf(err, err_size,
		         "--video needs the ffmpeg program, which is not on PATH: "
		         "install the Debian package '%s'",
		         FFMPEG_PACKAGE);
		return NULL;
	}
	VideoOut* v = (VideoOut*)calloc(1, sizeof(VideoOut));
	if (!v) {
		snprintf(err, err_size, "out of memory");
		return NULL;
	}
	v->spec = *spec;
	v->rate = rate;
	v->ffmpeg = (FfmpegChild){0, -1, -1, -1, NULL, 0, 0, 0};
	const int fd = atomic_file_open(&v->file, spec->path, err, err_size);
	if (fd < 0) {
		free(v);
		return NULL;
	}
	close(fd);
	v->waiting_cap = (uint32_t)ceil(AUDIO_LEAD_S * spec->fps) + 2;
	v->waiting = (ViewState*)calloc(v->waiting_cap, sizeof(ViewState));
	if (!v->waiting || !video_frame_init(&v->picture, spec->width, spec->height)) {
		snprintf(err, err_size, "out of memory for %dx%d pictures", spec->width, spec->height);
		video_out_abort(v);
		return NULL;
	}
	FfmpegArgs args;
	build_args(&args, spec, rate, v->file.temp_path);
	if (!ffmpeg_start(&v->ffmpeg, args.argv, err, err_size)) {
		video_out_abort(v);
		return NULL;
	}
	return v;
}

void
video_out_watch(VideoOut* video, Host* host)
{
	video_watch_bind(&video->watch, host);
}

/* The frame of picture n's time: round(n * rate / fps), in whole numbers. */
static int64_t
picture_frame(const VideoOut* video, int64_t n)
{
	const int64_t fps = video->spec.fps;
	return (2 * n * video->rate + fps) / (2 * fps);
}

int64_t
video_out_next_frame(const VideoOut* video)
{
	return picture_frame(video, video->pictures) + 1;
}

void
video_out_limit(VideoOut* video, TruePeakLimiter* limiter)
{
	video->limiter = limiter;
}

/* The frames gathered, through the limiter (which holds back its
 * look-ahead's worth until more come, or the end). */
static bool
flush_audio(VideoOut* v, char* err, size_t err_size)
{
	const size_t frames = v->limiter
	                          ? true_peak_limiter_process(v->limiter, v->audio, v->audio_frames)
	                          : v->audio_frames;
	v->audio_frames = 0;
	return ffmpeg_write_audio(&v->ffmpeg, v->audio, frames * 2 * sizeof(float), err, err_size);
}

/* After the last frame: what the limiter still holds. */
static bool
flush_limiter(VideoOut* v, char* err, size_t err_size)
{
	if (!v->limiter) {
		return true;
	}
	float* held = (float*)malloc((size_t)v->limiter->latency * 2 * sizeof(float));
	if (!held) {
		snprintf(err, err_size, "out of memory");
		return false;
	}
	const size_t frames = true_peak_limiter_flush(v->limiter, held);
	const bool ok = ffmpeg_write_audio(&v->ffmpeg, held, frames * 2 * sizeof(float), err, err_size);
	free(held);
	return ok;
}

bool
video_out_audio(VideoOut* video, const float* left, const float* right, uint32_t n, float gain,
                char* err, size_t err_size)
{
	for (uint32_t i = 0; i < n; ++i) {
		if (video->audio_frames == AUDIO_CHUNK_FRAMES && !flush_audio(video, err, err_size)) {
			return false;
		}
		float* out = video->audio + 2 * video->audio_frames++;
		out[0] = gain * left[i];
		out[1] = gain * right[i];
	}
	video->audio_taken += n;
	return true;
}

/* The waiting pictures whose sound has run far enough past them (all of
 * them at the end), each after the sound up to now. */
static bool
send_waiting(VideoOut* v, bool all, char* err, size_t err_size)
{
	const int64_t lead = (int64_t)(AUDIO_LEAD_S * (double)v->rate);
	while (v->waiting_count > 0) {
		const int64_t n = v->pictures - v->waiting_count;
		if (!all && v->waiting_count < v->waiting_cap &&
		    picture_frame(v, n) + lead > v->audio_taken) {
			break;
		}
		video_frame_draw(&v->picture, &v->waiting[v->waiting_first]);
		v->waiting_first = (v->waiting_first + 1) % v->waiting_cap;
		--v->waiting_count;
		const YuvFrame* yuv = v->picture.yuv;
		if (!flush_audio(v, err, err_size) ||
		    !ffmpeg_write_video(&v->ffmpeg, yuv->data, yuv->size, err, err_size)) {
			return false;
		}
	}
	return true;
}

bool
video_out_picture(VideoOut* video, const char* caption, char* err, size_t err_size)
{
	if (video->waiting_count == video->waiting_cap && !send_waiting(video, false, err, err_size)) {
		return false;
	}
	ViewState* now =
	    &video->waiting[(video->waiting_first + video->waiting_count) % video->waiting_cap];
	video_watch_read(&video->watch, now);
	now->caption = caption;
	++video->waiting_count;
	++video->pictures;
	return send_waiting(video, false, err, err_size);
}

/* ffmpeg has closed the file: on the disk before it takes its name, as
 * the audio file is. */
static bool
make_durable(const char* path, const char* name, char* err, size_t err_size)
{
	const int fd = open(path, O_RDONLY);
	const bool ok = fd >= 0 && fsync(fd) == 0;
	if (!ok) {
		snprintf(err, err_size, "writing %s failed: %s", name, strerror(errno));
	}
	if (fd >= 0) {
		close(fd);
	}
	return ok;
}

bool
video_out_commit(VideoOut* video, char* err, size_t err_size)
{
	const bool ok = flush_audio(video, err, err_size) && flush_limiter(video, err, err_size) &&
	                send_waiting(video, true, err, err_size) &&
	                ffmpeg_finish(&video->ffmpeg, err, err_size) &&
	                make_durable(video->file.temp_path, video->spec.path, err, err_size) &&
	                atomic_file_commit(&video->file, err, err_size);
	video_out_abort(video);
	return ok;
}

void
video_out_abort(VideoOut* video)
{
	if (video) {
		ffmpeg_abort(&video->ffmpeg);
		atomic_file_abort(&video->file);
		video_frame_free(&video->picture);
		free(video->waiting);
		free(video);
		/* what cairo and fontconfig keep for the process after the
		 * captions' text, released as the plot does (leak checkers see
		 * none; they load again if more text is drawn) */
		cairo_debug_reset_static_data();
		FcFini();
	}
}
