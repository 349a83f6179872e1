/* SPDX-License-Identifier: ISC */
/* --video-look: the projector's look in one option, e.g.
 * "shape=Ring,size=12,colour=Amber,bright=60,ring=off,captions=on": each
 * part a Display control (display_shape, ...) with or without its prefix,
 * and a value as --set takes it (a number or a label), or on/off for the
 * toggles.  The same as --set of those controls, so a look saved in a
 * host's session and a look given here are one thing. */
#ifndef SOMASCAPE_VIDEO_LOOK_H
#define SOMASCAPE_VIDEO_LOOK_H

#include <stdbool.h>
#include <stddef.h>

#define VIDEO_LOOK_MAX_PARTS 16

typedef struct {
	char* symbols[VIDEO_LOOK_MAX_PARTS]; /* display_..., allocated */
	char* values[VIDEO_LOOK_MAX_PARTS];  /* as written (on/off made 1/0), allocated */
	size_t n;
} VideoLookParts;

/* False with the problem in err (an empty part, no '=', a name that is not
 * part of the look, too many parts); the parts are freed then. */
bool video_look_split(const char* spec, VideoLookParts* parts, char* err, size_t err_size);

void video_look_free(VideoLookParts* parts);

#endif
