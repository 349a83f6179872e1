/* SPDX-License-Identifier: ISC */
/* The session as a video (--video): a picture of the projector view at
 * every frame time, drawn from the plugin's outputs after a run that ends
 * exactly there, converted to yuv420p and piped to ffmpeg with the audio
 * rendered up to it.  ffmpeg writes under a temporary name in the
 * output's folder; video_out_commit() renames it into place once ffmpeg
 * has finished it. */
#ifndef SOMASCAPE_VIDEO_OUT_H
#define SOMASCAPE_VIDEO_OUT_H

#include "host.h"
#include "true_peak_limiter.h"
#include "video_spec.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct VideoOut VideoOut;

/* Starts ffmpeg for a session at `rate` (whole Hz); NULL with the reason
 * in err. */
VideoOut* video_out_open(const VideoSpec* spec, unsigned rate, char* err, size_t err_size);

/* The plugin instance whose outputs the pictures show. */
void video_out_watch(VideoOut* video, Host* host);

/* The session frame at which the next picture is due: the one after the
 * picture's time, so that what happens on the frame of its time (a tap on
 * the frame of a picture) is in it. */
int64_t video_out_next_frame(const VideoOut* video);

/* The audio goes through `limiter` too (NULL: none), a copy of the one
 * the file's audio goes through, so that the video's sound is the file's.
 * It stays the caller's. */
void video_out_limit(VideoOut* video, TruePeakLimiter* limiter);

/* The n frames just rendered, to go with the pictures; gain as the file's. */
bool video_out_audio(VideoOut* video, const float* left, const float* right, uint32_t n, float gain,
                     char* err, size_t err_size);

/* The picture due now, from the outputs as they are; `caption` (a voice
 * prompt's, or NULL) is written in place of the one the outputs imply
 * when the look shows captions. */
bool video_out_picture(VideoOut* video, const char* caption, char* err, size_t err_size);

/* Sends the rest of the audio, waits for ffmpeg to finish, renames the
 * file into place and frees the sink; false (the file removed) if anything
 * failed. */
bool video_out_commit(VideoOut* video, char* err, size_t err_size);

/* Stops ffmpeg, removes the unfinished file and frees the sink; NULL is
 * fine. */
void video_out_abort(VideoOut* video);

#endif
