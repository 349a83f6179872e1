/* SPDX-License-Identifier: ISC */
/* What a video picture shows, read from the plugin's output ports (and the
 * Display controls of the projector's look) between runs. */
#ifndef SOMASCAPE_VIDEO_STATE_H
#define SOMASCAPE_VIDEO_STATE_H

#include "host.h"
#include "video_picture.h"

typedef struct {
	const float* gaze_pos;
	const float* breath_level;
} VideoWatch;

void video_watch_bind(VideoWatch* watch, Host* host);

void video_watch_read(const VideoWatch* watch, VideoMoment* moment);

#endif
