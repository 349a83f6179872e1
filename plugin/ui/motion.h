/* SPDX-License-Identifier: ISC */
/* Where the session is at a moment of the window's clock: the plugin's
 * last motion snapshot (motion_snapshot.h), run on with the same pure gaze
 * and breath code to the frame that sounds now.
 *
 * The window cannot see the audio clock, only when snapshots arrive: a
 * snapshot of frame F that arrives at time t says the clock was at F no
 * later than t.  The estimate takes the earliest-arriving of them (the
 * largest F - rate * t), so host jitter, and a backlog passed on late, only
 * ever show as the least delay there was; it leaks slowly back so that a
 * clock slower than the wall's is followed too, and snapshots that stay
 * well behind it for a while (the audio stalled) are taken as they come.
 * A new start, a jump back of the session, or a
 * stopped clock is taken as it comes.  Any thread, no allocation. */
#ifndef SOMASCAPE_UI_MOTION_H
#define SOMASCAPE_UI_MOTION_H

#include "motion_snapshot.h"

#include <stdbool.h>
#include <stdint.h>

/* The farthest a snapshot is run on (a host that stopped sending). */
#define MOTION_MAX_AHEAD_S 0.25

typedef struct {
	bool have; /* a snapshot arrived */
	MotionSnapshot snap;
	double offset;       /* estimated session frame - rate * wall time */
	double taken_s;      /* wall time of the last snapshot */
	double behind_since; /* snapshots well behind the estimate since
	                              * then (< 0: they are not) */
} Motion;

/* Where it stands at one moment. */
typedef struct {
	int64_t frame;
	Gaze gaze;
	Breath breath;
} MotionNow;

void motion_init(Motion* m);

/* A snapshot that arrived at wall time now_s (seconds, any monotonic
 * clock); false when it is not a snapshot of this build. */
bool motion_take(Motion* m, const void* chunk, uint32_t size, double now_s);

/* The session at wall time now_s; false before the first snapshot. */
bool motion_at(const Motion* m, double now_s, MotionNow* now);

/* Alternate: the share of each half cycle over which the drawn target
 * glides to the other side, landing there on the frame its strike sounds
 * (a target that jumped would blink), and the longest such glide. */
#define ALTERNATE_GLIDE_SHARE 0.4
#define ALTERNATE_GLIDE_MAX_S 0.3

/* Frames the Alternate glide lasts at this gaze's pace. */
uint32_t motion_alternate_glide_frames(const Gaze* g);

/* Where the target is drawn: the gaze position, except in Alternate,
 * where it glides to the coming strike's side. */
float motion_drawn_position(const MotionNow* now);

#endif
