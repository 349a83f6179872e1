/* SPDX-License-Identifier: ISC */
#include "motion.h"

#include "grid.h"

#include <math.h>
#include <string.h>

/* How fast the clock estimate leaks back: 2 ms a second. */
#define LEAK 0.002
/* Snapshots this far (in seconds) behind the estimate ... */
#define BEHIND_S 0.1
/* ... for this long mean the audio clock fell behind (a stall, an xrun),
 * not that the host passed on a backlog late. */
#define BEHIND_FOR_S 0.5

void
motion_init(Motion* m)
{
	memset(m, 0, sizeof(*m));
	m->behind_since = -1.0;
}

bool
motion_take(Motion* m, const void* chunk, uint32_t size, double now_s)
{
	MotionSnapshot snap;
	if (size != sizeof(snap)) {
		return false;
	}
	memcpy(&snap, chunk, sizeof(snap));
	if (snap.size != sizeof(snap) || !(snap.rate >= 1000.0 && snap.rate <= 1536000.0)) {
		return false;
	}
	const double offset = (double)snap.frame - snap.rate * now_s;
	/* a new start, a stop, or the session moved back: taken as it comes */
	const bool continuous = m->have && snap.advancing && m->snap.advancing &&
	                        snap.rate == m->snap.rate && snap.frame >= m->snap.frame;
	if (!continuous) {
		m->offset = offset;
		m->behind_since = -1.0;
	} else {
		const double leaked = m->offset - LEAK * snap.rate * (now_s - m->taken_s);
		m->offset = offset > leaked ? offset : leaked;
		if (offset >= m->offset - BEHIND_S * snap.rate) {
			m->behind_since = -1.0;
		} else if (m->behind_since < 0.0) {
			m->behind_since = now_s;
		} else if (now_s - m->behind_since > BEHIND_FOR_S) {
			m->offset = offset;
			m->behind_since = -1.0;
		}
	}
	m->snap = snap;
	m->taken_s = now_s;
	m->have = true;
	return true;
}

/* Runs gaze and breath on from `from` to `to` as the engine does: the
 * grid's slow steps at every multiple of GRID_FRAMES, the events taken as
 * they fall (the window makes no sound of them). */
static void
run_on(MotionNow* now, int64_t to)
{
	int64_t f = now->frame;
	while (f < to) {
		const uint32_t grid_at = (uint32_t)(f % GRID_FRAMES);
		if (grid_at == 0) {
			breath_grid(&now->breath, NULL, f);
			gaze_grid(&now->gaze, NULL);
		}
		const int64_t room = (int64_t)(GRID_FRAMES - grid_at);
		const uint32_t max = (uint32_t)(to - f < room ? to - f : room);
		const uint32_t to_turn = breath_frames_to_turn(&now->breath, max);
		if (to_turn == 0) {
			BreathStage stage;
			breath_take_turn(&now->breath, &stage);
			continue;
		}
		GazeEvent ev;
		const uint32_t k = gaze_run(&now->gaze, to_turn, &ev);
		breath_advance(&now->breath, k);
		f += k;
	}
	now->frame = f;
}

bool
motion_at(const Motion* m, double now_s, MotionNow* now)
{
	if (!m->have) {
		return false;
	}
	const MotionSnapshot* s = &m->snap;
	now->frame = s->frame;
	now->gaze = s->gaze;
	now->breath = s->breath;
	if (!s->advancing) {
		return true;
	}
	double target = m->offset + s->rate * now_s;
	const double most = (double)s->frame + MOTION_MAX_AHEAD_S * s->rate;
	target = target < most ? target : most;
	if (target > (double)s->frame) {
		run_on(now, (int64_t)llround(target));
	}
	return true;
}

uint32_t
motion_alternate_glide_frames(const Gaze* g)
{
	if (g->inc == 0) {
		return 0;
	}
	const double half_cycle = 9223372036854775808.0 / (double)g->inc; /* 2^63: half a cycle */
	const double frames = fmin(half_cycle * ALTERNATE_GLIDE_SHARE, ALTERNATE_GLIDE_MAX_S * g->rate);
	return (uint32_t)frames;
}

float
motion_drawn_position(const MotionNow* now)
{
	const Gaze* g = &now->gaze;
	const float pos = gaze_position(g);
	const uint32_t glide = motion_alternate_glide_frames(g);
	if (g->p.mode != GAZE_ALTERNATE || g->resting || g->shift_left > 0 || glide == 0) {
		return pos;
	}
	/* the strike to come, if it falls within the glide */
	Gaze ahead = *g;
	uint32_t to_tap = 0;
	for (int events = 0; events < 4; ++events) {
		GazeEvent ev;
		const uint32_t k = gaze_run(&ahead, glide - to_tap, &ev);
		if (k == 0 && ev.type != GAZE_EVENT_TAP) {
			return pos; /* a set starts or ends: its own glide follows */
		}
		if (k == 0) {
			const float u = 1.0f - (float)to_tap / (float)glide;
			return pos + ((float)ev.side - pos) * (u * u * (3.0f - 2.0f * u));
		}
		to_tap += k;
		if (to_tap >= glide) {
			break;
		}
	}
	return pos;
}
