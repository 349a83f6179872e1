/* SPDX-License-Identifier: ISC */
/* What --video, --video-size and --fps ask for, checked before any work:
 * the container from the file's extension, and its codecs. */
#ifndef SOMASCAPE_VIDEO_SPEC_H
#define SOMASCAPE_VIDEO_SPEC_H

#include <stdbool.h>
#include <stddef.h>

typedef enum {
	VIDEO_MP4,  /* H.264 yuv420p + AAC, index at the front (faststart) */
	VIDEO_WEBM, /* VP9 + Opus */
	VIDEO_MKV,  /* H.264 + FLAC: the session's audio without loss */
} VideoContainer;

#define VIDEO_DEFAULT_WIDTH 1280
#define VIDEO_DEFAULT_HEIGHT 720
#define VIDEO_DEFAULT_FPS 30
#define VIDEO_MAX_WIDTH 7680
#define VIDEO_MAX_HEIGHT 4320
#define VIDEO_MAX_FPS 240

typedef struct {
	const char* path;
	VideoContainer container;
	int width, height;
	int fps;
} VideoSpec;

/* The container for the path's extension (.mp4, .webm, .mkv). */
bool video_container_for(const char* path, VideoContainer* container, char* err, size_t err_size);

/* "WxH": both even (yuv420p halves them), from 16x16 to 7680x4320. */
bool video_size_parse(const char* text, int* width, int* height, char* err, size_t err_size);

/* Frames per second: a whole number from 1 to 240. */
bool video_fps_parse(const char* text, int* fps, char* err, size_t err_size);

#endif
