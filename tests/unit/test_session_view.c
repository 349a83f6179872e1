/* SPDX-License-Identifier: ISC */
/* What the pictures show, read from a running engine (session_view.c):
 * the set's number, its passes and the rest's countdown, the seconds left
 * in the breath's stage and in the session, each against the timeline the
 * controls describe. */
#undef NDEBUG
#include "check.h"
#include "session_view.h"

#include <math.h>

#define RATE 48000.0

static Engine engine; /* static: its vector state asks for alignment */

/* Renders on to session second t. */
static void
play_to(double t)
{
	static float left[4096], right[4096];
	const int64_t target = (int64_t)llround(t * RATE);
	while (engine.frame < target) {
		const int64_t n = target - engine.frame < 4096 ? target - engine.frame : 4096;
		engine_process(&engine, left, right, (uint32_t)n);
	}
}

static ViewState
state_at(double t)
{
	play_to(t);
	ViewState s;
	view_state_init(&s);
	session_view_fill(&s, &engine);
	CHECK(fabs(s.session_s - t) < 1e-3, "session time %.4f at %.4f", s.session_s, t);
	return s;
}

int
main(void)
{
	Controls c;
	controls_defaults(&c);
	c.gaze_mode = 2; /* Alternate at 1 Hz: two passes a second */
	c.gaze_rate = 1.0f;
	c.set_length = 10.0f;
	c.set_rest = 4.0f;
	c.breath_in = 4.0f;
	c.breath_out = 6.0f;
	c.session_len = 1.0f; /* minute */
	engine_init(&engine, RATE);
	engine_set_controls(&engine, &c);

	ViewState s = state_at(2.5);
	CHECK(s.set_active && s.set_number == 1, "at 2.5 s: set %u, %s", s.set_number,
	      s.set_active ? "running" : "resting");
	CHECK(s.passes >= 4 && s.passes <= 6, "at 2.5 s: %u passes in the set", s.passes);
	CHECK(s.rest_left_s < 0.0f, "a rest countdown while the set runs");
	CHECK(s.breath_stage == VIEW_BREATH_IN && fabs(s.breath_left_s - 1.5) < 0.01,
	      "at 2.5 s: stage %d with %.3f s left (want the inhale, 1.5 s)", s.breath_stage,
	      s.breath_left_s);
	CHECK(fabs(s.session_left_s - 57.5) < 0.01, "at 2.5 s: %.3f s of the session left",
	      s.session_left_s);

	s = state_at(7.0);
	CHECK(s.breath_stage == VIEW_BREATH_OUT && fabs(s.breath_left_s - 3.0) < 0.01,
	      "at 7 s: stage %d with %.3f s left (want the exhale, 3 s)", s.breath_stage,
	      s.breath_left_s);

	s = state_at(11.5);
	CHECK(!s.set_active && fabs(s.rest_left_s - 2.5) < 0.01,
	      "at 11.5 s: %s, %.3f s of rest left (want 2.5)", s.set_active ? "running" : "resting",
	      s.rest_left_s);

	s = state_at(15.0);
	CHECK(s.set_active && s.set_number == 2 && s.passes <= 2,
	      "at 15 s: set %u with %u passes (want the second, just begun)", s.set_number, s.passes);

	/* Sets cued live: a rest until the next cue has no countdown. */
	engine_toggle_set(&engine);
	s = state_at(16.0);
	CHECK(!s.set_active && s.rest_left_s < 0.0f, "a live rest counts down %.3f s", s.rest_left_s);

	/* Endless sessions and continuous stimulation: no count, no end. */
	c.session_len = 0.0f;
	c.set_length = 0.0f;
	engine_set_controls(&engine, &c);
	engine_toggle_set(&engine);
	s = state_at(20.0);
	CHECK(s.session_left_s < 0.0 && s.set_number == 0, "endless: %.1f s left, set %u",
	      s.session_left_s, s.set_number);
	printf("session view: sets, passes, rests, breath stages and time left checked\n");
	return 0;
}
