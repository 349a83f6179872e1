/* SPDX-License-Identifier: ISC */
#include "video_state.h"

static const float zero = 0.0f;

static const float*
port(Host* host, const char* symbol)
{
	const float* value = host_control(host, symbol);
	return value ? value : &zero;
}

void
video_watch_bind(VideoWatch* watch, Host* host)
{
	watch->gaze_pos = port(host, "gaze_pos");
	watch->breath_level = port(host, "breath_level");
}

void
video_watch_read(const VideoWatch* watch, VideoMoment* moment)
{
	moment->gaze_pos = *watch->gaze_pos;
	moment->breath_level = *watch->breath_level;
}
