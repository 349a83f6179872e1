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

/* Frames from `frame` until the session ends (UINT64_MAX when endless or
 * already over). */
uint64_t session_frames_to_end(const SessionParams* p, double rate, int64_t frame);

static inline bool
session_over(const SessionParams* p, double t)
{
	return p->length_s > 0.0 && t >= p->length_s;
}

#endif
