/* SPDX-License-Identifier: ISC */
#include "video_spec.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

bool
video_container_for(const char* path, VideoContainer* container, char* err, size_t err_size)
{
	static const struct {
		const char* extension;
		VideoContainer container;
	} known[] = {{".mp4", VIDEO_MP4}, {".webm", VIDEO_WEBM}, {".mkv", VIDEO_MKV}};
	const char* dot = strrchr(path, '.');
	const char* slash = strrchr(path, '/');
	if (dot && (!slash || dot > slash)) {
		for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); ++i) {
			if (strcasecmp(dot, known[i].extension) == 0) {
				*container = known[i].container;
				return true;
			}
		}
	}
	snprintf(err, err_size, "--video: '%s' is not a .mp4, .webm or .mkv file", path);
	return false;
}

/* A whole number in [min, max] at text, up to end_char. */
static bool
parse_dimension(const char* text, char end_char, long min, long max, long* value, const char** rest)
{
	char* end = NULL;
	if (*text < '0' || *text > '9') {
		return false;
	}
	*value = strtol(text, &end, 10);
	*rest = end;
	return *end == end_char && *value >= min && *value <= max;
}

bool
video_size_parse(const char* text, int* width, int* height, char* err, size_t err_size)
{
	long w = 0, h = 0;
	const char* rest = NULL;
	if (!parse_dimension(text, 'x', 16, VIDEO_MAX_WIDTH, &w, &rest) ||
	    !parse_dimension(rest + 1, '\0', 16, VIDEO_MAX_HEIGHT, &h, &rest)) {
		snprintf(err, err_size,
		         "--video-size: '%s' is not WIDTHxHEIGHT from 16x16 to %dx%d (e.g. 1280x720)", text,
		         VIDEO_MAX_WIDTH, VIDEO_MAX_HEIGHT);
		return false;
	}
	if (w % 2 || h % 2) {
		snprintf(err, err_size, "--video-size: '%s': width and height must be even", text);
		return false;
	}
	*width = (int)w;
	*height = (int)h;
	return true;
}

bool
video_fps_parse(const char* text, int* fps, char* err, size_t err_size)
{
	long v = 0;
	const char* rest = NULL;
	if (!parse_dimension(text, '\0', 1, VIDEO_MAX_FPS, &v, &rest)) {
		snprintf(err, err_size,
		         "--fps: '%s' is not a whole number of frames per second "
		         "from 1 to %d",
		         text, VIDEO_MAX_FPS);
		return false;
	}
	*fps = (int)v;
	return true;
}
