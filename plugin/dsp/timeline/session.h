/* SPDX-License-Identifier: ISC */
/* The session's arc: fade-in from the start, and with a session length a
 * fade-out that ends at that length, where the end chime sounds. */
#ifndef SOMASCAPE_SESSION_H
#define SOMASCAPE_SESSION_H

#include <stdbool.h>
#include <stdint.h>

typedef struct {
	double fade_in_s;
	double length_s; /* 0 = endless */
	double fade_out_s;
} SessionParams;

/* The gain of the session at time t (seconds), 0..1, with smooth
 * (raised-cosine) fades. */
float session_gain(const SessionParams* p, double t);

/* The frame on which the session ends, -1 when it is endless: made when
 * the parameters change, for session_frames_to_end. */
int64_t session_end_frame(const SessionParams* p, double rate);

/* Frames from `frame` (>= 0) until the session ends on end_frame
 * (UINT64_MAX when endless or already over). */
static inline uint64_t
session_frames_to_end(int64_t end_frame, int64_t frame)
{
	return end_frame >= frame ? (uint64_t)(end_frame - frame) : UINT64_MAX;
}

static inline bool
session_over(const SessionParams* p, double t)
{
	return p->length_s > 0.0 && t >= p->length_s;
}

#endif
