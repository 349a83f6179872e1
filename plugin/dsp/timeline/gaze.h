/* SPDX-License-Identifier: ISC */
/* Where the eyes are led: the timeline of the gaze cue in every mode, as a
 * function of session frames.  It says where the cue is and when a cue
 * sound is due; it makes no sound itself.
 *
 * The eyes never jump from one pattern to another: when the mode changes
 * or a set starts or ends, the position glides from where it was to the
 * new pattern over GAZE_SHIFT_S, a side-to-side pass at the default pace
 * (half a 1 Hz cycle), so the continuous tone that follows it moves as a
 * gaze moves.
 *
 * The cycle phase is 64-bit fixed point (2^64 = one cycle), so it advances
 * exactly the same whether the host's blocks are 1 or 4096 frames long, and
 * does not drift over a day. */
#ifndef SOMASCAPE_GAZE_H
#define SOMASCAPE_GAZE_H

#include "rng.h"

#include <stdbool.h>
#include <stdint.h>

/* The glide from one pattern to the next. */
#define GAZE_SHIFT_S 0.5

typedef enum { GAZE_OFF, GAZE_SWEEP, GAZE_ALTERNATE, GAZE_HOLD, GAZE_FOLLOW } GazeMode;

typedef struct {
	GazeMode mode;
	double rate_hz;    /* cycles per second; one cycle = a pass each side */
	float shape;       /* Sweep: 0 sine glide .. 1 dwell at the ends */
	double hold_s;     /* Hold: time at each side */
	double rest_s;     /* Hold: time at the centre */
	bool first_left;   /* Hold: go left first */
	float target;      /* Follow: -1 .. 1 */
	float glide_s;     /* Follow: time to reach the target */
	float vary;        /* 0 .. 0.3: pass-to-pass speed variation */
	double set_s;      /* stimulate this long (0 = continuous) */
	double set_rest_s; /* then rest this long */
	bool aligned;      /* kept in line with an outside clock by
	                       * gaze_align_cycle (the breath) */
} GazeParams;

typedef enum {
	GAZE_EVENT_TAP, /* a cue sound is due at `side` */
	GAZE_EVENT_SET_START,
	GAZE_EVENT_SET_END,
} GazeEventType;

typedef struct {
	GazeEventType type;
	int side; /* -1 left, 0 centre, +1 right */
} GazeEvent;

typedef struct {
	double rate;
	GazeParams p;
	uint32_t seed;
	Rng rng;
	uint64_t phase;
	uint64_t inc;                        /* phase step per frame */
	double inc_hz;                       /* the pace inc was made for (NaN: none yet) */
	int64_t set_frames, set_rest_frames; /* p's lengths in frames, */
	int64_t hold_frames, rest_frames;    /* made when they change */
	float pass_factor;                   /* speed variation of the current pass */
	double catch_up;                     /* pace factor that brings a locked cycle into
	                          * line by the next alignment (1 = in line) */
	int hold_segment;                    /* 0 first side, 1 centre, 2 other side, 3 centre */
	int64_t hold_elapsed;
	bool resting; /* between sets */
	bool held;    /* resting until gaze_toggle_set starts a set */
	int64_t set_elapsed;
	bool pending_tap;
	int pending_set; /* 0, or +1 start / -1 end due now */
	float follow_pos;
	float follow_coef;    /* Follow's glide per grid step, made with p */
	float shift_from;     /* where the eyes were when the pattern changed */
	int64_t shift_frames; /* the length of the glide from there */
	int64_t shift_left;   /* frames of it still to go (0: none) */
	int side;
	uint32_t passes;
	uint32_t sets;       /* sets begun since the pattern began (1: the first) */
	uint32_t set_passes; /* passes when the current set began */
	bool started;
} Gaze;

void gaze_init(Gaze* g, double rate, uint32_t seed);

/* Back to the start of the session. */
void gaze_reset(Gaze* g);

/* Called at every grid point: takes the current parameters (NULL when
 * they have not moved since the last call: most steps) and moves the slow
 * parts (Follow's glide) on by one grid step. */
void gaze_grid(Gaze* g, const GazeParams* p);

/* Moves on by at most max_frames, stopping where an event is due.  Returns
 * the frames moved; 0 means *ev is due at the current frame. */
uint32_t gaze_run(Gaze* g, uint32_t max_frames, GazeEvent* ev);

/* A cycle should begin now, for a gaze locked to an outside clock (the
 * breath; the rate then comes from that clock through GazeParams, and the
 * next alignment is `cycles` cycles away).  Sweep and Alternate only.  A
 * cycle nearly in line begins again now: the tap of the cycle start is due
 * now unless it has just sounded, so a lock never doubles or drops a tap.
 * One further out (the lock has just begun, the breath has changed) is
 * not jumped to: the pace changes until the next alignment so that a cycle
 * begins there, as the eyes would catch up. */
void gaze_align_cycle(Gaze* g, unsigned cycles);

/* A new rate from now on (a tempo change): the phase carries on. */
void gaze_retune(Gaze* g, double rate_hz);

/* Puts the cycle at `cycles` (its fraction counts) without a tap: for a
 * gaze phase-locked to an outside clock (the host's bars and beats).
 * Sweep and Alternate only. */
void gaze_lock_phase(Gaze* g, double cycles);

/* Follow: a new target now (a live cue), with a tap toward it. */
void gaze_steer(Gaze* g, float target);

/* Stops the set now and rests until called again, or starts a set now
 * when resting: sets cued live.  Sweep, Alternate and Hold only. */
void gaze_toggle_set(Gaze* g);

/* Where to look now, -1 left .. +1 right. */
float gaze_position(const Gaze* g);

/* True while the cue layer is sounding (a mode is on and no set rest). */
bool gaze_sounding(const Gaze* g);

static inline int
gaze_side(const Gaze* g)
{
	return g->side;
}

static inline uint32_t
gaze_passes(const Gaze* g)
{
	return g->passes;
}

/* For pictures of the session: the set running or last run (1 for the
 * first since the mode began), the passes in it, and the seconds of rest
 * left before the next (-1 when no timed rest runs: a set runs, or the
 * next waits for a live cue). */
static inline uint32_t
gaze_set_number(const Gaze* g)
{
	return g->sets;
}

static inline uint32_t
gaze_set_passes(const Gaze* g)
{
	return g->passes - g->set_passes;
}

double gaze_rest_left_s(const Gaze* g);

#endif
